"""What a loop does to an expression inside it: does the expression change per iteration, can the
loop stop early, is the number of iterations written out in the source?

How often a statement runs (early exits, exits right after it) is the engine's knowledge
(``reviewbot.engine.loops``), shared with the loop facts it records on every per-iteration
finding; the rules import it from there.

The loop rules that call something "one per iteration" use these to stay quiet when the loop is
not what it looks like: a search that stops at the first hit, a walk over three literal values,
or a call whose arguments never change (that is a different finding, or none).
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from reviewbot.engine.children import iter_children
from reviewbot.engine.context import RuleContext
from reviewbot.engine.loops import fixed_count, loop_region
from reviewbot.engine.scopes import Loop
from reviewbot.rules._list_bindings import changes_in_place
from reviewbot.rules._subtrees import owning_scope, rebinds

_SCOPES = (cst.FunctionDef, cst.Lambda, cst.ClassDef)
_LOOPS = (cst.For, cst.While, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)
_DISPLAYS = (cst.List, cst.Tuple, cst.Set, cst.Dict)
_VIEWS = frozenset({"items", "keys", "values"})


def names_read(node: cst.CSTNode) -> frozenset[str]:
    """Names ``node`` reads: not attribute names (``o.total``) nor keyword names (``pk=``)."""
    found: set[str] = set()
    stack: list[cst.CSTNode] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Name):
            found.add(current.value)
        elif isinstance(current, (cst.Attribute, cst.Arg)):
            stack.append(current.value)
        else:
            stack.extend(iter_children(current))
    return frozenset(found)


def loop_varying_names(names: frozenset[str], loop: Loop, ctx: RuleContext) -> frozenset[str]:
    """Those of ``names`` the loop binds: its targets and names assigned in its body."""
    region = loop_region(ctx, loop)
    return frozenset(n for n in names if n in loop.targets or rebinds(n, region))


def varies_with(node: cst.CSTNode, loop: Loop, ctx: RuleContext) -> bool:
    """Whether ``node`` reads a name that ``loop`` binds, so it can differ per iteration."""
    return bool(loop_varying_names(names_read(node), loop, ctx))


def iterates_literal(loop: Loop) -> bool:
    """Whether the loop walks a list, tuple, set or dict written out in the source."""
    return isinstance(loop.iterable, _DISPLAYS)


def iterates_named_literal(loop: Loop, ctx: RuleContext) -> bool:
    """Whether the loop walks ``name`` or ``name.items()`` (``keys``, ``values``) where ``name`` is
    only ever bound to a non-empty display written out in the source and never changed in place:
    ``for source, task in SOURCES.items():`` over three entries is not a loop over data."""
    iterable = loop.iterable
    if (
        isinstance(iterable, cst.Call)
        and not iterable.args
        and isinstance(iterable.func, cst.Attribute)
        and iterable.func.attr.value in _VIEWS
    ):
        iterable = iterable.func.value
    if not isinstance(iterable, cst.Name):
        return False
    binding = ctx.binding(iterable.value)
    if binding is None or not binding.values or not all(map(_written_out, binding.values)):
        return False
    scope = owning_scope(ctx, binding.scope)
    return scope is not None and not changes_in_place(iterable.value, scope)


def _written_out(value: cst.BaseExpression) -> bool:
    """A non-empty display without ``*`` / ``**`` unpacking: its size is in the source."""
    return isinstance(value, _DISPLAYS) and bool(value.elements) and fixed_count(value)


def own_nodes(region: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """Nodes below ``region``, in source order, that are not inside a nested function, class or
    loop (those run at another time, or once per iteration of their own loop)."""
    stack = list(iter_children(region))
    stack.reverse()
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, (*_SCOPES, *_LOOPS)):
            continue
        children = list(iter_children(current))
        children.reverse()
        stack.extend(children)
