from __future__ import annotations

import ast
import textwrap
from typing import Any

from radon.complexity import cc_visit

from reviewbot.metrics.functions import function_metrics
from reviewbot.metrics.model import FunctionMetrics

SOURCE = textwrap.dedent(
    '''
    import functools


    def top(a):
        """Docstring."""
        if a and a > 1:
            return 1
        return 0


    class Cart:
        @property
        @functools.cache
        def total(self):
            return sum(i.price for i in self.items)

        class Line:
            async def price(self, ünïcode=1):
                for x in self.parts:
                    if x:
                        return x

        def build(self):
            def inner(x):
                return x if x else None

            class Local:
                def method(self):
                    while self:
                        pass

            return inner, Local


    if True:
        def conditional():
            try:
                pass
            except ValueError:
                pass
    '''
)


def metrics_by_name() -> dict[str, FunctionMetrics]:
    tree = ast.parse(SOURCE)
    return {metrics.qualname: metrics for metrics in function_metrics(tree, SOURCE)}


def test_every_function_with_dotted_qualname_in_source_order() -> None:
    tree = ast.parse(SOURCE)
    assert [m.qualname for m in function_metrics(tree, SOURCE)] == [
        "top",
        "Cart.total",
        "Cart.Line.price",
        "Cart.build",
        "Cart.build.inner",
        "Cart.build.Local.method",
        "conditional",
    ]


def test_position_is_the_def_keyword_not_the_decorator() -> None:
    total = metrics_by_name()["Cart.total"]
    lines = SOURCE.splitlines()
    assert lines[total.line - 1].lstrip().startswith("def total")
    assert total.column == 5
    assert total.end_line == total.line + 1


def test_column_counts_code_points_and_points_at_async() -> None:
    source = 'x = "ü"; y = 1\nif x: \n    pass\nclass É:\n    async def ä(self): pass\n'
    (method,) = function_metrics(ast.parse(source), source)
    assert (method.line, method.column) == (5, 5)
    source = 'if "é" == "ü": \n    def f(): pass\n'
    (function,) = function_metrics(ast.parse(source), source)
    assert function.column == 5
    source = 'z = "é"; x = lambda: 0\nif x: pass\nclass A: pass; \nZ = "éé"; \n'
    assert function_metrics(ast.parse(source), source) == ()


def test_cyclomatic_matches_radon_for_every_block_radon_reports() -> None:
    radon_scores = {
        (block.lineno, block.col_offset + 1): block.complexity for block in _radon_blocks()
    }
    ours = {(m.line, m.column): m.cyclomatic for m in function_metrics(ast.parse(SOURCE), SOURCE)}
    assert radon_scores.items() <= ours.items()
    assert len(ours) == len(radon_scores) + 1  # radon does not report Local.method


def test_function_radon_skips_is_scored_alone() -> None:
    method = metrics_by_name()["Cart.build.Local.method"]
    assert method.cyclomatic == 2


def test_all_metrics_of_one_function() -> None:
    price = metrics_by_name()["Cart.Line.price"]
    assert (price.cyclomatic, price.cognitive, price.nesting, price.length) == (3, 3, 2, 3)
    assert price.nesting_line == price.line + 2
    assert [(b.kind, b.cognitive) for b in price.branches] == [("for", 3)]


def test_outer_function_includes_nested_function_cognitive_but_not_cyclomatic() -> None:
    build = metrics_by_name()["Cart.build"]
    assert build.cyclomatic == 1
    assert build.cognitive == 2 + 2  # ternary in inner, while in Local.method: both at nesting 1


def test_deep_expression_leaves_cyclomatic_zero_instead_of_crashing() -> None:
    chain = " + ".join(["x"] * 600)
    source = f"def f(x):\n    if x:\n        return {chain}\n"
    (function,) = function_metrics(ast.parse(source), source)
    assert (function.cyclomatic, function.cognitive, function.length) == (0, 1, 2)


def _radon_blocks() -> list[Any]:
    blocks: list[Any] = []
    pending = list(cc_visit(SOURCE))
    while pending:
        block = pending.pop()
        if hasattr(block, "methods"):
            pending.extend(block.methods + block.inner_classes)
        else:
            blocks.append(block)
            pending.extend(block.closures)
    return blocks
