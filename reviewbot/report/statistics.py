"""``check --statistics``: how many findings each rule has, instead of the findings, as ruff
prints it (``count<TAB>code<TAB>[*] name``, most frequent first), or the same as JSON."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from reviewbot.control_chars import visible
from reviewbot.findings import Finding
from reviewbot.pipeline.result import CheckResult


@dataclass(frozen=True)
class RuleCount:
    """One row: a rule, its name, how many findings it has and how many carry a safe fix."""

    code: str
    name: str
    count: int
    fixable: int


def rule_counts(result: CheckResult) -> list[RuleCount]:
    """A row per rule with findings: most findings first, then by code."""
    by_code: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_code.setdefault(finding.rule, []).append(finding)
    counts = Counter({code: len(found) for code, found in by_code.items()})
    return [
        RuleCount(code, _name(result, code), count, _fixable(by_code[code]))
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def render_table(result: CheckResult) -> str:
    """The table ruff's ``--statistics`` prints; ``[*]`` marks rules with a safe fix."""
    rows = rule_counts(result)
    if not rows:
        return ""
    count_width = max(len(str(row.count)) for row in rows)
    code_width = max(len(visible(row.code)) for row in rows)
    marked = any(row.fixable for row in rows)
    lines = []
    for row in rows:
        marker = ("[*] " if row.fixable else "[ ] ") if marked else ""
        code = visible(row.code).ljust(code_width)
        lines.append(f"{row.count:>{count_width}}\t{code}\t{marker}{visible(row.name)}\n")
    return "".join(lines)


def render_json(result: CheckResult) -> str:
    """The counts as JSON, with the keys ruff's ``--statistics --output-format json`` uses."""
    rows = [
        {
            "code": row.code,
            "name": row.name,
            "count": row.count,
            "fixable": row.fixable > 0,
            "fixable_count": row.fixable,
        }
        for row in rule_counts(result)
    ]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def _name(result: CheckResult, code: str) -> str:
    info = result.rules.get(code)
    return info.name if info is not None and info.name else code


def _fixable(findings: list[Finding]) -> int:
    return sum(1 for finding in findings if finding.fix is not None and finding.fix.safe)
