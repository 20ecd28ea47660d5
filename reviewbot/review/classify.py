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
from reviewbot.review.moves import Carried
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
    head: Iterable[Finding],
    base: Iterable[Finding],
    functions: Functions,
    registry: Registry,
    carried: Carried = Carried(),
) -> Classified:
    """Split ``head`` findings into new and existing; ``fixed`` are base findings gone at head
    (``carried``: the findings on moved or copied code, see :mod:`reviewbot.review.moves`)."""
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
            and finding.fingerprint not in carried.head
            and on_changed_lines(finding, file, functions.get(finding.path, ()), registry)
        )
        (new if fresh else existing).append(finding)
    not_fixed = head_prints | carried.base
    fixed = tuple(f for f in base_findings if f.fingerprint not in not_fixed)
    return Classified(tuple(new), tuple(existing), fixed)
