"""Whether values are known to be unhashable: lists, sets, dicts, bytearrays.

RB302, RB308 and RB319 advise a set or a dict built once before the loop. That only works when
the values tested or looked up can be hashed; a list of lists or of dicts raises ``TypeError``
in ``set(...)`` and as a dict key. These helpers recognise the cases the code shows: a display or
comprehension (``[a, b]``, ``{...}``), a call that builds one (``set(x)``, ``sorted(x)``), a name
every binding of which is one, or the items of a sequence built or annotated that way
(``[set(r.tags) for r in rows]``, ``groups: list[list[int]]``).
"""

from __future__ import annotations

from collections.abc import Iterable

import libcst as cst

from reviewbot.engine.context import RuleContext
from reviewbot.engine.names import dotted_name

from ._subtrees import sole_argument

_DISPLAYS: dict[type[cst.CSTNode], str] = {
    cst.List: "list",
    cst.ListComp: "list",
    cst.Set: "set",
    cst.SetComp: "set",
    cst.Dict: "dict",
    cst.DictComp: "dict",
}
_CALLS = {
    "list": "list",
    "sorted": "list",
    "set": "set",
    "dict": "dict",
    "defaultdict": "dict",
    "collections.defaultdict": "dict",
    "Counter": "dict",
    "collections.Counter": "dict",
    "bytearray": "bytearray",
}
_KINDS = {
    "list": "list",
    "set": "set",
    "dict": "dict",
    "bytearray": "bytearray",
    "param:list": "list",
    "param:set": "set",
    "param:dict": "dict",
}
_ANNOTATIONS = {
    "list": "list", "List": "list", "typing.List": "list",
    "set": "set", "Set": "set", "typing.Set": "set",
    "dict": "dict", "Dict": "dict", "typing.Dict": "dict",
    "bytearray": "bytearray",
}  # fmt: skip
# Copies that keep the items of their argument.
_COPIES = frozenset({"list", "tuple", "sorted", "reversed"})
# The hashable stand-in for each unhashable kind, to key a dict or fill a set with.
HASHABLE_FORM = {
    "list": "`tuple(...)`",
    "set": "`frozenset(...)`",
    "dict": "a tuple of the fields that identify it",
    "bytearray": "`bytes(...)`",
}


def unhashable(value: cst.BaseExpression, ctx: RuleContext) -> str | None:
    """The unhashable kind ``value`` evaluates to (``list``, ``set``, ...), None if not known."""
    display = _DISPLAYS.get(type(value))
    if display is not None:
        return display
    if isinstance(value, cst.Call):
        return _CALLS.get(dotted_name(value.func) or "")
    if isinstance(value, cst.Name):
        kinds = {_KINDS.get(kind) for kind in ctx.quiet_kinds(value.value)}  # advice only
        if len(kinds) == 1:
            return kinds.pop()
    return None


def unhashable_in_loop(
    value: cst.BaseExpression,
    targets: frozenset[str],
    iterable: cst.BaseExpression | None,
    ctx: RuleContext,
) -> str | None:
    """``unhashable``, where ``value`` may be the variable of a loop over ``iterable``."""
    if isinstance(value, cst.Name) and targets == {value.value} and iterable is not None:
        return unhashable_items(iterable, ctx)
    return unhashable(value, ctx)


def unhashable_items(sequence: cst.BaseExpression, ctx: RuleContext) -> str | None:
    """The unhashable kind of the items of ``sequence``, when the code shows it."""
    if isinstance(sequence, (cst.ListComp, cst.SetComp, cst.GeneratorExp)):
        return unhashable(sequence.elt, ctx)
    if isinstance(sequence, (cst.List, cst.Tuple)):
        return _shared(unhashable(element.value, ctx) for element in sequence.elements)
    if isinstance(sequence, cst.Name):
        return named_items(sequence.value, ctx)
    return _copied_items(sequence, ctx)


def _copied_items(sequence: cst.BaseExpression, ctx: RuleContext) -> str | None:
    """``list(x)`` / ``sorted(x)``: the items of ``x``."""
    if isinstance(sequence, cst.Call) and dotted_name(sequence.func) in _COPIES:
        source = sole_argument(sequence)
        return unhashable_items(source, ctx) if source is not None else None
    return None


def _shared(kinds: Iterable[str | None]) -> str | None:
    """The one kind all items have, None when they differ, are unknown, or there are none."""
    found = set(kinds)
    return found.pop() if len(found) == 1 else None


def named_items(name: str, ctx: RuleContext) -> str | None:
    """The unhashable kind of the items of the sequence ``name``: from every value bound to it,
    or from its parameter annotation."""
    binding = ctx.peek_binding(name)  # advice only: never a condition of the report
    if binding is None:
        return None
    if binding.values:
        return _shared(unhashable_items(value, ctx) for value in binding.values)
    return _annotated_items(name, ctx)


def _annotated_items(name: str, ctx: RuleContext) -> str | None:
    """``rows: list[list[int]]`` / ``tuple[set[str], ...]`` on the enclosing function."""
    for node in reversed(ctx.ancestors):
        if not isinstance(node, cst.FunctionDef):
            continue
        params = node.params
        for param in (*params.posonly_params, *params.params, *params.kwonly_params):
            if param.name.value == name and param.annotation is not None:
                return _item_annotation(param.annotation.annotation)
        return None
    return None


def _item_annotation(annotation: cst.BaseExpression) -> str | None:
    if not isinstance(annotation, cst.Subscript) or not annotation.slice:
        return None
    item = annotation.slice[0].slice
    if not isinstance(item, cst.Index):
        return None
    inner = item.value
    if isinstance(inner, cst.Subscript):
        inner = inner.value
    return _ANNOTATIONS.get(dotted_name(inner) or "")
