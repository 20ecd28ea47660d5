"""What a loop's writes look like, so RB304 can pick the batch that does the same thing.

One ``filter(...).update(field=value)`` sets one value on every row it matches; when the value
comes from the loop item (``update(price=item.price)``) only ``bulk_update`` writes the same
rows. Likewise ``row.save()`` after ``row.status = 'done'`` on every row is one ``.update()``,
but after ``row.total = row.subtotal * 2`` it is a ``bulk_update``. A ``create`` whose row a
later iteration reads cannot be batched at all (``_carried``).
"""

from __future__ import annotations

import libcst as cst

from reviewbot.engine.context import RuleContext
from reviewbot.engine.scopes import Loop

from ._carried import carried_row
from ._loop_facts import own_nodes, varies_with
from ._query_advice import (
    RowValues,
    carried_create_advice,
    django_advice,
    per_row_update_advice,
)
from ._quote import quote

# Statements that make some rows skip the write, which a queryset-wide `.update()` would not.
_PICKERS = (cst.If, cst.Continue, cst.Try, cst.With)


def write_advice(
    node: cst.Call, method: str, model: str | None, loop: Loop, ctx: RuleContext
) -> str:
    """The batch form of a Django query call, unless what the call does rules it out: an
    ``update`` whose values come from the loop item, a ``create`` a later iteration reads."""
    if method == "update":
        varying = next((a for a in node.args if varies_with(a.value, loop, ctx)), None)
        if varying is not None:
            return per_row_update_advice(model, quote(ctx, varying, 40))
    if method == "create":
        carried = carried_row(node, loop, ctx)
        if carried is not None:
            return carried_create_advice(carried)
    return django_advice(method, model)


def row_values(row: str, loop: Loop, ctx: RuleContext) -> RowValues | None:
    """What the loop sets on ``row`` (``row.status = ...``) before saving it, or None when it
    sets nothing or only some rows get there (a branch or ``continue`` picks rows the queryset
    does not know about)."""
    body = loop.node.body if isinstance(loop.node, cst.For) else loop.node
    nodes = list(own_nodes(body))
    if any(isinstance(node, _PICKERS) for node in nodes):
        return None
    assigned = [pair for node in nodes if (pair := _field_assignment(node, row)) is not None]
    if not assigned:
        return None
    varying = [target for target, value in assigned if varies_with(value, loop, ctx)]
    fields = ", ".join(f"{t.attr.value}={quote(ctx, v, 30)}" for t, v in assigned)
    return RowValues(quote(ctx, varying[0], 40) if varying else "", fields)


def _field_assignment(
    node: cst.CSTNode, row: str
) -> tuple[cst.Attribute, cst.BaseExpression] | None:
    """``row.field = value`` as its target and value."""
    if not isinstance(node, cst.Assign) or len(node.targets) != 1:
        return None
    target = node.targets[0].target
    if isinstance(target, cst.Attribute) and _is_name(target.value, row):
        return target, node.value
    return None


def _is_name(node: cst.BaseExpression, name: str) -> bool:
    return isinstance(node, cst.Name) and node.value == name
