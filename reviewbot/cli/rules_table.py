"""``reviewbot rules``: every rule in a table that fits the terminal (80 columns off a terminal).

Each rule takes a line of short columns (code, name, severity, the presets that enable it, and
whether it has an automatic fix) and up to two indented lines of its summary, cut with ``…``;
``reviewbot explain CODE`` has the rest. Rules are grouped under their category. Codes start
their line, so ``grep '^RB3'`` finds the performance rules.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from reviewbot.ruleset.internal_codes import INTERNAL_RULES
from reviewbot.ruleset.registry import Registry

DEFAULT_WIDTH = 80
SUMMARY_LINES = 2
NO_PRESET = "—"  # opt-in only: no preset enables it
ALWAYS = "always"  # the internal codes: reported whatever is selected
_INDENT = " " * 7
_MIN_SUMMARY_WIDTH = 30


@dataclass(frozen=True)
class RuleRow:
    """One rule as the table shows it."""

    code: str
    name: str
    category: str
    severity: str
    presets: str
    fix: bool
    summary: str


def rule_rows(registry: Registry, presets: Mapping[str, tuple[str, ...]]) -> list[RuleRow]:
    """A row per rule of ``registry`` and per internal code; ``presets``: code -> preset names."""
    rows = [
        RuleRow(
            rule.code,
            rule.name,
            rule.category.value,
            rule.severity.value,
            ", ".join(presets.get(rule.code, ())) or NO_PRESET,
            fix=rule.fixable,
            summary=rule.summary(),
        )
        for rule in registry
    ]
    rows += [
        RuleRow(
            info.code,
            info.name,
            info.category.value,
            info.severity.value,
            ALWAYS,
            fix=False,
            summary=info.summary,
        )
        for info in INTERNAL_RULES.values()
    ]
    return rows


def render_rules(rows: Iterable[RuleRow], width: int = DEFAULT_WIDTH) -> str:
    """The table, its summaries wrapped within ``width`` columns."""
    rows = list(rows)
    name_width = max((len(row.name) for row in rows), default=0)
    presets_width = max((len(row.presets) for row in rows), default=0)
    severity_width = len("severity")  # longer than any severity

    def columns(code: str, name: str, severity: str, presets: str, fix: str) -> str:
        cells = (f"{code:<6}", f"{name:<{max(name_width, 4)}}", f"{severity:<{severity_width}}")
        return " ".join((*cells, f"{presets:<{max(presets_width, 7)}}", fix)).rstrip()

    lines = [columns("code", "name", "severity", "presets", "fix")]
    for category, members in _by_category(rows):
        lines += ["", f"{category.capitalize()}:"]
        for row in members:
            fix = "yes" if row.fix else ""
            lines.append(columns(row.code, row.name, row.severity, row.presets, fix))
            lines += summary_lines(row.summary, width)
    lines += ["", "`reviewbot explain CODE` prints a rule's full documentation."]
    return "\n".join(lines) + "\n"


def summary_lines(summary: str, width: int) -> list[str]:
    """``summary`` indented under the name, in at most SUMMARY_LINES lines, ``…`` where cut."""
    room = max(width - len(_INDENT), _MIN_SUMMARY_WIDTH)
    wrapped = textwrap.wrap(" ".join(summary.split()), room, break_on_hyphens=False)
    if len(wrapped) > SUMMARY_LINES:
        rest = " ".join(wrapped[SUMMARY_LINES - 1 :])
        last = textwrap.shorten(rest, room, placeholder=" …", break_on_hyphens=False)
        wrapped = [*wrapped[: SUMMARY_LINES - 1], last]
    return [_INDENT + line for line in wrapped]


def _by_category(rows: list[RuleRow]) -> list[tuple[str, list[RuleRow]]]:
    """The rows grouped by category, categories in the order they first appear."""
    groups: dict[str, list[RuleRow]] = {}
    for row in rows:
        groups.setdefault(row.category, []).append(row)
    return list(groups.items())
