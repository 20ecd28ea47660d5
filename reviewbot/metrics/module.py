"""All metrics of one module: raw line counts, maintainability index and every function."""

from __future__ import annotations

import ast

from reviewbot.metrics.functions import measure_functions, safe_cyclomatic_table
from reviewbot.metrics.maintainability import module_maintainability
from reviewbot.metrics.model import ModuleMetrics
from reviewbot.metrics.raw import RawCountError, RawCounts, physical_lines, raw_counts


def module_metrics(source: str, tree: ast.Module, *, count_asserts: bool = True) -> ModuleMetrics:
    """Measure the module ``tree`` parsed from ``source``; radon walks the tree once.

    Without ``count_asserts`` (tests) an ``assert`` adds no branch to a function's cyclomatic
    complexity nor to the module's figure in the maintainability index.
    """
    raw = _safe_raw_counts(source)
    table = safe_cyclomatic_table(tree, count_asserts=count_asserts)
    maintainability = module_maintainability(
        source, tree, raw, None if table is None else table.total
    )
    counts = raw or RawCounts(0, 0, 0, 0, 0, 0, 0)
    return ModuleMetrics(
        lines=physical_lines(source),
        sloc=counts.sloc,
        lloc=counts.lloc,
        comments=counts.comments,
        multi=counts.multi,
        blank=counts.blank,
        maintainability=maintainability.value,
        maintainability_skipped=maintainability.skipped,
        functions=measure_functions(tree, source, table, count_asserts=count_asserts),
    )


def _safe_raw_counts(source: str) -> RawCounts | None:
    """radon's raw counts; where radon itself fails because ``str.splitlines`` cut a string
    literal at a form feed or U+2028, the same counts over the real lines; else None."""
    for physical in (False, True):
        try:
            return raw_counts(source, physical=physical)
        except RawCountError:
            continue
    return None
