"""The code line under a finding in the full text report, with a caret run under its span.

As ruff prints it: a gutter with the line number, the line as analysed, and ``^`` under the
flagged columns. The line is shown as a terminal would show it: a tab as four spaces, a control
character as its escape (``\\x1b``, see :mod:`reviewbot.control_chars`), a wide character as two
columns; a line wider than the terminal is cut to a window around the span, with ``…`` marking
each cut. Columns are 1-based code points, the end column exclusive, as in a Finding.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from reviewbot.control_chars import visible

TAB = "    "
#: Display columns of source shown; a longer line is cut to a window around the span.
MAX_WIDTH = 120
#: Columns kept before the span when a long line is cut.
LEAD = 40
ELLIPSIS = "…"


@dataclass(frozen=True)
class Span:
    """Where the caret run goes: 1-based code-point columns, ``end`` exclusive; ``end`` of
    None runs to the end of the line (a span that continues on later lines)."""

    start: int
    end: int | None


@dataclass(frozen=True)
class CodeLine:
    """A code line ready to print: its number, its text as shown, and where the carets go
    (``indent`` columns into ``source``, ``carets`` wide)."""

    number: int
    source: str
    indent: int
    carets: int

    def lines(self) -> tuple[str, str, str]:
        """The gutter line, the numbered code line and the caret line, without colour."""
        gutter = " " * len(str(self.number))
        marks = " " * self.indent + "^" * self.carets
        return f"{gutter} |", f"{self.number} | {self.source}".rstrip(), f"{gutter} | {marks}"


def code_line(text: str, number: int, span: Span) -> CodeLine:
    """Line ``number``, whose text is ``text``, with carets under ``span``."""
    cells = [_shown(char) for char in text]
    offsets = _offsets(cells)
    total = offsets[-1]
    start = _column(offsets, span.start)
    end = max(total if span.end is None else _column(offsets, span.end), start + 1)
    left = max(0, min(start - LEAD, total - MAX_WIDTH)) if total > MAX_WIDTH else 0
    right = left + MAX_WIDTH
    prefix = ELLIPSIS if left > 0 else ""
    suffix = ELLIPSIS if total > right else ""
    source = prefix + _between(cells, offsets, left, right) + suffix
    return CodeLine(number, source, len(prefix) + start - left, max(1, min(end, right) - start))


def _between(cells: list[str], offsets: list[int], left: int, right: int) -> str:
    """The cells that lie wholly between display columns ``left`` and ``right``."""
    return "".join(
        cell
        for cell, begin, finish in zip(cells, offsets, offsets[1:], strict=False)
        if left <= begin and finish <= right
    )


def _column(offsets: list[int], column: int) -> int:
    """The display offset of a 1-based code-point column (clamped to the line: one past its
    end for a span that starts at the end of the line)."""
    return offsets[min(max(column, 1), len(offsets)) - 1]


def _shown(char: str) -> str:
    """How one character looks in the report: a tab as spaces, a control as its escape, a wide
    character followed by an empty cell marker (two columns), a combining mark as nothing."""
    if char == "\t":
        return TAB
    escaped = visible(char)
    if escaped != char:
        return escaped
    if unicodedata.combining(char):
        return ""
    return char


def _offsets(cells: list[str]) -> list[int]:
    """The display column where each cell begins, plus the line's total width at the end."""
    offsets = [0]
    for cell in cells:
        offsets.append(offsets[-1] + _width(cell))
    return offsets


def _width(cell: str) -> int:
    if len(cell) == 1 and unicodedata.east_asian_width(cell) in ("W", "F"):
        return 2
    return len(cell)
