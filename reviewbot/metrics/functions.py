"""Per-function metrics: radon's cyclomatic complexity, cognitive complexity, nesting, length."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from reviewbot.metrics.cognitive import cognitive_complexity
from reviewbot.metrics.length import logical_length
from reviewbot.metrics.model import FunctionMetrics
from reviewbot.metrics.nesting import nesting_depth
from reviewbot.metrics.radon_bridge import CyclomaticTable, cyclomatic_table, function_cyclomatic
from reviewbot.metrics.split_focus import split_focus
from reviewbot.metrics.syntax import FunctionNode

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_STATEMENT_LISTS = ("body", "orelse", "finalbody", "handlers", "cases")


def function_metrics(tree: ast.Module, source: str) -> tuple[FunctionMetrics, ...]:
    """Metrics of every function and method in ``tree`` (nested ones too), in source order.

    ``source`` is the text ``tree`` was parsed from (for code-point columns).
    """
    return measure_functions(tree, source, safe_cyclomatic_table(tree))


def measure_functions(
    tree: ast.Module,
    source: str,
    cyclomatic: CyclomaticTable | None,
    *,
    count_asserts: bool = True,
) -> tuple[FunctionMetrics, ...]:
    """``function_metrics`` with radon's table already computed (None if radon overflowed);
    ``count_asserts`` as the table was computed."""
    lines = _LINE_BREAK.split(source)
    found = [
        _measure(node, qualname, lines, cyclomatic, count_asserts)
        for node, qualname in _functions(tree.body, "")
    ]
    return tuple(sorted(found, key=lambda metrics: (metrics.line, metrics.column)))


def safe_cyclomatic_table(
    tree: ast.Module, *, count_asserts: bool = True
) -> CyclomaticTable | None:
    """radon's table for ``tree``, or None when radon's recursive walk overflows the stack."""
    try:
        return cyclomatic_table(tree, count_asserts=count_asserts)
    except RecursionError:
        return None


def _functions(body: list[ast.stmt], prefix: str) -> Iterator[tuple[FunctionNode, str]]:
    """Every function under ``body`` with its dotted qualname, walking statements only."""
    pending = [(statement, prefix) for statement in body]
    while pending:
        node, scope = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            scope = f"{scope}{node.name}."
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node, scope[:-1]
        for field in _STATEMENT_LISTS:
            children = getattr(node, field, None)
            if isinstance(children, list):
                pending.extend((child, scope) for child in children)


def _measure(
    node: FunctionNode,
    qualname: str,
    lines: list[str],
    table: CyclomaticTable | None,
    count_asserts: bool,
) -> FunctionMetrics:
    cognitive = cognitive_complexity(node)
    nesting = nesting_depth(node)
    return FunctionMetrics(
        qualname=qualname,
        name=node.name,
        line=node.lineno,
        column=_code_point_column(lines[node.lineno - 1], node.col_offset),
        end_line=node.end_lineno or node.lineno,
        cyclomatic=_cyclomatic(node, table, count_asserts),
        cognitive=cognitive.total,
        nesting=nesting.depth,
        length=logical_length(node),
        branches=cognitive.branches,
        nesting_line=nesting.line,
        focus=split_focus(node, cognitive.total, cognitive.branches),
    )


def _cyclomatic(node: FunctionNode, table: CyclomaticTable | None, count_asserts: bool) -> int:
    """radon's score from the module walk; functions it skips (methods of a class defined in a
    function) are walked alone. 0 when radon cannot walk the function (RecursionError)."""
    if table is not None and (node.lineno, node.col_offset) in table.by_position:
        return table.by_position[(node.lineno, node.col_offset)]
    try:
        return function_cyclomatic(node, count_asserts=count_asserts)
    except RecursionError:
        return 0


def _code_point_column(line: str, byte_offset: int) -> int:
    """1-based column in code points from ``ast``'s 0-based UTF-8 byte offset."""
    if line.isascii():
        return byte_offset + 1
    return len(line.encode("utf-8")[:byte_offset].decode("utf-8", errors="replace")) + 1
