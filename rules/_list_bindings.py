"""What the list rules (RB302, RB306, RB307) need to know about a name bound to a list or tuple.

Two questions, each answered from the code alone so that a report is never a guess:

* is every binding of the name a list (or tuple) whose length depends on data, rather than a
  short literal written out in the source?
* does some stretch of code grow the list, or otherwise change it in place?

It also lists the membership tests of a comparison, which RB302 and RB307 share.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import libcst as cst

from reviewbot.engine.context import RuleContext
from reviewbot.engine.loops import fixed_count
from reviewbot.engine.names import dotted_name
from reviewbot.engine.scopes import Binding

from ._subtrees import descendants, owning_scope

LIST_KINDS = frozenset({"list", "param:list"})
SEQUENCE_KINDS = LIST_KINDS | {"tuple", "param:tuple"}
_GROWING_METHODS = frozenset({"append", "extend", "insert", "add", "update"})
_IN_PLACE_METHODS = _GROWING_METHODS | {
    "remove",
    "pop",
    "clear",
    "sort",
    "reverse",
    "setdefault",
    "popitem",
}
_SIZED_CALLS = frozenset({"list", "tuple", "sorted"})


@dataclass(frozen=True)
class Membership:
    """One ``needle in name`` / ``needle not in name`` test."""

    needle: cst.BaseExpression
    operator: str  # "in" or "not in"
    name: str


def memberships(node: cst.Comparison) -> Iterator[Membership]:
    """The membership tests against a plain name in a (possibly chained) comparison."""
    left = node.left
    for target in node.comparisons:
        comparator = target.comparator
        if isinstance(comparator, cst.Name) and isinstance(target.operator, (cst.In, cst.NotIn)):
            operator = "in" if isinstance(target.operator, cst.In) else "not in"
            yield Membership(left, operator, comparator.value)
        left = comparator


def sequence_binding(
    ctx: RuleContext, name: str, kinds: frozenset[str] = SEQUENCE_KINDS
) -> Binding | None:
    """The binding of ``name`` when every binding of it is one of ``kinds``, else None."""
    binding = ctx.binding(name)
    if binding is None or not binding.only(*kinds):
        return None
    return binding


def is_data_sized(binding: Binding, ctx: RuleContext) -> bool:
    """Whether the list's length comes from data, not from a fixed literal in the source.

    A comprehension, ``list(...)``/``tuple(...)``/``sorted(...)`` of something, a starred literal,
    a concatenation with one of those, or an annotated parameter is data-sized. A literal
    (``[]``, ``["a", "b"]``) is only when the owning scope grows it: otherwise scanning it costs
    a constant. An alias of another name is never assumed to be.
    """
    verdicts = {_value_size(value) for value in binding.values}
    if "unknown" in verdicts:
        return False
    if verdicts & {"fixed", "empty"}:
        scope = owning_scope(ctx, binding.scope)
        return scope is not None and grows(binding.name, scope)
    return bool(verdicts) or any(kind.startswith("param:") for kind in binding.kinds)


def is_short_literal(binding: Binding, ctx: RuleContext) -> bool:
    """Whether every value of the name is a literal written out in full that nothing grows."""
    if not binding.values or {_value_size(v) for v in binding.values} != {"fixed"}:
        return False
    scope = owning_scope(ctx, binding.scope)
    return scope is not None and not grows(binding.name, scope)


def list_value_size(value: cst.BaseExpression) -> str | None:
    """``sized``, ``empty`` or ``fixed`` when ``value`` makes a new list (a display, a list
    comprehension, ``list(...)`` or ``sorted(...)``), None when it makes something else."""
    if isinstance(value, (cst.List, cst.ListComp)):
        return _value_size(value)
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Name):
        return _value_size(value) if value.func.value in ("list", "sorted") else None
    return None


def _value_size(value: cst.BaseExpression) -> str:
    """``sized``, ``empty``, ``fixed`` or ``unknown`` for one bound value."""
    if isinstance(value, cst.ListComp):
        return "fixed" if _comprehension_is_fixed(value) else "sized"
    if isinstance(value, (cst.List, cst.Tuple, cst.Set)):
        return _display_size(value)
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Name):
        if value.func.value in _SIZED_CALLS:
            return _copy_size(value)
    elif isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Add):
        return _concatenation_size(value)
    return "unknown"  # e.g. an alias of another name: its size is not known here


def _comprehension_is_fixed(value: cst.ListComp) -> bool:
    """``[str(d) for d in range(10)]``: every clause walks a count written in the source."""
    clause: cst.CompFor | None = value.for_in
    while clause is not None:
        if not fixed_count(clause.iter):
            return False
        clause = clause.inner_for_in
    return True


def _copy_size(value: cst.Call) -> str:
    """``list(x)`` / ``tuple(x)`` / ``sorted(x)``: as long as ``x``, whose length may be fixed."""
    if not value.args:
        return "empty"
    return "fixed" if fixed_count(value.args[0].value) else "sized"


def _display_size(value: cst.List | cst.Tuple | cst.Set) -> str:
    if not value.elements:
        return "empty"
    starred = any(isinstance(e, cst.StarredElement) for e in value.elements)
    return "sized" if starred else "fixed"


def _concatenation_size(value: cst.BinaryOperation) -> str:
    sides = {_value_size(value.left), _value_size(value.right)}
    if "sized" in sides:
        return "sized"
    return "fixed" if sides <= {"fixed", "empty"} else "unknown"


def grows(name: str, region: cst.CSTNode) -> bool:
    """Whether ``region`` appends to, extends, inserts or adds into, or ``+=``-s ``name``."""
    return any(_grows_here(node, name) for node in descendants(region))


def changes_in_place(name: str, region: cst.CSTNode) -> bool:
    """Whether ``region`` mutates the list ``name`` (a dotted name such as ``self.items`` works).

    A mutating method, ``+=`` and item assignment or deletion count; rebinding the name does not.
    """
    return any(_changes_here(node, name) for node in descendants(region))


def _method_on(node: cst.CSTNode, name: str, methods: frozenset[str]) -> bool:
    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
        return False
    return dotted_name(node.func.value) == name and node.func.attr.value in methods


def _grows_here(node: cst.CSTNode, name: str) -> bool:
    if _method_on(node, name, _GROWING_METHODS):
        return True
    return (
        isinstance(node, cst.AugAssign)
        and isinstance(node.operator, cst.AddAssign)
        and _is_name(node.target, name)
    )


def _changes_here(node: cst.CSTNode, name: str) -> bool:
    if _method_on(node, name, _IN_PLACE_METHODS):
        return True
    if isinstance(node, cst.AugAssign):
        return _is_name(node.target, name) or _is_item_of(node.target, name)
    if isinstance(node, cst.Assign):
        return any(_is_item_of(target.target, name) for target in node.targets)
    if isinstance(node, cst.Del):
        return _is_item_of(node.target, name)
    return False


def _is_name(node: cst.CSTNode, name: str) -> bool:
    return dotted_name(node) == name


def _is_item_of(node: cst.CSTNode, name: str) -> bool:
    return isinstance(node, cst.Subscript) and _is_name(node.value, name)
