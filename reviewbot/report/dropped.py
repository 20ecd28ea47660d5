"""The ``--show-dropped`` listing: each finding reviewbot found but did not report, and why."""

from __future__ import annotations

from pathlib import Path

from reviewbot.control_chars import visible
from reviewbot.dropped import Dropped
from reviewbot.pipeline.result import CheckResult
from reviewbot.report.markdown_syntax import code_span
from reviewbot.report.paths import shown_path

TITLE = "Not reported"


def text_listing(result: CheckResult, cwd: Path | None = None) -> str:
    """One line per dropped finding, under a title; ``""`` unless the listing was asked for."""
    if not result.list_dropped or not result.dropped:
        return ""
    lines = [f"{TITLE} ({len(result.dropped)}):"]
    lines += [
        f"  {_location(d, result.root, cwd)}: {visible(d.finding.rule)} — {visible(d.because)}"
        for d in result.dropped
    ]
    return "\n".join(lines) + "\n"


def markdown_listing(result: CheckResult, cwd: Path | None = None) -> str:
    """The same listing as a collapsed Markdown list; ``""`` unless it was asked for."""
    if not result.list_dropped or not result.dropped:
        return ""
    items = [
        f"- {code_span(_location(d, result.root, cwd))} {code_span(d.finding.rule)}: "
        f"{_escape(d.because)}"
        for d in result.dropped
    ]
    summary = f"<summary>{TITLE}: {len(result.dropped)}</summary>"
    return "<details>\n" + summary + "\n\n" + "\n".join(items) + "\n\n</details>"


def _location(dropped: Dropped, root: str, cwd: Path | None) -> str:
    finding = dropped.finding
    return f"{visible(shown_path(finding.path, root, cwd))}:{finding.location.line}:{finding.location.column}"


def _escape(text: str) -> str:
    return visible(text).replace("<", "&lt;").replace(">", "&gt;")
