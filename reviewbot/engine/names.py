"""Reading dotted names out of libcst expressions (``re.compile``, ``Order.objects.filter``)."""

from __future__ import annotations

import libcst as cst


def dotted_name(node: cst.CSTNode) -> str | None:
    """``a.b.c`` for a Name/Attribute chain, else None."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = dotted_name(node.value)
        return None if base is None else f"{base}.{node.attr.value}"
    return None


def call_name(node: cst.CSTNode) -> str | None:
    """The dotted name of the function a Call calls, else None."""
    if isinstance(node, cst.Call):
        return dotted_name(node.func)
    return None


def method_chain(node: cst.BaseExpression) -> tuple[cst.BaseExpression, tuple[str, ...]]:
    """Split ``root.m1(...).m2(...).attr`` into its root and the attribute names along it."""
    names: list[str] = []
    current: cst.BaseExpression = node
    while True:
        if isinstance(current, cst.Call):
            current = current.func
        elif isinstance(current, cst.Attribute):
            names.append(current.attr.value)
            current = current.value
        else:
            return current, tuple(reversed(names))
