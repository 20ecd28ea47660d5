"""GitHub ``suggestion`` blocks: the lines a safe fix would write in place of the commented ones.

A suggestion replaces exactly the commented lines, so it is offered only when safe fixes cover a
range of whole lines that the diff shows (one hunk), and only when the finding sits inside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeGuard

from reviewbot.change.model import FileChange
from reviewbot.engine.edits import apply_fixes
from reviewbot.findings import Edit, Finding, Fix

MAX_EXCERPT_LINES = 12


@dataclass(frozen=True)
class Suggestion:
    """Replace head lines ``first``..``last`` with ``lines``."""

    first: int
    last: int
    lines: tuple[str, ...]


def suggestion_for(findings: Sequence[Finding], file: FileChange, text: str) -> Suggestion | None:
    """The suggestion that applies the safe fixes of ``findings`` to ``text``, if one fits."""
    fixes = [fix for fix in (f.fix for f in findings) if _safe(fix)]
    if not fixes or not text:
        return None
    first, last = _span(fixes)
    inside = first <= findings[0].line <= last
    if not inside or not any(start <= first and last <= end for start, end in file.hunks):
        return None
    return _replacement(text, fixes, first, last)


def _replacement(text: str, fixes: Sequence[Fix], first: int, last: int) -> Suggestion | None:
    """Lines ``first``..``last`` of ``text`` after the fixes (None when they do not change)."""
    old_lines = text.split("\n")
    if last > len(old_lines):
        return None
    new_lines = apply_fixes(text, fixes).text.split("\n")
    replaced = new_lines[first - 1 : len(new_lines) - (len(old_lines) - last)]
    if replaced == old_lines[first - 1 : last]:
        return None
    return Suggestion(first, last, tuple(line.rstrip("\r") for line in replaced))


def fixed_excerpt(finding: Finding, text: str) -> Suggestion | None:
    """The lines ``finding``'s fix (safe or not) rewrites, as they would read after it, when
    they are few enough to show as an example."""
    fix = finding.fix
    if fix is None or not fix.edits or not text:
        return None
    first, last = _span([fix])
    if last - first >= MAX_EXCERPT_LINES:
        return None
    return _replacement(text, [fix], first, last)


def suggestion_block(suggestion: Suggestion) -> str:
    """The fenced ``suggestion`` block (longer fences when the code holds backticks)."""
    body = "\n".join(suggestion.lines)
    fence = "`" * max(3, _longest_backtick_run(body) + 1)
    return f"{fence}suggestion\n{body}\n{fence}" if body else f"{fence}suggestion\n{fence}"


def _safe(fix: Fix | None) -> TypeGuard[Fix]:
    return fix is not None and fix.safe and bool(fix.edits)


def _span(fixes: Sequence[Fix]) -> tuple[int, int]:
    edits = [edit for fix in fixes for edit in fix.edits]
    return min(edit.line for edit in edits), max(_last_line(edit) for edit in edits)


def _last_line(edit: Edit) -> int:
    """The last line an edit touches (an edit ending at column 1 stops before that line)."""
    ends_at_line_start = edit.end_column == 1 and edit.end_line > edit.line
    return edit.end_line - 1 if ends_at_line_start else edit.end_line


def _longest_backtick_run(text: str) -> int:
    longest = run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    return longest
