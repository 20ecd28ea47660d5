"""Function length in logical lines: the statements of the body, counted recursively.

Each simple statement counts 1 and each compound statement's header counts 1 (``if``,
``elif``, ``for``, ``while``, ``try``, ``with``, ``match``, nested ``def`` and ``class``), as
does each ``except`` and ``case`` clause, since each carries a condition. ``else:`` and
``finally:`` lines carry no logic and do not count. Docstrings, decorators, blank lines,
comments and the lines a long statement wraps onto do not count, so documenting a function or
formatting it for readability never makes it "longer". Nested functions' bodies count towards
the enclosing function, which they make longer to read.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from reviewbot.metrics.syntax import FunctionNode, has_docstring

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def logical_length(function: FunctionNode) -> int:
    """Count the logical lines of ``function``'s body (see the module docstring)."""
    count = 0
    pending: list[ast.AST] = [*_body(function)]
    while pending:
        node = pending.pop()
        count += 1
        pending.extend(_clauses_and_statements(node))
    return count


def _clauses_and_statements(node: ast.AST) -> Iterator[ast.AST]:
    """The statements and ``except``/``case`` clauses directly inside ``node``."""
    if isinstance(node, _SCOPES):
        yield from _body(node)
        return
    for field in ("body", "orelse", "finalbody", "handlers", "cases"):
        children = getattr(node, field, None)
        if isinstance(children, list):  # a lambda's body is an expression, not statements
            yield from children


def _body(scope: FunctionNode | ast.ClassDef) -> list[ast.stmt]:
    """A function's or class's statements without its docstring."""
    return scope.body[1:] if has_docstring(scope.body) else scope.body
