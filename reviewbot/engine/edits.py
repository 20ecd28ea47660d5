"""Apply findings' fixes to source text: edits by position, non-overlapping, last first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reviewbot.findings import Fix

Span = tuple[int, int]


@dataclass(frozen=True)
class FixOutcome:
    """The new text, how many fixes were applied, and how many were skipped as overlapping."""

    text: str
    applied: int
    skipped: int


def apply_fixes(source: str, fixes: Iterable[Fix]) -> FixOutcome:
    """Apply every fix whose edits do not overlap the edits of a fix applied before it."""
    starts = _line_starts(source)
    taken: list[Span] = []
    chosen: list[tuple[int, int, str]] = []
    applied = skipped = 0
    for fix in fixes:
        spans = [
            (_offset(starts, e.line, e.column), _offset(starts, e.end_line, e.end_column), e.replacement)
            for e in fix.edits
        ]
        if any(_overlaps((start, end), taken) for start, end, _ in spans):
            skipped += 1
            continue
        applied += 1
        taken += [(start, end) for start, end, _ in spans]
        chosen += spans
    text = source
    for start, end, replacement in sorted(chosen, key=lambda item: (item[0], item[1]), reverse=True):
        text = text[:start] + replacement + text[end:]
    return FixOutcome(text, applied, skipped)


def _line_starts(source: str) -> list[int]:
    starts = [0]
    starts += [index + 1 for index, char in enumerate(source) if char == "\n"]
    return starts


def _offset(starts: list[int], line: int, column: int) -> int:
    """String offset of a 1-based line and 1-based code-point column."""
    if line - 1 >= len(starts):
        return starts[-1]
    return starts[line - 1] + column - 1


def _overlaps(span: Span, taken: list[Span]) -> bool:
    """Whether ``span`` intersects a taken span (two insertions at one point also clash)."""
    start, end = span
    for other_start, other_end in taken:
        if start < other_end and other_start < end:
            return True
        if start == end == other_start == other_end:
            return True
    return False
