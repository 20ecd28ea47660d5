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
    """How a later iteration reads the row ``call`` creates (``parent``, ``made[-1]``), or None
    when no iteration reads it."""
    assign = _assignment_of(call, ctx)
    names = [n for t in assign.targets for n in target_names(t.target)] if assign else []
    if not isinstance(loop.node, (cst.For, cst.While)):
        return None  # a comprehension binds nothing a later item could read
    body = loop.node.body
    for name in names:
        if assign is not None and _read_before(name, assign, body):
            return name
    created = set(names)
    for held in _lists_appended(body, created, call):
        if any(_indexes(node, held) for node in descendants(body)):
            return f"{held}[...]"
    return None


def _assignment_of(call: cst.Call, ctx: RuleContext) -> cst.Assign | None:
    """The ``name = <call>`` statement ``call`` is the value of."""
    ancestors = ctx.ancestors
    parent = ancestors[-1] if ancestors else None
    if isinstance(parent, cst.Assign) and parent.value is call:
        return parent
    return None


def _read_before(name: str, assign: cst.Assign, body: cst.CSTNode) -> bool:
    """Whether the loop reads ``name`` before (or while) ``assign`` binds it afresh: the value
    read is the one the previous iteration created. An earlier fresh binding ends the chain."""
    variables = {id(n) for n in names_in(body) if n.value == name}
    written = {
        id(t.target)
        for node in descendants(body)
        if isinstance(node, cst.Assign)
        for t in node.targets
    }
    for node in descendants(body):
        if node is assign:
            return uses_name(assign.value, name)
        if isinstance(node, cst.Assign) and name in _bound(node):
            return uses_name(node.value, name)
        if id(node) in variables and id(node) not in written:
            return True
    return False


def _bound(assign: cst.Assign) -> set[str]:
    return {n for t in assign.targets for n in target_names(t.target)}


def _lists_appended(body: cst.CSTNode, created: set[str], call: cst.Call) -> set[str]:
    """Names of lists ``body`` appends the created row to: ``made.append(row)`` or
    ``made.append(Model.objects.create(...))``."""
    held: set[str] = set()
    for node in descendants(body):
        if not (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Attribute)
            and node.func.attr.value == "append"
            and isinstance(node.func.value, cst.Name)
            and len(node.args) == 1
        ):
            continue
        item = node.args[0].value
        if item is call or (isinstance(item, cst.Name) and item.value in created):
            held.add(node.func.value.value)
    return held


def _indexes(node: cst.CSTNode, name: str) -> bool:
    return isinstance(node, cst.Subscript) and (
        isinstance(node.value, cst.Name) and node.value.value == name
    )
