"""What a loop does to an expression inside it: does the expression change per iteration, can the
loop stop early, is the number of iterations written out in the source?

The loop rules that call something "one per iteration" use these to stay quiet when the loop is
not what it looks like: a search that stops at the first hit, a walk over three literal values,
or a call whose arguments never change (that is a different finding, or none).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

import libcst as cst

from reviewbot.engine.children import iter_children
from reviewbot.engine.context import RuleContext
from reviewbot.engine.scopes import Loop
from reviewbot.rules._list_bindings import changes_in_place
from reviewbot.rules._subtrees import fixed_count, loop_region, owning_scope, rebinds

_SCOPES = (cst.FunctionDef, cst.Lambda, cst.ClassDef)
_LOOPS = (cst.For, cst.While, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)
_DISPLAYS = (cst.List, cst.Tuple, cst.Set, cst.Dict)
_EXITS = (cst.Break, cst.Return, cst.Raise)
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


def exits_early(loop: Loop, ctx: RuleContext) -> bool:
    """Whether the loop's body can ``break`` out of it or ``return``: a search, not a sweep."""
    stack: list[tuple[cst.CSTNode, bool]] = [(loop_region(ctx, loop), False)]
    while stack:
        node, nested = stack.pop()
        if isinstance(node, cst.Return) or (isinstance(node, cst.Break) and not nested):
            return True
        inner = nested or (isinstance(node, _LOOPS) and node is not loop.node)
        children = [child for child in iter_children(node) if not isinstance(child, _SCOPES)]
        stack.extend((child, inner) for child in children)
    return False


def leaves_after(node: cst.CSTNode, loop: Loop, ctx: RuleContext) -> bool:
    """Whether the iteration that runs ``node`` always ends the loop right after it.

    ``msg += hint`` followed by ``raise Error(msg)`` (or ``break`` / ``return``) in the same or an
    enclosing block runs at most once: it is not a cost per iteration. ``node`` is the current
    node; the blocks between it and ``loop``'s body are searched for a later exit statement.
    """
    chain = [*ctx.ancestors, node]
    if not any(step is loop.node for step in chain):
        return False
    below = chain[next(i for i, step in enumerate(chain) if step is loop.node) + 1 :]
    return any(_exits_after_child(block, child) for block, child in pairwise(below))


def _exits_after_child(block: cst.CSTNode, child: cst.CSTNode) -> bool:
    """Whether ``block`` (a block or a line of small statements) exits after ``child``."""
    if not isinstance(block, (cst.IndentedBlock, cst.SimpleStatementLine)):
        return False
    statements = list(block.body)
    position = next((i for i, statement in enumerate(statements) if statement is child), None)
    return position is not None and any(_is_exit(s) for s in statements[position + 1 :])


def _is_exit(statement: cst.CSTNode) -> bool:
    if isinstance(statement, cst.SimpleStatementLine):
        return any(isinstance(small, _EXITS) for small in statement.body)
    return isinstance(statement, _EXITS)


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
