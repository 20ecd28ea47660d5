"""Shared helpers of ACME's review rules (modules starting with `_` hold no rules)."""

from __future__ import annotations

import libcst as cst

HTTP_VERBS = frozenset({"get", "post", "put", "patch", "delete", "route"})


def is_request_handler(function: cst.CSTNode) -> bool:
    """Whether ``function`` is decorated as a route: ``@router.post("/orders")`` and the like."""
    if not isinstance(function, cst.FunctionDef):
        return False
    return any(_is_route(decorator.decorator) for decorator in function.decorators)


def _is_route(decorator: cst.BaseExpression) -> bool:
    target = decorator.func if isinstance(decorator, cst.Call) else decorator
    return isinstance(target, cst.Attribute) and target.attr.value in HTTP_VERBS
