"""The code a blind reader needs to judge a finding: the unit it is about, or the lines around it.

A complexity or size finding is about a whole function, class or module, so the reader sees the
whole unit (its head and tail when it is long); any other finding is about a line, so the reader
sees the lines around it. The unit is found with ``ast``, independently of reviewbot.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# A unit this long or shorter is shown whole; a longer one as its head, a marker and its tail.
WHOLE_UNIT_LINES = 80
HEAD_LINES = 40
TAIL_LINES = 10
# Lines shown either side of a line finding.
AROUND_LINES = 7
MODULE = "(module)"

_Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


@dataclass(frozen=True)
class Unit:
    """A function, class or module: its dotted name, first line (its first decorator's), the line
    of its ``def`` or ``class`` keyword and its last line, all 1-based."""

    name: str
    first: int
    head: int
    last: int


@dataclass(frozen=True)
class CodeView:
    """What the worksheet shows of one finding: the enclosing unit's name and numbered code."""

    name: str
    code: str


def code_view(path: Path, line: int, module_level: bool) -> CodeView:
    """The code a reader judges a finding at ``line`` of ``path`` by.

    A finding on the head of a ``def`` or ``class`` (where reviewbot puts its complexity and size
    findings), or a ``module_level`` one, shows its whole unit; any other shows the lines around
    ``line``, named after the innermost function or class holding it.
    """
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    units = list(_units(ast.parse("\n".join(lines))))
    if module_level:
        return CodeView(MODULE, _unit_code(lines, Unit(MODULE, 1, 1, len(lines)), line))
    headed = [unit for unit in units if unit.head == line]
    if headed:
        return CodeView(headed[-1].name, _unit_code(lines, headed[-1], line))
    holding = [unit for unit in units if unit.first <= line <= unit.last]
    name = holding[-1].name if holding else MODULE
    first, last = max(1, line - AROUND_LINES), min(len(lines), line + AROUND_LINES)
    return CodeView(name, _numbered(lines, range(first, last + 1), line))


def _units(tree: ast.AST, prefix: str = "") -> Iterator[Unit]:
    """Every function and class, outer ones before the ones nested in them."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, _Definition):
            name = f"{prefix}{node.name}"
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            yield Unit(name, first, node.lineno, node.end_lineno or node.lineno)
            yield from _units(node, f"{name}.")
        else:
            yield from _units(node, prefix)


def _unit_code(lines: list[str], unit: Unit, flagged: int) -> str:
    """The whole unit when short; else its first HEAD_LINES and last TAIL_LINES lines."""
    if unit.last - unit.first + 1 <= WHOLE_UNIT_LINES:
        return _numbered(lines, range(unit.first, unit.last + 1), flagged)
    head = range(unit.first, unit.first + HEAD_LINES)
    tail = range(unit.last - TAIL_LINES + 1, unit.last + 1)
    skipped = tail.start - head.stop
    marker = f"   ..... [{skipped} lines not shown: {head.stop}-{tail.start - 1}] ....."
    return "\n".join([_numbered(lines, head, flagged), marker, _numbered(lines, tail, flagged)])


def _numbered(lines: list[str], numbers: range, flagged: int) -> str:
    """The lines numbered, the flagged one marked with ``>>``."""
    return "\n".join(
        f"{'>>' if number == flagged else '  '}{number:5} {lines[number - 1]}" for number in numbers
    )
