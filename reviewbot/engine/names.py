"""Reading dotted names out of libcst expressions (``re.compile``, ``Order.objects.filter``)."""

from __future__ import annotations

from pathlib import PurePosixPath

import libcst as cst


def module_name(path: str) -> str | None:
    """The dotted module a repo-relative file path defines (``app/views.py``: ``app.views``; a
    package's ``__init__.py`` defines the package), None when a part is not an identifier."""
    parts = PurePosixPath(path).with_suffix("").parts
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    if parts and all(part.isidentifier() for part in parts):
        return ".".join(parts)
    return None


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


def keyword_is_true(call: cst.Call, keyword: str) -> bool:
    """Whether ``call`` passes ``keyword=True`` (``save(force_insert=True)``, ``many=True``)."""
    return any(
        arg.keyword is not None
        and arg.keyword.value == keyword
        and isinstance(arg.value, cst.Name)
        and arg.value.value == "True"
        for arg in call.args
    )


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
