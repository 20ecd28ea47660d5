"""Which fields of a libcst node hold semantic children, in source order.

The engine walks these fields itself instead of using ``CSTNode.visit``, which rebuilds every
node on the way up. Whitespace, comments, commas and parentheses are never walked: rules do
not need them, and suppression comments are read from the source text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import libcst as cst

_SKIPPED_FIELDS = frozenset(
    {
        "lpar",
        "rpar",
        "comma",
        "semicolon",
        "leading_lines",
        "lines_after_decorators",
        "header",
        "footer",
        "trailing_whitespace",
        "colon",
        "equal",
        "dot",
        "star",
        "operator",
        "lbracket",
        "rbracket",
        "lbrace",
        "rbrace",
        "arrow",
        "first_line",
        "empty_lines",
        "newline",
        "asynchronous",
        "await_keyword",
    }
)

# Field order differs from source order for a few nodes; rules expect source order.
_SOURCE_ORDER: dict[type[cst.CSTNode], tuple[str, ...]] = {
    cst.FunctionDef: ("decorators", "name", "type_parameters", "params", "returns", "body"),
    cst.ClassDef: ("decorators", "name", "type_parameters", "bases", "keywords", "body"),
}

_FIELDS_BY_TYPE: dict[type[cst.CSTNode], tuple[str, ...]] = {}


def child_fields(node_type: type[cst.CSTNode]) -> tuple[str, ...]:
    """The names of ``node_type``'s fields that may hold semantic child nodes."""
    names = _FIELDS_BY_TYPE.get(node_type)
    if names is None:
        names = _SOURCE_ORDER.get(node_type) or tuple(
            f.name
            for f in dataclasses.fields(node_type)
            if f.name not in _SKIPPED_FIELDS and not f.name.startswith("whitespace")
        )
        _FIELDS_BY_TYPE[node_type] = names
    return names


def iter_children(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """The semantic children of ``node`` in source order."""
    for name in child_fields(type(node)):
        value = getattr(node, name, None)
        if isinstance(value, cst.CSTNode):
            yield value
        elif isinstance(value, (tuple, list)):
            for item in value:
                if isinstance(item, cst.CSTNode):
                    yield item
