"""Inline SVG bar charts for the HTML report: no scripts, no fonts, no network."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

ROW_HEIGHT = 30
BAR_HEIGHT = 18
CHART_WIDTH = 560
VALUE_WIDTH = 44
LABEL_CHARS = 30
CHAR_WIDTH = 8.2  # width of a 13px monospace character (labels are monospace), with a margin


@dataclass(frozen=True)
class Bar:
    """One row of a bar chart: its label, value, colour and tooltip."""

    label: str
    value: int
    color: str
    tooltip: str = ""


def bar_chart(bars: Sequence[Bar], title: str) -> str:
    """A horizontal bar chart as an ``<svg>`` element that scales to its container's width."""
    if not bars:
        return '<p class="empty">No findings to chart.</p>'
    label_width = min(LABEL_CHARS, max(len(bar.label) for bar in bars)) * CHAR_WIDTH + 12
    track = CHART_WIDTH - label_width - VALUE_WIDTH
    peak = max(bar.value for bar in bars) or 1
    height = ROW_HEIGHT * len(bars)
    rows = "\n".join(
        _row(index, bar, label_width, track * bar.value / peak) for index, bar in enumerate(bars)
    )
    return (
        f'<svg class="chart" viewBox="0 0 {CHART_WIDTH} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>\n{rows}\n</svg>"
    )


def _row(index: int, bar: Bar, label_width: float, length: float) -> str:
    top = index * ROW_HEIGHT
    middle = top + ROW_HEIGHT / 2
    label = bar.label if len(bar.label) <= LABEL_CHARS else bar.label[: LABEL_CHARS - 1] + "…"
    tooltip = escape(bar.tooltip or f"{bar.label}: {bar.value}")
    bar_top = top + (ROW_HEIGHT - BAR_HEIGHT) / 2
    return (
        f"<g><title>{tooltip}</title>"
        f'<text class="chart-label" x="{label_width - 10:.1f}" y="{middle:.1f}" '
        f'text-anchor="end" dominant-baseline="central">{escape(label)}</text>'
        f'<rect x="{label_width:.1f}" y="{bar_top:.1f}" width="{max(length, 2):.1f}" '
        f'height="{BAR_HEIGHT}" rx="4" fill="{escape(bar.color)}"/>'
        f'<text class="chart-value" x="{label_width + max(length, 2) + 6:.1f}" y="{middle:.1f}" '
        f'dominant-baseline="central">{bar.value}</text></g>'
    )
