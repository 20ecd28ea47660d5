"""Whether code leaves a container alone: how each use of a name treats the object it names.

A use of a name is one of:

* *read*: the object is only looked at (`len(x)`, `x[i]`, `v in x`, `for v in x`,
  `x.get(k)`, `f"{x}"`, `if x:`);
* *store*: the name is bound anew (`x = ...`, `for x in ...`, `def x`, `import x`);
* *anything else*: a mutation (`x.append(v)`, `x[k] = v`, `x += [...]`, `del x[k]`) or an
  escape that lets other code reach the object (`f(x)`, `y = x`, `self.items = x`, `[x]`,
  `return x`, a closure reading `x`).

RB313 and RB314 use this to be sure that hoisting a call, or sorting a list in place, cannot
change what any other code sees.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import libcst as cst

from reviewbot.engine.children import iter_children

# Builtins that only read their arguments (their results are new objects or scalars).
_READING_BUILTINS = frozenset(
    {
        "len", "sorted", "set", "list", "tuple", "frozenset", "dict", "max", "min", "sum",
        "any", "all", "enumerate", "zip", "reversed", "bool", "str", "repr", "isinstance",
        "print",
    }
)
# Methods that only read a list, tuple, set, dict or str (every str method does).
_READING_METHODS = frozenset(
    {
        "count", "index", "get", "keys", "values", "items", "copy", "issubset", "issuperset",
        "isdisjoint", "union", "intersection", "difference", "symmetric_difference",
    }
)
_GROWING_METHODS = frozenset({"append", "extend", "insert", "add", "update", "setdefault"})
_SCOPES = (cst.FunctionDef, cst.Lambda, cst.ClassDef)


@dataclass(frozen=True)
class Use:
    """One occurrence of the name, with its two nearest ancestors."""

    node: cst.Name
    parent: cst.CSTNode | None
    grandparent: cst.CSTNode | None
    store: bool
    nested: bool  # inside a function, lambda or class nested in the region


def only_read(name: str, region: cst.CSTNode, skip: Sequence[cst.CSTNode] = ()) -> bool:
    """Whether every use of ``name`` in ``region`` (outside ``skip``) only reads the object."""
    return all(_reads(use) for use in uses_of(name, region, skip))


def container_escapes(name: str, scope: cst.CSTNode) -> bool:
    """Whether the container ``name`` may be reachable from other code in ``scope``.

    Rebinding the name, mutating it in place and reading it are not escapes; handing it to a
    call, storing it, yielding it, or using it from a nested function or class is. ``return x``
    is allowed: after it the function is done.
    """
    for use in uses_of(name, scope):
        if use.nested:
            return True
        if use.store or _reads(use) or _mutates(use) or isinstance(use.parent, cst.Return):
            continue
        return True
    return False


def grows(name: str, scope: cst.CSTNode) -> bool:
    """Whether ``scope`` adds to the container ``name`` (``append``, ``add``, ``x[k] = v``, ...)."""
    for use in uses_of(name, scope):
        if _calls_method(use, _GROWING_METHODS):
            return True
        if isinstance(use.parent, cst.AugAssign) and use.parent.target is use.node:
            return True
        if _is_item_store(use):
            return True
    return False


def result_only_read(call: cst.Call, ancestors: Sequence[cst.CSTNode]) -> bool:
    """Whether the value ``call`` returns is only read where it is used (never bound or kept)."""
    parent = ancestors[-1] if ancestors else None
    grandparent = ancestors[-2] if len(ancestors) > 1 else None
    if isinstance(parent, (cst.Comparison, cst.ComparisonTarget, cst.If, cst.While)):
        return True
    if isinstance(parent, (cst.For, cst.CompFor)):
        return parent.iter is call
    if isinstance(parent, cst.Subscript):
        return parent.value is call and not isinstance(grandparent, (cst.AssignTarget, cst.Del))
    if isinstance(parent, cst.Arg) and isinstance(grandparent, cst.Call):
        return _reading_call(grandparent)
    return (
        isinstance(parent, cst.Attribute)
        and parent.attr.value in _READING_METHODS
        and isinstance(grandparent, cst.Call)
        and grandparent.func is parent
    )


def uses_of(name: str, region: cst.CSTNode, skip: Sequence[cst.CSTNode] = ()) -> Iterator[Use]:
    """Every use of the variable ``name`` in ``region``, in no particular order."""
    skipped = {id(node) for node in skip}
    stack: list[tuple[cst.CSTNode, cst.CSTNode | None, cst.CSTNode | None, bool, bool]] = [
        (region, None, None, False, False)
    ]
    while stack:
        node, parent, grandparent, store, nested = stack.pop()
        if id(node) in skipped:
            continue
        if isinstance(node, cst.Name):
            if node.value == name and not _is_label(node, parent):
                yield Use(node, parent, grandparent, store, nested)
            continue
        inner = nested or (node is not region and isinstance(node, _SCOPES))
        targets = _store_children(node)
        for child in iter_children(node):
            stack.append((child, node, parent, store or id(child) in targets, inner))


def _store_children(node: cst.CSTNode) -> set[int]:
    """The children of ``node`` that are assignment targets."""
    if isinstance(node, (cst.AssignTarget, cst.AnnAssign, cst.AugAssign, cst.NamedExpr)):
        return {id(node.target)}
    if isinstance(node, (cst.For, cst.CompFor, cst.Del)):
        return {id(node.target)}
    if isinstance(node, (cst.AsName, cst.Param, cst.FunctionDef, cst.ClassDef)):
        return {id(node.name)}
    if isinstance(node, (cst.ImportAlias, cst.NameItem)):
        return {id(node.name)}
    return set()


def _is_label(node: cst.Name, parent: cst.CSTNode | None) -> bool:
    """An attribute's or a keyword argument's name, not a variable."""
    if isinstance(parent, cst.Attribute):
        return parent.attr is node
    if isinstance(parent, cst.Arg):
        return parent.keyword is node
    return False


def _reads(use: Use) -> bool:
    parent, grandparent = use.parent, use.grandparent
    if use.store and not isinstance(parent, cst.AugAssign):
        return False
    if isinstance(parent, cst.Arg) and isinstance(grandparent, cst.Call):
        return _reading_call(grandparent)
    if isinstance(parent, cst.Subscript):
        return not _is_item_store(use)
    if isinstance(parent, (cst.For, cst.CompFor)):
        return parent.iter is use.node
    if isinstance(parent, (cst.Comparison, cst.ComparisonTarget, cst.FormattedStringExpression)):
        return True
    if isinstance(parent, (cst.If, cst.While, cst.IfExp, cst.UnaryOperation, cst.BinaryOperation)):
        return True
    return _calls_method(use, _READING_METHODS)


def _reading_call(call: cst.Call) -> bool:
    """A call that only reads its arguments: a reading builtin, or a method of a string literal
    (``', '.join(x)``)."""
    func = call.func
    if isinstance(func, cst.Name):
        return func.value in _READING_BUILTINS
    return isinstance(func, cst.Attribute) and isinstance(
        func.value, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)
    )


def _mutates(use: Use) -> bool:
    if isinstance(use.parent, cst.Attribute) and isinstance(use.grandparent, cst.Call):
        return use.grandparent.func is use.parent
    if isinstance(use.parent, cst.AugAssign):
        return True
    return _is_item_store(use)


def _calls_method(use: Use, methods: frozenset[str]) -> bool:
    parent, grandparent = use.parent, use.grandparent
    return (
        isinstance(parent, cst.Attribute)
        and parent.value is use.node
        and parent.attr.value in methods
        and isinstance(grandparent, cst.Call)
        and grandparent.func is parent
    )


def _is_item_store(use: Use) -> bool:
    """``x[k] = v``, ``x[k] += v``, ``del x[k]``: the use is a subscript that is a target."""
    return isinstance(use.parent, cst.Subscript) and use.store
