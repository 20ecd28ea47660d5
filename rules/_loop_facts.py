"""What a loop does to an expression inside it: does the expression change per iteration, can the
loop stop early, is the number of iterations written out in the source?

The loop rules that call something "one per iteration" use these to stay quiet when the loop is
not what it looks like: a search that stops at the first hit, a walk over three literal values,
or a call whose arguments never change (that is a different finding, or none).
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from reviewbot.engine.children import iter_children
from reviewbot.engine.context import RuleContext
from reviewbot.engine.scopes import Loop
from reviewbot.rules._subtrees import loop_region, rebinds

_SCOPES = (cst.FunctionDef, cst.Lambda, cst.ClassDef)
_LOOPS = (cst.For, cst.While, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)
_DISPLAYS = (cst.List, cst.Tuple, cst.Set, cst.Dict)


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


def iterates_literal(loop: Loop) -> bool:
    """Whether the loop walks a list, tuple, set or dict written out in the source."""
    return isinstance(loop.iterable, _DISPLAYS)


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
