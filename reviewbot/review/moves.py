"""Moved and copied code keeps its identity in a review.

A fingerprint names the file (and the stored format must not change, or every baseline breaks),
so code moved to another file, or copied from one, would look new at head and fixed at base. For
matching within a review only, each finding also gets a path-free identity: its rule, the
qualified name of the innermost function around it, the normalised source of its lines, and
which repeat of those it is in its file. With it:

- a head finding no base finding matches by fingerprint, whose identity a base finding the change
  removed has, is that finding moved: still open, and the base finding is not fixed;
- a head finding whose identity a base finding still open at head has is a copy: still open;
- every head finding in a file the change adds as a byte-identical copy of a file of the base
  tree (:func:`reviewbot.change.copies.copied_files`) is still open.

Limits: only the files the change touched are analysed on both sides, so code copied (not moved)
from an untouched file is recognised only when the whole file is a byte-identical copy. File-level
findings (module length, maintainability) have no identity beyond their path and never move. A
line edited while it moved is a new line, as it is in place.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from reviewbot.findings import Finding, Location
from reviewbot.fingerprint import file_fingerprint, normalise_source
from reviewbot.metrics.model import FunctionMetrics
from reviewbot.pipeline.chain import Analysis

Identity = tuple[str, str, str, int]


@dataclass(frozen=True)
class Carried:
    """Fingerprints of head findings on moved or copied code, and of base findings that moved."""

    head: frozenset[str] = frozenset()
    base: frozenset[str] = frozenset()


NOTHING_CARRIED = Carried()


def carried_over(
    findings: tuple[Sequence[Finding], Sequence[Finding]],
    sides: tuple[Analysis, Analysis],
    copies: frozenset[str] = frozenset(),
) -> Carried:
    """Which of the (head, base) ``findings`` are the same code at another path."""
    head, base = findings
    base_prints = _prints(base)
    removed, kept = _removed_and_kept(base, sides[1], _prints(head))
    carried_head = {finding.fingerprint for finding in head if finding.path in copies}
    carried_base: set[str] = set()
    for finding, identity in identities(head, sides[0]):
        if finding.fingerprint in base_prints:
            continue
        if removed.get(identity):
            carried_base.add(removed[identity].pop(0))  # moved: its old self is not fixed
            carried_head.add(finding.fingerprint)
        elif identity in kept:
            carried_head.add(finding.fingerprint)  # copied from code still at head
    return Carried(frozenset(carried_head), frozenset(carried_base))


def _prints(findings: Iterable[Finding]) -> set[str]:
    return {finding.fingerprint for finding in findings}


def _removed_and_kept(
    base: Sequence[Finding], side: Analysis, head_prints: set[str]
) -> tuple[defaultdict[Identity, list[str]], set[Identity]]:
    """The base findings' identities: of those the change removed (with their fingerprints)
    and of those still at head."""
    removed: defaultdict[Identity, list[str]] = defaultdict(list)
    kept: set[Identity] = set()
    for finding, identity in identities(base, side):
        if finding.fingerprint in head_prints:
            kept.add(identity)
        else:
            removed[identity].append(finding.fingerprint)
    return removed, kept


def identities(findings: Iterable[Finding], side: Analysis) -> Iterator[tuple[Finding, Identity]]:
    """Each finding that has a path-free identity, with it, in file and line order."""
    repeats: Counter[tuple[str, str, str, str]] = Counter()
    for finding in sorted(findings, key=lambda f: f.sort_key):
        if not finding.path or finding.fingerprint == file_fingerprint(finding.rule, finding.path):
            continue
        scope = enclosing(side.functions.get(finding.path, ()), finding.line)
        source = source_lines(side.texts.get(finding.path, ""), finding.location)
        key = (finding.path, finding.rule, scope, source)
        yield finding, (finding.rule, scope, source, repeats[key])
        repeats[key] += 1


def enclosing(functions: Sequence[FunctionMetrics], line: int) -> str:
    """The qualified name of the innermost function around ``line`` ("" at module level)."""
    around = [f for f in functions if f.line <= line <= f.end_line]
    return max(around, key=lambda f: f.line).qualname if around else ""


def source_lines(text: str, location: Location) -> str:
    """The lines of ``text`` that ``location`` spans, whitespace normalised."""
    lines = text.split("\n")[location.line - 1 : max(location.line, location.end_line)]
    return normalise_source("\n".join(lines))
