"""How often code in a loop runs: a loop's region, its early exits, and what runs at most once.

The loop rules report a cost "per iteration". That is only true when the statement runs on every
iteration: a hint added just before ``raise`` runs once, and so does the body of a first-time
guard (``if pattern is None: pattern = re.compile(...)``). One place knows this, shared by every
rule and by the loop facts the engine attaches to their findings.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import libcst as cst

from reviewbot.engine.binder import target_names
from reviewbot.engine.children import iter_children
from reviewbot.engine.context import RuleContext
from reviewbot.engine.scopes import Loop

_SCOPES = (cst.FunctionDef, cst.Lambda, cst.ClassDef)
_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)
_LOOPS = (cst.For, cst.While, *_COMPREHENSIONS)
_EXITS: tuple[type[cst.CSTNode], ...] = (cst.Break, cst.Return, cst.Raise)
_FUNCTION_EXITS: tuple[type[cst.CSTNode], ...] = (cst.Return, cst.Raise)


def loop_region(ctx: RuleContext, loop: Loop) -> cst.CSTNode:
    """The code that runs on every iteration of ``loop`` (a whole comprehension for its clauses)."""
    if loop.kind != "comprehension":
        return loop.node
    for node in reversed(ctx.ancestors):
        if isinstance(node, _COMPREHENSIONS) and _has_clause(node, loop.node):
            return node
    return loop.node


def _has_clause(comprehension: cst.BaseComp | cst.DictComp, clause: cst.CSTNode) -> bool:
    current: cst.CompFor | None = comprehension.for_in
    while current is not None:
        if current is clause:
            return True
        current = current.inner_for_in
    return False


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
    enclosing block runs at most once: it is not a cost per iteration, and neither does a node
    inside the exit itself (``return names.index(name)``). ``node`` is the current node; the
    blocks between it and ``loop``'s body are searched for a later exit statement.
    """
    return leaves_after_path((*ctx.ancestors, node), loop)


def leaves_after_path(chain: Sequence[cst.CSTNode], loop: Loop) -> bool:
    """``leaves_after`` for a node given by its ancestry (the module first, the node last)."""
    steps = _inside(chain, loop)
    if _inside_exit(steps):
        return True
    nested = False  # inside a loop within ``loop``, a ``break`` ends only that inner loop
    for block, child in pairwise(steps):
        nested = nested or isinstance(block, (cst.For, cst.While))
        if _exits_after_child(block, child, nested=nested):
            return True
    return False


def _inside(chain: Sequence[cst.CSTNode], loop: Loop) -> Sequence[cst.CSTNode]:
    """The steps of ``chain`` below ``loop``'s node; none when ``loop`` is not in ``chain``."""
    start = next((i for i, step in enumerate(chain) if step is loop.node), None)
    return () if start is None else chain[start + 1 :]


def _inside_exit(steps: Sequence[cst.CSTNode]) -> bool:
    """Whether the node is part of a ``return ...`` / ``raise ...`` of the loop's own function:
    the loop ends with it (a nested function's ``return`` ends only that function)."""
    for step in steps:
        if isinstance(step, _SCOPES):
            return False
        if isinstance(step, _FUNCTION_EXITS):
            return True
    return False


def error_handler(chain: Sequence[cst.CSTNode], loop: Loop) -> cst.ExceptHandler | None:
    """The ``except`` clause between ``loop`` and the node at the end of ``chain``: its body
    runs only on the iterations whose ``try`` fails (a fallback, a retry, a cache miss), not
    on every one."""
    for step in _inside(chain, loop):
        if isinstance(step, _SCOPES):
            return None
        if isinstance(step, cst.ExceptHandler):
            return step
    return None


def first_time_guard(chain: Sequence[cst.CSTNode], loop: Loop) -> cst.If | None:
    """The ``if`` between ``loop`` and the node at the end of ``chain`` that lets its body run
    once: ``if x is None:`` or ``if not x:`` whose body binds ``x``, so later iterations skip it."""
    for parent, child in pairwise(_inside(chain, loop)):
        if isinstance(parent, cst.If) and child is parent.body and _guards_first_time(parent):
            return parent
    return None


def _guards_first_time(statement: cst.If) -> bool:
    name = _unset_name(statement.test)
    return name is not None and any(name in _bound_names(n) for n in _walk(statement.body))


def _unset_name(test: cst.BaseExpression) -> str | None:
    """``x`` of ``x is None``, ``not x`` or ``x is None and ...`` (the guard's first operand)."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
        return _unset_name(test.left)
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        return test.expression.value if isinstance(test.expression, cst.Name) else None
    if (
        isinstance(test, cst.Comparison)
        and isinstance(test.left, cst.Name)
        and len(test.comparisons) == 1
        and isinstance(test.comparisons[0].operator, cst.Is)
        and isinstance(test.comparisons[0].comparator, cst.Name)
        and test.comparisons[0].comparator.value == "None"
    ):
        return test.left.value
    return None


def _walk(node: cst.CSTNode) -> list[cst.CSTNode]:
    found: list[cst.CSTNode] = []
    stack = [node]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(c for c in iter_children(current) if not isinstance(c, _SCOPES))
    return found


def _bound_names(node: cst.CSTNode) -> frozenset[str]:
    if isinstance(node, cst.Assign):
        return frozenset(n for t in node.targets for n in target_names(t.target))
    if isinstance(node, (cst.AnnAssign, cst.AugAssign, cst.NamedExpr)):
        return frozenset(target_names(node.target))
    return frozenset()


def _exits_after_child(block: cst.CSTNode, child: cst.CSTNode, *, nested: bool) -> bool:
    """Whether ``block`` (a block or a line of small statements) exits after ``child``."""
    if not isinstance(block, (cst.IndentedBlock, cst.SimpleStatementLine)):
        return False
    statements = list(block.body)
    position = next((i for i, statement in enumerate(statements) if statement is child), None)
    exits = _FUNCTION_EXITS if nested else _EXITS
    return position is not None and any(_is_exit(s, exits) for s in statements[position + 1 :])


def _is_exit(statement: cst.CSTNode, exits: tuple[type[cst.CSTNode], ...]) -> bool:
    if isinstance(statement, cst.SimpleStatementLine):
        return any(isinstance(small, exits) for small in statement.body)
    return isinstance(statement, exits)


def fixed_count(iterable: cst.BaseExpression | None) -> bool:
    """Whether iterating ``iterable`` takes a number of steps written in the source."""
    if isinstance(iterable, (cst.SimpleString, cst.ConcatenatedString)):
        return True
    if isinstance(iterable, (cst.List, cst.Tuple, cst.Set, cst.Dict)):
        return not any(
            isinstance(e, (cst.StarredElement, cst.StarredDictElement)) for e in iterable.elements
        )
    if isinstance(iterable, cst.Call) and isinstance(iterable.func, cst.Name):
        arguments = [arg.value for arg in iterable.args]
        return (
            iterable.func.value == "range"
            and bool(arguments)
            and all(isinstance(arg, cst.Integer) for arg in arguments)
        )
    return isinstance(iterable, cst.Subscript) and _bounded_slice(iterable)


def _bounded_slice(subscript: cst.Subscript) -> bool:
    """``lines[:2]`` or ``parts[1:3]``: at most a written-out number of items, whatever the list."""
    if len(subscript.slice) != 1 or not isinstance(subscript.slice[0].slice, cst.Slice):
        return False
    part = subscript.slice[0].slice
    return (
        isinstance(part.upper, cst.Integer)
        and (part.lower is None or isinstance(part.lower, cst.Integer))
        and part.step is None
    )
