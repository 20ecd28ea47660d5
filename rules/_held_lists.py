"""The list a loop works on: a local name, or an attribute (``self.queue = []`` in
``__init__``, or ``queue = []`` in the class body) that the class's methods use as ``self.queue``.

The list rules judge a name by the engine's bindings, but an attribute's bindings are spread over
the methods of its class. This module gathers them, so RB306 and RB317 can say of ``self.queue``
what they say of a local list: it is a list when every assignment to it in the class makes a new
list (a display, a list comprehension, ``list(...)``, ``sorted(...)``, a dataclass
``field(default_factory=list)``), and data-sized when one of those is built from data or the class
grows it. Anything else assigned to it anywhere in the class (a deque, a parameter, a call's
result) makes it unknown, and nothing is reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypeGuard

import libcst as cst

from reviewbot.engine.children import iter_children
from reviewbot.engine.context import RuleContext
from reviewbot.engine.loops import loop_region
from reviewbot.engine.names import dotted_name
from reviewbot.engine.scopes import Loop

from ._list_bindings import (
    LIST_KINDS,
    grows,
    is_data_sized,
    list_value_size,
    sequence_binding,
)
from ._subtrees import descendants, rebinds

_RECEIVERS = frozenset({"self", "cls"})
_FIELD = frozenset({"field", "dataclasses.field"})


@dataclass(frozen=True)
class HeldList:
    """A local list or ``self.<attribute>`` known to hold a list; ``data_sized`` when its length
    comes from data or the code grows it (``_list_bindings.is_data_sized``)."""

    name: str  # "queue" or "self.queue", as the code spells it
    data_sized: bool


def held_list(
    receiver: cst.BaseExpression,
    loop: Loop,
    ctx: RuleContext,
    kinds: frozenset[str] = LIST_KINDS,
) -> HeldList | None:
    """The list ``receiver`` names, a local one (every binding one of ``kinds``; tuples too when
    asked) or ``self.name``; None for anything else, or for a list the loop builds afresh on each
    iteration (each call then costs one row's worth)."""
    region = loop_region(ctx, loop)
    if isinstance(receiver, cst.Name):
        binding = sequence_binding(ctx, receiver.value, kinds)
        if binding is None or rebinds(receiver.value, region):
            return None
        return HeldList(receiver.value, is_data_sized(binding, ctx))
    held = attribute_list(ctx, receiver)
    if held is None or reassigned_in(held.name, region):
        return None
    return held


def attribute_list(ctx: RuleContext, node: cst.BaseExpression) -> HeldList | None:
    """What ``node`` (``self.queue``) holds, when it is a list in every assignment of its class."""
    owner = _enclosing_class(ctx)
    if owner is None or not _own_attribute(node):
        return None
    sizes = {list_value_size(value) for value in _assigned(owner, node.attr.value)}
    if not sizes or None in sizes:
        return None
    spelled = f"{dotted_name(node.value)}.{node.attr.value}"
    if sizes == {"sized"}:
        return HeldList(spelled, data_sized=True)
    return HeldList(spelled, grows(spelled, owner))


def _own_attribute(node: cst.BaseExpression) -> TypeGuard[cst.Attribute]:
    """``self.name`` or ``cls.name``."""
    return isinstance(node, cst.Attribute) and dotted_name(node.value) in _RECEIVERS


def _enclosing_class(ctx: RuleContext) -> cst.ClassDef | None:
    """The innermost class around the current node (a method's class)."""
    for node in reversed(ctx.ancestors):
        if isinstance(node, cst.ClassDef):
            return node
    return None


def _assigned(owner: cst.ClassDef, attribute: str) -> Iterator[cst.BaseExpression]:
    """Every value the class assigns to ``self.<attribute>`` (or ``cls.``) in its methods, and to
    ``<attribute>`` in its own body; a dataclass ``field(default_factory=list)`` counts as ``[]``."""
    for statement in owner.body.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                yield from _values_for(small, {attribute})
    spelled = {f"{receiver}.{attribute}" for receiver in _RECEIVERS}
    for node in _own_nodes(owner):
        yield from _values_for(node, spelled)


def _own_nodes(owner: cst.ClassDef) -> Iterator[cst.CSTNode]:
    """The nodes of the class's body, not those of a nested class (its ``self`` is another)."""
    stack = list(iter_children(owner.body))
    while stack:
        current = stack.pop()
        yield current
        if not isinstance(current, cst.ClassDef):
            stack.extend(iter_children(current))


def _values_for(node: cst.CSTNode, spelled: set[str]) -> Iterator[cst.BaseExpression]:
    if isinstance(node, cst.Assign):
        if any(dotted_name(target.target) in spelled for target in node.targets):
            yield _default_factory(node.value)
    elif (
        isinstance(node, cst.AnnAssign)
        and node.value is not None
        and dotted_name(node.target) in spelled
    ):
        yield _default_factory(node.value)


def _default_factory(value: cst.BaseExpression) -> cst.BaseExpression:
    """``field(default_factory=list)`` stands for ``[]``; any other value is itself."""
    if not isinstance(value, cst.Call) or dotted_name(value.func) not in _FIELD:
        return value
    factories = [arg.value for arg in value.args if _keyword(arg) == "default_factory"]
    if factories and dotted_name(factories[0]) == "list":
        return cst.List(elements=[])
    return value


def _keyword(arg: cst.Arg) -> str | None:
    return arg.keyword.value if arg.keyword is not None else None


def reassigned_in(spelled: str, region: cst.CSTNode) -> bool:
    """Whether ``region`` assigns ``spelled`` (``self.queue``) anew: a fresh list each time."""
    return any(
        isinstance(node, (cst.Assign, cst.AnnAssign)) and spelled in _targets(node)
        for node in descendants(region)
    )


def _targets(node: cst.Assign | cst.AnnAssign) -> set[str | None]:
    if isinstance(node, cst.AnnAssign):
        return {dotted_name(node.target)}
    return {dotted_name(target.target) for target in node.targets}
