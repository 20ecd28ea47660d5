"""The ORM vocabulary that both the loop classifier and the team's size declarations read:
the calls that narrow a queryset, a mapping's views and a model's managers."""

from __future__ import annotations

import libcst as cst

#: ``Order.objects.filter(...).order_by(...)``: each step keeps the collection it was called on.
QUERYSET_STEPS = frozenset(
    {
        "all",
        "filter",
        "exclude",
        "order_by",
        "select_related",
        "prefetch_related",
        "values",
        "values_list",
        "iterator",
        "distinct",
        "only",
        "defer",
        "annotate",
        "using",
        "reverse",
        "select_for_update",
        "union",
        "none",
        "in_bulk",
    }
)
VIEWS = frozenset({"items", "keys", "values"})
MANAGERS = frozenset({"objects", "_default_manager", "_base_manager", "all_objects"})


def chain(node: cst.BaseExpression) -> list[cst.BaseExpression]:
    """``node`` and the expressions it is built on: ``a.b().c``, ``a.b()``, ``a.b``, ``a``."""
    steps = [node]
    while isinstance(node, (cst.Attribute, cst.Call, cst.Subscript)):
        node = node.func if isinstance(node, cst.Call) else node.value
        steps.append(node)
    return steps


def root(node: cst.BaseExpression) -> str:
    """The name an attribute chain starts from: ``self`` of ``self.order.lines``."""
    last = chain(node)[-1]
    return last.value if isinstance(last, cst.Name) else ""


def chain_has(node: cst.BaseExpression, attributes: frozenset[str]) -> bool:
    """Whether the chain passes through one of ``attributes``: ``Order.objects.filter(...)``."""
    return any(isinstance(s, cst.Attribute) and s.attr.value in attributes for s in chain(node))
