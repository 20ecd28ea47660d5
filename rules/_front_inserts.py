"""What a list built with ``insert(0, x)`` in a loop is used for, and so what to write instead.

Prepending in a loop builds the list in reverse order. A ``collections.deque`` with
``appendleft`` does that in O(1) per item, but a deque does not slice, has no ``sort()``, is slow
to index in the middle, and is not a ``list`` for a caller that expects one. Appending in the
loop and reversing once after it gives the same list in O(n) and keeps it a list; it only works
when the loop adds at the front alone (an ``append`` in the same loop would end up reversed too).
"""

from __future__ import annotations

import libcst as cst

from reviewbot.engine.context import RuleContext
from reviewbot.engine.names import dotted_name
from reviewbot.engine.scopes import Loop

from ._subtrees import descendants

# Calls that only walk their argument: a deque serves them as well as a list.
_WALKERS = frozenset(
    {
        "len",
        "iter",
        "reversed",
        "list",
        "tuple",
        "set",
        "frozenset",
        "any",
        "all",
        "sum",
        "min",
        "max",
        "enumerate",
        "zip",
        "print",
        "bool",
        "deque",
        "collections.deque",
        "sorted",
    }
)
_LIST_METHODS = frozenset({"sort", "index", "copy"})
# Other ways to add to the list: with them, one reverse at the end breaks the order.
_ADDERS = frozenset({"append", "extend", "insert", "__setitem__"})


def list_only_use(name: str, loop: Loop, ctx: RuleContext) -> str | None:
    """How the function, outside ``loop``, uses ``name`` as a list (``sliced``, ``sorted``,
    ``returned``, ``passed to `f(...)```), or None when walking it is all it does."""
    scope = _function_of(ctx)
    inside = {id(node) for node in descendants(loop.node)}
    for node in descendants(scope):
        if id(node) in inside or node is loop.node:
            continue
        use = _list_use(node, name)
        if use is not None:
            return use
    return None


def only_prepends(name: str, loop: Loop) -> bool:
    """Whether the loop adds to ``name`` only with ``insert(0, ...)``: reversing once after the
    loop then gives the same order."""
    for node in descendants(loop.node):
        if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)):
            continue
        if dotted_name(node.func.value) != name or node.func.attr.value not in _ADDERS:
            continue
        if node.func.attr.value != "insert" or not _at_zero(node):
            return False
    return True


def _function_of(ctx: RuleContext) -> cst.CSTNode:
    for node in reversed(ctx.ancestors):
        if isinstance(node, cst.FunctionDef):
            return node
    return ctx.module


def _list_use(node: cst.CSTNode, name: str) -> str | None:
    """How ``node`` uses the list ``name`` in a way a deque does not serve, if it does."""
    if isinstance(node, cst.Subscript) and dotted_name(node.value) == name:
        return "sliced" if _slices(node) else "indexed"
    if isinstance(node, cst.Return) and node.value is not None:
        return "returned" if dotted_name(node.value) == name else None
    return _call_use(node, name) if isinstance(node, cst.Call) else None


def _call_use(call: cst.Call, name: str) -> str | None:
    """``name.sort()`` / ``name.index(x)``, or ``name`` passed to a call that does more than
    walk it (``sorted``, ``len``, ``"".join`` serve a deque as well)."""
    func = call.func
    if isinstance(func, cst.Attribute) and dotted_name(func.value) == name:
        method = func.attr.value
        return "sorted" if method == "sort" else _method_use(method)
    called = dotted_name(func)
    passed = any(dotted_name(arg.value) == name for arg in call.args)
    if not passed or called in _WALKERS or _is_join(func):
        return None
    return f"passed to `{called or 'a call'}(...)`"


def _method_use(method: str) -> str | None:
    return f"used with `.{method}()`" if method in _LIST_METHODS else None


def _is_join(func: cst.BaseExpression) -> bool:
    return isinstance(func, cst.Attribute) and func.attr.value == "join"


def _slices(node: cst.Subscript) -> bool:
    return any(isinstance(element.slice, cst.Slice) for element in node.slice)


def _at_zero(call: cst.Call) -> bool:
    first = call.args[0].value if call.args else None
    return isinstance(first, cst.Integer) and first.evaluated_value == 0
