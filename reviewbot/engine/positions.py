"""Positions of reported nodes, computed only for the statements that hold a report.

libcst's PositionProvider generates code for every node of a module, about four times the cost
of parsing it. A report needs the position of one node, so this module:

1. finds the statement enclosing the node that can be tied to the stdlib ``ast`` (top-level
   statements, and statements directly inside classes and functions, recursively);
2. takes that statement's first line from the ``ast`` tree (cheap: CPython's parser);
3. runs PositionProvider on a tiny module holding just that statement, indented as it was;
4. shifts the lines by the difference, and checks the line text matches the real source.

When anything does not line up (no ``ast`` tree, a mismatch), it falls back to PositionProvider
over the whole module, once per file.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from reviewbot.findings import Location


class LazyPositions:
    """Resolves node positions on demand for one module."""

    def __init__(self, module: cst.Module, source: str, tree: ast.Module | None) -> None:
        self._module = module
        self._lines = source.splitlines()
        self._tree = tree
        self._full: Mapping[cst.CSTNode, CodeRange] | None = None
        self._partial: dict[tuple[int, bool], tuple[Mapping[cst.CSTNode, CodeRange], int]] = {}

    def locate(self, node: cst.CSTNode, path: Sequence[cst.CSTNode]) -> Location:
        """The 1-based location of ``node``; ``path`` is its ancestors from the module down."""
        anchor = self._anchor(path, self._tree) if self._tree is not None else None
        if anchor is not None:
            statement, first_line = anchor
            header = node is not statement and _in_header(statement, path)
            found = self._via_anchor(node, statement, first_line, header)
            if found is not None:
                return found
        return _to_location(self._full_positions()[node], 0)

    # -- the cheap path --------------------------------------------------------------------
    def _anchor(self, path: Sequence[cst.CSTNode], tree: ast.Module) -> tuple[cst.CSTNode, int] | None:
        """The innermost statement on ``path`` tied to an ``ast`` statement, with its first line."""
        body: Sequence[cst.CSTNode] = self._module.body
        ast_body: list[ast.stmt] = tree.body
        found: tuple[cst.CSTNode, int] | None = None
        for node in path[1:]:
            if isinstance(node, cst.IndentedBlock):
                continue  # the block between a def/class and its statements
            aligned = _align(body, ast_body)
            if aligned is None or id(node) not in aligned:
                return found
            ast_stmt = aligned[id(node)]
            found = (node, _first_line(ast_stmt))
            inner = _inner_bodies(node, ast_stmt)
            if inner is None:
                return found
            body, ast_body = inner
        return found

    def _via_anchor(
        self, node: cst.CSTNode, anchor: cst.CSTNode, first_line: int, header: bool
    ) -> Location | None:
        positions, offset = self._positions_of(anchor, first_line, header)
        found = positions.get(node)
        if found is None or offset is None:
            return None
        return _to_location(found, offset)

    def _positions_of(
        self, anchor: cst.CSTNode, first_line: int, header: bool
    ) -> tuple[Mapping[cst.CSTNode, CodeRange], int]:
        key = (id(anchor), header)
        cached = self._partial.get(key)
        if cached is None:
            statement = _header_only(anchor) if header else anchor
            cached = self._compute_partial(statement, first_line)
            self._partial[key] = cached
        return cached

    def _compute_partial(self, anchor: cst.CSTNode, first_line: int) -> tuple[Mapping[cst.CSTNode, CodeRange], int]:
        real = self._lines[first_line - 1] if 0 < first_line <= len(self._lines) else ""
        indent = real[: len(real) - len(real.lstrip())]
        statement = (
            anchor
            if isinstance(anchor, (cst.SimpleStatementLine, cst.BaseCompoundStatement))
            else None
        )
        if statement is None:
            return {}, 0
        mini = self._mini_module(statement, indent)
        mini_lines = mini.code.splitlines()
        start = 1 if indent else 0  # skip the `if True:` wrapper line
        mini_first = _first_code_line(mini_lines, start)
        if mini_first is None or mini_lines[mini_first - 1] != real:
            return {}, 0  # positions would be wrong: fall back to the whole module
        wrapper = MetadataWrapper(mini, unsafe_skip_copy=True)
        positions = wrapper.resolve(PositionProvider)
        return positions, first_line - mini_first

    def _mini_module(
        self, statement: cst.SimpleStatementLine | cst.BaseCompoundStatement, indent: str
    ) -> cst.Module:
        module = self._module
        body = statement
        if indent:
            body = cst.If(
                test=cst.Name("True"), body=cst.IndentedBlock(body=[statement], indent=indent)
            )
        return cst.Module(
            body=[body],
            default_indent=module.default_indent,
            default_newline=module.default_newline,
            has_trailing_newline=True,
        )

    # -- the fallback -------------------------------------------------------------------------
    def _full_positions(self) -> Mapping[cst.CSTNode, CodeRange]:
        if self._full is None:
            wrapper = MetadataWrapper(self._module, unsafe_skip_copy=True)
            self._full = wrapper.resolve(PositionProvider)
        return self._full


_EMPTY_BODY = cst.IndentedBlock(body=[cst.SimpleStatementLine(body=[cst.Pass()])])


def _in_header(statement: cst.CSTNode, path: Sequence[cst.CSTNode]) -> bool:
    """Whether ``path`` stays in a def's or class's header (name, decorators, arguments)."""
    if not isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
        return False
    return not any(node is statement.body for node in path)


def _header_only(statement: cst.CSTNode) -> cst.CSTNode:
    """The def or class with its body cut, sharing every header node with the original.

    A finding on a class name then costs code generation for one line, not the whole class.
    """
    if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
        return statement.with_changes(body=_EMPTY_BODY)
    return statement


def _to_location(code_range: CodeRange, line_offset: int) -> Location:
    start, end = code_range.start, code_range.end
    return Location(
        start.line + line_offset, start.column + 1, end.line + line_offset, end.column + 1
    )


def _align(body: Sequence[cst.CSTNode], ast_body: list[ast.stmt]) -> dict[int, ast.stmt] | None:
    """Map each libcst statement of a block to its first ``ast`` statement."""
    aligned: dict[int, ast.stmt] = {}
    index = 0
    for statement in body:
        if index >= len(ast_body):
            return None
        aligned[id(statement)] = ast_body[index]
        index += len(statement.body) if isinstance(statement, cst.SimpleStatementLine) else 1
    return aligned if index == len(ast_body) else None


def _first_line(statement: ast.stmt) -> int:
    decorators = getattr(statement, "decorator_list", None)
    if decorators:
        return min(int(decorator.lineno) for decorator in decorators)
    return statement.lineno


def _inner_bodies(
    node: cst.CSTNode, statement: ast.stmt
) -> tuple[Sequence[cst.CSTNode], list[ast.stmt]] | None:
    """The bodies to descend into: only functions and classes with an indented block."""
    if isinstance(node, (cst.FunctionDef, cst.ClassDef)) and isinstance(node.body, cst.IndentedBlock):
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return node.body.body, statement.body
    return None


def _first_code_line(lines: list[str], start: int) -> int | None:
    """1-based number of the first line after ``start`` that is not blank or a comment."""
    for number in range(start + 1, len(lines) + 1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return None
