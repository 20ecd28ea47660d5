"""One smell, one report: drop a reviewbot finding when an overlapping ruff rule flags the same code."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from reviewbot.findings import Finding
from reviewbot.ruleset.registry import Registry


def drop_ruff_duplicates(findings: Iterable[Finding], registry: Registry) -> list[Finding]:
    """Findings without the reviewbot ones that an overlapping ruff finding already reports."""
    every = list(findings)
    ruff_by_line: dict[tuple[str, int], list[Finding]] = defaultdict(list)
    for finding in every:
        if not finding.rule.startswith("RB"):
            ruff_by_line[(finding.path, finding.line)].append(finding)
    return [f for f in every if not _reported_by_ruff(f, registry, ruff_by_line)]


def _reported_by_ruff(
    finding: Finding, registry: Registry, ruff_by_line: dict[tuple[str, int], list[Finding]]
) -> bool:
    if finding.rule not in registry:
        return False
    overlaps = registry.get(finding.rule).overlaps_ruff
    if not overlaps:
        return False
    for other in ruff_by_line.get((finding.path, finding.line), ()):
        if any(other.rule.startswith(code) for code in overlaps) and _ranges_meet(finding, other):
            return True
    return False


def _ranges_meet(first: Finding, second: Finding) -> bool:
    a, b = first.location, second.location
    return (a.line, a.column) < (b.end_line, b.end_column) and (b.line, b.column) < (a.end_line, a.end_column)
