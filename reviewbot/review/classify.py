"""New, still open, fixed: what the change introduced, compared by fingerprint with its base.

A head finding is *new* when it sits on lines the change added and its fingerprint is not
among the base version's findings, so moved or re-indented code is not new, and a function-level
finding (whose fingerprint is rule + path + function) is new only when the function newly breaks
the limit. Every other head finding is *existing* (still open). A base finding whose fingerprint
is gone from head is *fixed*. Deleted files are not analysed, so their findings are not "fixed".
Code moved or copied to another file is matched by :mod:`reviewbot.review.moves` (``carried``):
its findings are existing, and the base findings that moved are not fixed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from reviewbot.change.model import Change
from reviewbot.findings import Finding
from reviewbot.metrics.model import FunctionMetrics
from reviewbot.pipeline.changed_lines import on_changed_lines
from reviewbot.review.moves import NOTHING_CARRIED, Carried
from reviewbot.ruleset.registry import Registry

Functions = Mapping[str, Sequence[FunctionMetrics]]


@dataclass(frozen=True)
class Classified:
    """Head findings split into new and existing, and the base findings the change fixed."""

    new: tuple[Finding, ...]
    existing: tuple[Finding, ...]
    fixed: tuple[Finding, ...]


def classify(
    change: Change,
    findings: tuple[Iterable[Finding], Iterable[Finding]],
    functions: Functions,
    registry: Registry,
    carried: Carried = NOTHING_CARRIED,
) -> Classified:
    """Split the (head, base) ``findings``' head ones into new and existing; ``fixed`` are base
    findings gone at head (``carried``: those on moved or copied code, see
    :mod:`reviewbot.review.moves`)."""
    head_findings, base_findings = list(findings[0]), list(findings[1])
    known = {finding.fingerprint for finding in base_findings} | carried.head
    new: list[Finding] = []
    existing: list[Finding] = []
    for finding in head_findings:
        fresh = finding.fingerprint not in known and _on_changed_lines(
            change, finding, functions, registry
        )
        (new if fresh else existing).append(finding)
    not_fixed = {finding.fingerprint for finding in head_findings} | carried.base
    fixed = tuple(f for f in base_findings if f.fingerprint not in not_fixed)
    return Classified(tuple(new), tuple(existing), fixed)


def _on_changed_lines(
    change: Change, finding: Finding, functions: Functions, registry: Registry
) -> bool:
    file = change.file(finding.path)
    return file is not None and on_changed_lines(
        finding, file, functions.get(finding.path, ()), registry
    )
