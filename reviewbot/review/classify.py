"""New, still open, fixed: what the change introduced, compared by fingerprint with its base.

A head finding is *new* when it sits on lines the change added and its fingerprint is not
among the base version's findings, so moved or re-indented code is not new, and a function-level
finding (whose fingerprint is rule + path + function) is new only when the function newly breaks
the limit. Every other head finding is *existing* (still open). A base finding whose fingerprint
is gone from head is *fixed*. Deleted files are not analysed, so their findings are not "fixed".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from reviewbot.diff.model import Change, FileChange
from reviewbot.findings import Category, Finding
from reviewbot.metrics.model import FunctionMetrics
from reviewbot.registry import Registry
from reviewbot.rule_api import ModuleRule

Functions = Mapping[str, Sequence[FunctionMetrics]]


@dataclass(frozen=True)
class Classified:
    """Head findings split into new and existing, and the base findings the change fixed."""

    new: tuple[Finding, ...]
    existing: tuple[Finding, ...]
    fixed: tuple[Finding, ...]


def classify(
    change: Change,
    head: Iterable[Finding],
    base: Iterable[Finding],
    functions: Functions,
    registry: Registry,
) -> Classified:
    """Split ``head`` findings into new and existing; ``fixed`` are base findings gone at head."""
    head_findings, base_findings = list(head), list(base)
    base_prints = {finding.fingerprint for finding in base_findings}
    head_prints = {finding.fingerprint for finding in head_findings}
    new: list[Finding] = []
    existing: list[Finding] = []
    for finding in head_findings:
        file = change.file(finding.path)
        fresh = (
            file is not None
            and finding.fingerprint not in base_prints
            and on_changed_lines(finding, file, functions.get(finding.path, ()), registry)
        )
        (new if fresh else existing).append(finding)
    fixed = tuple(f for f in base_findings if f.fingerprint not in head_prints)
    return Classified(tuple(new), tuple(existing), fixed)


def on_changed_lines(
    finding: Finding, file: FileChange, functions: Sequence[FunctionMetrics], registry: Registry
) -> bool:
    """Whether the lines ``finding`` is about include a line the change added."""
    extent = finding_extent(finding, functions, registry)
    if extent is None:
        return bool(file.added_lines)
    return file.touches(*extent)


def finding_extent(
    finding: Finding, functions: Sequence[FunctionMetrics], registry: Registry
) -> tuple[int, int] | None:
    """The lines a finding is about: its function for a complexity finding on a ``def`` line,
    the whole file (None) for a module-level rule, else its own range."""
    rule = registry.rules.get(finding.rule)
    if rule is not None and issubclass(rule, ModuleRule):
        return None
    if finding.category is Category.COMPLEXITY:
        function = next((f for f in functions if f.line == finding.line), None)
        if function is not None:
            return function.line, function.end_line
    location = finding.location
    return location.line, max(location.line, location.end_line)
