"""Small questions about ``ast`` nodes that several metrics ask."""

from __future__ import annotations

import ast
from collections.abc import Sequence
from typing import TypeAlias

FunctionNode: TypeAlias = ast.FunctionDef | ast.AsyncFunctionDef
#: ``try`` statements: ``ast.Try`` and, on Python 3.11+, ``ast.TryStar`` (``except*``).
TRY_NODES: tuple[type[ast.stmt], ...] = tuple(
    kind for kind in (ast.Try, getattr(ast, "TryStar", None)) if kind is not None
)


def is_elif(node: ast.If) -> bool:
    """Whether ``node``'s ``else`` branch is an ``elif``.

    ``ast`` writes ``elif b:`` and ``else:`` + ``if b:`` the same way; an ``elif`` starts at its
    ``if``'s column on a later line, while an ``if`` inside ``else:`` is indented deeper.
    """
    orelse = node.orelse
    return (
        len(orelse) == 1
        and isinstance(orelse[0], ast.If)
        and orelse[0].col_offset == node.col_offset
        and orelse[0].lineno > node.lineno
    )


def has_docstring(body: Sequence[ast.stmt]) -> bool:
    """Whether ``body`` (of a module, class or function) starts with a docstring."""
    first = body[0] if body else None
    return (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    )
