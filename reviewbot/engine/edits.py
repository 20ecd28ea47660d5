r"""Apply findings' fixes to source text: edits by position, non-overlapping, last first.

Lines are counted as Python, libcst and ruff count them: ``\n``, ``\r\n`` and a lone ``\r`` each
end a line (form feeds and Unicode separators do not). A replacement's line breaks are written
as the file's own (its first line ending), so a CRLF or CR file stays one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from reviewbot.findings import Fix

Span = tuple[int, int]

LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class FixOutcome:
    """The new text, how many fixes were applied, and how many were skipped as overlapping."""

    text: str
    applied: int
    skipped: int


def apply_fixes(source: str, fixes: Iterable[Fix]) -> FixOutcome:
    """Apply every fix whose edits do not overlap the edits of a fix applied before it."""
    starts = line_starts(source)
    newline = line_ending(source)
    taken: list[Span] = []
    chosen: list[tuple[int, int, str]] = []
    applied = skipped = 0
    for fix in fixes:
        spans = [
            (
                _offset(starts, e.line, e.column),
                _offset(starts, e.end_line, e.end_column),
                LINE_BREAK.sub(newline, e.replacement),
            )
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


def line_starts(source: str) -> list[int]:
    r"""The offset where each line starts (after every ``\n``, ``\r\n`` and lone ``\r``)."""
    return [0, *(match.end() for match in LINE_BREAK.finditer(source))]


def line_ending(source: str) -> str:
    r"""The file's line ending: its first line break (``"\n"`` when it has none)."""
    match = LINE_BREAK.search(source)
    return match.group() if match else "\n"


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
