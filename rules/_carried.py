"""Whether a row a loop creates is used by a later iteration of the same loop.

``parent = Node.objects.create(parent=parent, ...)`` builds a chain: each INSERT needs the key
the previous one returned, so the rows cannot be collected and inserted with one
``bulk_create``. The same holds when the created rows are appended to a list the loop then
indexes (``Node.objects.create(parent=made[-1])``). RB304 then states the cost instead of
advising a batch.
"""

from __future__ import annotations

import libcst as cst

from reviewbot.engine.binder import target_names
from reviewbot.engine.context import RuleContext
from reviewbot.engine.scopes import Loop

from ._subtrees import descendants, names_in, uses_name


def carried_row(call: cst.Call, loop: Loop, ctx: RuleContext) -> str | None:
    """How a later iteration reads the row ``call`` creates (``parent``, ``made[...]``), or None
    when no iteration reads it."""
    if not isinstance(loop.node, (cst.For, cst.While)):
        return None  # a comprehension binds nothing a later item could read
    body = loop.node.body
    assign = _assignment_of(call, ctx)
    names = _bound(assign) if assign is not None else set()
    chained = next((n for n in sorted(names) if assign and _read_before(n, assign, body)), None)
    if chained is not None:
        return chained
    indexed = {_indexed_name(node) for node in descendants(body)}
    held = _lists_appended(body, names, call) & indexed
    return f"{min(held)}[...]" if held else None


def _assignment_of(call: cst.Call, ctx: RuleContext) -> cst.Assign | None:
    """The ``name = <call>`` statement ``call`` is the value of."""
    parent = ctx.parent
    return parent if isinstance(parent, cst.Assign) and parent.value is call else None


def _read_before(name: str, assign: cst.Assign, body: cst.CSTNode) -> bool:
    """Whether the loop reads ``name`` before (or while) ``assign`` binds it afresh: the value
    read is the one the previous iteration created. An earlier fresh binding ends the chain."""
    reads = {id(n) for n in names_in(body) if n.value == name} - _targets(body)
    for node in descendants(body):
        if node is assign or (isinstance(node, cst.Assign) and name in _bound(node)):
            return uses_name(node.value, name)
        if id(node) in reads:
            return True
    return False


def _targets(body: cst.CSTNode) -> set[int]:
    """The ids of the nodes ``body`` assigns to (written, not read)."""
    assigns = (node for node in descendants(body) if isinstance(node, cst.Assign))
    return {id(target.target) for node in assigns for target in node.targets}


def _bound(assign: cst.Assign) -> set[str]:
    return {n for t in assign.targets for n in target_names(t.target)}


def _lists_appended(body: cst.CSTNode, created: set[str], call: cst.Call) -> set[str]:
    """Names of lists ``body`` appends the created row to: ``made.append(row)`` or
    ``made.append(Model.objects.create(...))``."""
    held: set[str] = set()
    for node in descendants(body):
        appended = _append(node)
        if appended is None:
            continue
        holder, item = appended
        if item is call or (isinstance(item, cst.Name) and item.value in created):
            held.add(holder)
    return held


def _append(node: cst.CSTNode) -> tuple[str, cst.BaseExpression] | None:
    """``name.append(item)`` as ``(name, item)``."""
    if not isinstance(node, cst.Call) or len(node.args) != 1:
        return None
    func = node.func
    if not (isinstance(func, cst.Attribute) and func.attr.value == "append"):
        return None
    return (func.value.value, node.args[0].value) if isinstance(func.value, cst.Name) else None


def _indexed_name(node: cst.CSTNode) -> str | None:
    """``name`` for ``name[...]``."""
    if isinstance(node, cst.Subscript) and isinstance(node.value, cst.Name):
        return node.value.value
    return None
