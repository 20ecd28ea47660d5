"""Typed wrappers around the parts of radon reviewbot uses (radon ships no type hints).

Every function works on an ``ast`` tree the caller already parsed: radon never parses again.
radon's visitors recurse once per AST level, so a very deep expression (a generated
``"a" + "b" + ...`` chain of several hundred terms) raises RecursionError; callers decide how to
report that.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from radon.complexity import cc_rank
from radon.metrics import h_visit_ast, mi_compute, mi_rank
from radon.visitors import ComplexityVisitor

from reviewbot.metrics.syntax import FunctionNode

Position = tuple[int, int]


@dataclass(frozen=True)
class CyclomaticTable:
    """radon's cyclomatic complexity per function, keyed by the ``def`` line and byte column."""

    by_position: dict[Position, int]
    total: int  # radon's ``total_complexity``, the module figure the MI formula uses


def cyclomatic_table(tree: ast.Module, *, count_asserts: bool = True) -> CyclomaticTable:
    """Run radon's ComplexityVisitor once over ``tree`` and index every block it reports.

    Without ``count_asserts`` an ``assert`` is not a branch (radon's ``no_assert``): a test that
    checks twelve things is not a function with twelve paths.
    """
    visitor: Any = ComplexityVisitor.from_ast(tree, no_assert=not count_asserts)
    by_position: dict[Position, int] = {}
    _index_functions(visitor.functions, by_position)
    _index_classes(visitor.classes, by_position)
    return CyclomaticTable(by_position, int(visitor.total_complexity))


def _index_functions(functions: Iterable[Any], by_position: dict[Position, int]) -> None:
    for function in functions:
        by_position[(function.lineno, function.col_offset)] = int(function.complexity)
        _index_functions(function.closures, by_position)


def _index_classes(classes: Iterable[Any], by_position: dict[Position, int]) -> None:
    for cls in classes:
        _index_functions(cls.methods, by_position)
        _index_classes(cls.inner_classes, by_position)


def function_cyclomatic(node: FunctionNode, *, count_asserts: bool = True) -> int:
    """radon's complexity of one function (for functions radon's module walk does not report,
    such as methods of a class defined inside a function)."""
    visitor: Any = ComplexityVisitor.from_ast(node, no_assert=not count_asserts)
    return int(visitor.functions[0].complexity)


def halstead_volume(tree: ast.Module) -> float:
    """The Halstead volume of the whole module, as ``radon.metrics.h_visit_ast`` computes it."""
    report: Any = h_visit_ast(tree)
    return float(report.total.volume)


def maintainability_index(
    volume: float, complexity: int, lloc: int, comment_percent: float
) -> float:
    """radon's ``mi_compute``: the 0-100 maintainability index."""
    return float(mi_compute(volume, complexity, lloc, comment_percent))


def cyclomatic_rank(score: int) -> str:
    """radon's letter for a cyclomatic score: A 1-5, B 6-10, C 11-20, D 21-30, E 31-40, F 41+."""
    return str(cc_rank(score))


def maintainability_rank(score: float) -> str:
    """radon's letter for a maintainability index: A > 19, B 10-19, C <= 9."""
    return str(mi_rank(score))
