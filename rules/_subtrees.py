"""Looking around the current node: a subtree's nodes and names, a loop's region, a name's scope."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from reviewbot.engine.binder import target_names
from reviewbot.engine.children import iter_children
from reviewbot.engine.context import RuleContext
from reviewbot.engine.loops import fixed_count

_SCOPE_NODES = (cst.FunctionDef, cst.ClassDef, cst.Lambda)


def descendants(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """Every semantic node below ``node`` (not ``node`` itself), depth first in source order."""
    stack = list(iter_children(node))
    stack.reverse()
    while stack:
        current = stack.pop()
        yield current
        children = list(iter_children(current))
        children.reverse()
        stack.extend(children)


def names_in(node: cst.CSTNode) -> Iterator[cst.Name]:
    """The ``Name`` nodes in ``node`` that stand for variables, in source order.

    Attribute names (``.attr`` of ``x.attr``) and keyword names (``k`` of ``f(k=1)``) are
    skipped: they are spelled like variables but never refer to one.
    """
    stack: list[cst.CSTNode] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Name):
            yield current
            continue
        if isinstance(current, cst.Attribute):
            children: list[cst.CSTNode] = [current.value]
        elif isinstance(current, cst.Arg):
            children = [current.value]
        else:
            children = list(iter_children(current))
        children.reverse()
        stack.extend(children)


def uses_name(node: cst.CSTNode, name: str) -> bool:
    """Whether ``node`` refers to the variable ``name`` anywhere."""
    return any(found.value == name for found in names_in(node))


def owning_scope(ctx: RuleContext, qualname: str) -> cst.CSTNode | None:
    """The module, function, lambda or class node around the current node named ``qualname``.

    ``qualname`` is a ``Binding.scope``; the walk mirrors how the engine names scopes.
    """
    if qualname == "<module>":
        return ctx.module
    found: cst.CSTNode | None = None
    parts: list[str] = []
    for node in ctx.ancestors:
        if not isinstance(node, _SCOPE_NODES):
            continue
        parts.append(node.name.value if not isinstance(node, cst.Lambda) else "<lambda>")
        if ".".join(parts) == qualname:
            found = node
    return found


def rebinds(name: str, region: cst.CSTNode) -> bool:
    """Whether ``region`` binds ``name`` anew (assignment, loop target, walrus, ``with ... as``)."""
    return any(name in _bound_names(node) for node in descendants(region))


def _bound_names(node: cst.CSTNode) -> frozenset[str]:
    if isinstance(node, cst.Assign):
        return frozenset(n for t in node.targets for n in target_names(t.target))
    if isinstance(node, (cst.AnnAssign, cst.AugAssign, cst.NamedExpr)):
        return frozenset(target_names(node.target))
    if isinstance(node, (cst.For, cst.CompFor)):
        return frozenset(target_names(node.target))
    if isinstance(node, cst.WithItem) and node.asname is not None:
        return frozenset(target_names(node.asname.name))
    return frozenset()


def runs_fixed_times(ctx: RuleContext) -> bool:
    """Whether every loop around the current node runs a number of times written in the source.

    ``for i in range(4):`` or ``for kind in ("a", "b"):`` repeats its body a constant number of
    times, so a cost "per iteration" inside it is a constant too.
    """
    loops = ctx.loops
    return bool(loops) and all(fixed_count(loop.iterable) for loop in loops)


def sole_argument(call: cst.Call) -> cst.BaseExpression | None:
    """The call's one positional argument, when that is all it has (no keywords, no ``*``)."""
    if len(call.args) != 1 or call.args[0].keyword is not None or call.args[0].star:
        return None
    return call.args[0].value
