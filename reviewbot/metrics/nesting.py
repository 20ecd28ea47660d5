"""Block nesting depth: how many compound statements enclose a function's deepest statement.

Blocks are ``if``, ``for``, ``while``, ``try``, ``with`` and ``match`` (and their async forms).
An ``elif`` stays at its ``if``'s level; ``else``/``except``/``finally``/``case`` bodies sit one
level inside their statement, like its body. Nested functions, classes and lambdas are not
entered: a nested function is measured on its own. A function whose body holds no block has
depth 0; ``if a:`` holding ``for x in y:`` has depth 2.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from reviewbot.metrics.syntax import TRY_NODES, FunctionNode, is_elif

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


@dataclass(frozen=True)
class NestingDepth:
    """The deepest block nesting and the line of the first innermost block that reaches it."""

    depth: int
    line: int  # 0 when the function holds no block


def nesting_depth(function: FunctionNode) -> NestingDepth:
    """Measure the deepest block nesting inside ``function`` (iteratively: no recursion limit)."""
    deepest = NestingDepth(0, 0)
    pending: list[tuple[ast.stmt, int]] = [(statement, 0) for statement in function.body]
    while pending:
        statement, depth = pending.pop()
        inner = [] if isinstance(statement, _SCOPES) else list(_inner_statements(statement))
        if not inner:
            continue
        deepest = max(deepest, NestingDepth(depth + 1, statement.lineno), key=_deepest_first)
        pending.extend((child, depth + 1) for child in inner)
        if isinstance(statement, ast.If) and is_elif(statement):
            pending.append((statement.orelse[0], depth))
    return deepest


def _deepest_first(candidate: NestingDepth) -> tuple[int, int]:
    """Order by depth, then prefer the block that comes first in the source."""
    return candidate.depth, -candidate.line


def _inner_statements(statement: ast.stmt) -> Iterator[ast.stmt]:
    """The statements one level inside ``statement`` (an ``elif`` is queued by the caller)."""
    if isinstance(statement, ast.If):
        yield from statement.body
        if not is_elif(statement):
            yield from statement.orelse
    elif isinstance(statement, (ast.For, ast.AsyncFor, ast.While)):
        yield from statement.body
        yield from statement.orelse
    elif isinstance(statement, (ast.With, ast.AsyncWith)):
        yield from statement.body
    elif isinstance(statement, ast.Match):
        for case in statement.cases:
            yield from case.body
    elif isinstance(statement, TRY_NODES):
        yield from _try_statements(cast(ast.Try, statement))


def _try_statements(statement: ast.Try) -> Iterator[ast.stmt]:
    """Body, handlers, ``else`` and ``finally`` of ``try`` (``ast.TryStar`` has the same fields)."""
    yield from statement.body
    for handler in statement.handlers:
        yield from handler.body
    yield from statement.orelse
    yield from statement.finalbody
