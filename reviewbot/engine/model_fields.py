"""How a Django model's source names things, read with ``ast``: shared by ``reviewbot init``'s
size guesses and the ``drf-serializers`` fact's model index, which both read model modules
whole without libcst."""

from __future__ import annotations

import ast


def last_name(node: ast.expr | None) -> str:
    """``Model`` for ``models.Model`` or ``Model``; empty for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else ""


def relation_target(call: ast.Call) -> str | None:
    """The class name of the model a relation field points to: ``Customer`` for ``Customer``,
    ``"Customer"`` or ``"shop.Customer"``, ``self`` for ``"self"``, empty for an expression that
    names none; None when the call has no target argument (positional, or ``to=``)."""
    first = (
        call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "to"), None)
    )
    if first is None:
        return None
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value.rsplit(".", 1)[-1]
    return last_name(first)
