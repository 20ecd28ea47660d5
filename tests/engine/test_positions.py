"""Lazy positions must equal libcst's PositionProvider over the whole module, node for node."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from reviewbot.engine.children import iter_children
from reviewbot.engine.positions import LazyPositions

STDLIB = Path(sys.modules["ast"].__file__ or "").parent
SAMPLES = ["ast.py", "functools.py", "dataclasses.py", "textwrap.py", "argparse.py"]

TRICKY = '''\
import os  # comment


# leading comment
@decorator(
    arg,
)
@other
def f(a,
      b):  # trailing
    """Doc."""
    x = [i for i in a
         if i]; y = 2
    if x:
        return {k: v for k, v in b.items()}
    class Inner:
        def m(self): return self
    return (
        x +
        y
    )


class C(object):
\tdef tabbed(self):
\t\treturn "é" + 'ü' + str(1)
'''


def paths(node: cst.CSTNode, trail: tuple[cst.CSTNode, ...] = ()) -> Iterator[tuple[cst.CSTNode, tuple[cst.CSTNode, ...]]]:
    here = (*trail, node)
    yield node, here[:-1]
    for child in iter_children(node):
        yield from paths(child, here)


def assert_same_positions(source: str) -> int:
    module = cst.parse_module(source)
    full = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    lazy = LazyPositions(module, source, ast.parse(source))
    checked = 0
    for node, trail in paths(module):
        if isinstance(node, cst.Module):
            continue
        expected = full[node]
        got = lazy.locate(node, (*trail, node))
        assert (got.line, got.column - 1, got.end_line, got.end_column - 1) == (
            expected.start.line, expected.start.column, expected.end.line, expected.end.column,
        ), f"{type(node).__name__} at {expected.start}"
        checked += 1
    return checked


def test_tricky_layout() -> None:
    assert assert_same_positions(TRICKY) > 50


@pytest.mark.parametrize("name", SAMPLES)
def test_stdlib_module(name: str) -> None:
    source = (STDLIB / name).read_text(encoding="utf-8")
    assert assert_same_positions(source) > 500


def test_falls_back_without_an_ast_tree() -> None:
    source = "def f():\n    return 1\n"
    module = cst.parse_module(source)
    lazy = LazyPositions(module, source, None)
    ret = module.body[0].body.body[0].body[0]  # type: ignore[attr-defined]
    location = lazy.locate(ret, (module, module.body[0]))
    assert (location.line, location.column) == (2, 5)


def test_never_computes_whole_module_positions_for_ordinary_code() -> None:
    source = (STDLIB / "textwrap.py").read_text(encoding="utf-8")
    module = cst.parse_module(source)
    lazy = LazyPositions(module, source, ast.parse(source))
    for node, trail in paths(module):
        if isinstance(node, (cst.Call, cst.Name)):
            lazy.locate(node, (*trail, node))
    assert lazy._full is None


def test_anchors_on_the_innermost_statement_not_the_class() -> None:
    source = "class A:\n    x = 1\n\n    def m(self):\n        a = 1\n        return g(a)\n"
    module = cst.parse_module(source)
    lazy = LazyPositions(module, source, ast.parse(source))
    call_path = next((*t, n) for n, t in paths(module) if isinstance(n, cst.Call))
    assert lazy.locate(call_path[-1], call_path).line == 6
    anchors = [type(node).__name__ for node in _anchors(lazy)]
    assert anchors == ["SimpleStatementLine"]


def test_a_class_name_does_not_cost_the_whole_class() -> None:
    body = "".join(f"    def m{i}(self):\n        return {i}\n" for i in range(50))
    source = f"@dataclass\nclass Big(Base):\n{body}"
    module = cst.parse_module(source)
    lazy = LazyPositions(module, source, ast.parse(source))
    name_path = next((*t, n) for n, t in paths(module) if isinstance(n, cst.Name) and n.value == "Big")
    location = lazy.locate(name_path[-1], name_path)
    assert (location.line, location.column, location.end_column) == (2, 7, 10)
    positions, _ = lazy._partial[(id(module.body[0]), True)]
    assert len(positions) < 60  # the whole class would be over 700 nodes


def _anchors(lazy: LazyPositions) -> list[cst.CSTNode]:
    module = lazy._module
    anchored = {key for key, _ in lazy._partial}
    return [node for node, _ in paths(module) if id(node) in anchored]
