"""RB317: ``lst.remove(x)`` / ``del lst[lst.index(x)]`` on a data-sized list, per iteration."""

from __future__ import annotations

import libcst as cst

from reviewbot.engine.context import RuleContext
from reviewbot.engine.names import dotted_name
from reviewbot.engine.scopes import Loop
from reviewbot.findings import Category, Severity
from reviewbot.ruleset.api import Invalid, NodeRule, RuleDoc, Valid

from ._held_lists import held_list
from ._loop_facts import varies_with
from ._quote import quote
from ._subtrees import sole_argument


class ListRemoveInLoop(NodeRule):
    """Flags removing items from a data-sized list one by one, each removal a scan and a shift."""

    code = "RB317"
    per_iteration = True
    name = "list-remove-in-loop"
    category = Category.PERFORMANCE
    severity = Severity.WARNING
    doc = RuleDoc(
        what=(
            "Checks for `name.remove(item)`, `del name[name.index(item)]` and "
            "`name.pop(name.index(item))` inside a loop, where "
            "every binding of `name` is a list whose length comes from data (a comprehension, "
            "`list(...)`, `sorted(...)`, a parameter annotated `list`, or a literal the function "
            "grows), or `self.name` set to such a list wherever its class assigns it. The item "
            "must change with the loop.\n\n"
            "Not reported: a set or a dict (`set.remove` is a hash lookup), a list written out "
            "in the source that nothing grows (`['draft', 'void']`), a list the loop builds "
            "afresh on each iteration, `while x in lst: lst.remove(x)` (the same item every "
            "time), and, through the loop facts, a removal followed by `break`, `return` or "
            "`raise` (it runs once per loop), a loop over a few values written in the source, a "
            "schema or one object's collection (`for line in order.lines:`), and test files."
        ),
        why=(
            "`list.remove(x)` compares `x` with the items from the front until it finds it, then "
            "moves every later item one slot down: O(n) per call. Removing one item per "
            "iteration of a loop over data makes the loop O(n²): 20,000 removals from a "
            "20,000-item list are hundreds of millions of steps. Collecting what to drop in a "
            "set and filtering the list once is O(n)."
        ),
        example=(
            "def unshipped(orders, shipments):\n"
            "    pending = list(orders)\n"
            "    for shipment in shipments:\n"
            "        pending.remove(shipment.order)\n"
            "    return pending\n"
        ),
        use_instead=(
            "def unshipped(orders, shipments):\n"
            "    shipped = {shipment.order for shipment in shipments}\n"
            "    return [order for order in orders if order not in shipped]\n"
        ),
        fix_safety=(
            "No automatic fix: the filter keeps the survivors in their order but drops every "
            "copy of a removed value, where `remove` drops only the first, and a set needs "
            "hashable items; when duplicates matter, count them (`collections.Counter`) "
            "instead. When order does not matter, the list may as well be a set."
        ),
    )
    valid = (
        Valid(
            "def unshipped(orders, shipments):\n    shipped = {s.order for s in shipments}\n    return [o for o in orders if o not in shipped]\n",
            "one filter after collecting a set",
        ),
        Valid(
            "def forget(users, sessions):\n    live = set(sessions)\n    for user in users:\n        live.remove(user.session)\n    return live\n",
            "`set.remove` is a hash lookup",
        ),
        Valid(
            "def claim(tickets, agents):\n    free = list(agents)\n    for ticket in tickets:\n        if ticket.agent in free:\n            free.remove(ticket.agent)\n            break\n    return free\n",
            "removes once, then leaves the loop (dropped as `loop:once`)",
        ),
        Valid(
            "def visible(rows):\n    states = ['draft', 'void', 'paid']\n    for row in rows:\n        if row.hidden in states:\n            states.remove(row.hidden)\n    return states\n",
            "a list written out in the source: a removal costs a constant",
        ),
        Valid(
            "def clean(items):\n    items = list(items)\n    for name in ('tmp', 'cache'):\n        items.remove(name)\n    return items\n",
            "a loop over two values written in the source (dropped as `loop:fixed`)",
        ),
        Valid(
            "def strip_blanks(lines):\n    lines = list(lines)\n    while '' in lines:\n        lines.remove('')\n    return lines\n",
            "the same item on every iteration",
        ),
    )
    invalid = (
        Invalid(
            "def unshipped(orders, shipments):\n    pending = list(orders)\n    for shipment in shipments:\n        pending.remove(shipment.order)\n    return pending\n",
            lines=(4,),
        ),
        Invalid(
            "def settle(payments, open_ids: list[int]):\n    for payment in payments:\n        del open_ids[open_ids.index(payment.invoice_id)]\n    return open_ids\n",
            lines=(3,),
        ),
        Invalid(
            "class Pool:\n    def __init__(self, workers):\n        self.idle = [w for w in workers if w.ready]\n\n    def assign(self, jobs):\n        for job in jobs:\n            self.idle.remove(job.worker)\n",
            lines=(7,),
            note="a list held in an attribute `__init__` sets",
        ),
    )

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        """``name.remove(item)`` or ``name.pop(name.index(item))``, inside a loop."""
        func = node.func
        loop = ctx.loop
        if loop is None or not isinstance(func, cst.Attribute):
            return
        item = sole_argument(node)
        if item is None:
            return
        if func.attr.value == "remove":
            self._check(node, func.value, item, loop, ctx)
        elif func.attr.value == "pop":
            searched = _index_of(item, func.value)
            if searched is not None:
                self._check(node, func.value, searched, loop, ctx)

    def visit_Del(self, node: cst.Del, ctx: RuleContext) -> None:
        """``del name[name.index(item)]``: the same scan and shift, spelled out."""
        loop = ctx.loop
        target = node.target
        if loop is None or not isinstance(target, cst.Subscript) or len(target.slice) != 1:
            return
        index = target.slice[0].slice
        if isinstance(index, cst.Index):
            searched = _index_of(index.value, target.value)
            if searched is not None:
                self._check(node, target.value, searched, loop, ctx)

    def _check(
        self,
        node: cst.CSTNode,
        receiver: cst.BaseExpression,
        item: cst.BaseExpression,
        loop: Loop,
        ctx: RuleContext,
    ) -> None:
        if not varies_with(item, loop, ctx):
            return  # the same item every time: `while x in lst: lst.remove(x)`
        held = held_list(receiver, loop, ctx)
        if held is None or not held.data_sized:
            return
        name = held.name
        ctx.report(
            node,
            f"`{quote(ctx, node)}` inside `{loop.header}` scans and shifts the list `{name}` "
            f"on every iteration",
            rationale=(
                f"`{name}` is a list as long as the data, and each removal searches it from the "
                f"front and moves every later item down a slot, so the loop is O(iterations × "
                f"len({name})). Collect what to drop in a set inside the loop and filter once "
                f"after it: `{name} = [x for x in {name} if x not in drop]`, which keeps the "
                f"survivors' order (if order does not matter, keep a set instead of the list). "
                f"The filter drops every copy of a value where `remove` drops the first; use a "
                f"`collections.Counter` of what to drop when duplicates matter."
            ),
        )


def _index_of(
    position: cst.BaseExpression, receiver: cst.BaseExpression
) -> cst.BaseExpression | None:
    """``item`` of ``position`` = ``receiver.index(item)``: the position of an item in the same
    list the removal works on."""
    if not isinstance(position, cst.Call) or not isinstance(position.func, cst.Attribute):
        return None
    if position.func.attr.value != "index" or dotted_name(receiver) is None:
        return None
    if dotted_name(position.func.value) != dotted_name(receiver):
        return None
    return sole_argument(position)
