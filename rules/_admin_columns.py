"""Which relations a Django changelist column reads off each row, and which the page loads.

Django builds the changelist queryset from the admin's ``get_queryset``; if that queryset has no
``select_related`` of its own, ``ChangeList.apply_select_related`` adds one: every listed
relation for ``list_select_related = (...)``, ``select_related()`` for ``True``, and also
``select_related()`` when ``list_select_related`` is unset but a ``list_display`` entry names a
foreign key. ``select_related()`` with no arguments follows only non-null foreign keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import libcst as cst

from reviewbot.rules._admin_facts import AdminClass, body_nodes
from reviewbot.rules._related_access import forward_reads, related_manager_call

#: Related-manager methods a ``prefetch_related`` cache answers; the others query anyway.
PREFETCH_SERVED = frozenset({"all", "count", "exists", "first", "last"})
ReadKind = Literal["forward", "count", "rows", "subset"]
_KIND_OF_METHOD: dict[str, ReadKind] = {
    "count": "count",
    "exists": "count",
    "aggregate": "count",
    "all": "rows",
    "first": "rows",
    "last": "rows",
    "filter": "subset",
    "exclude": "subset",
    "order_by": "subset",
}
JoinOrigin = Literal["get_queryset", "list_select_related", "automatic", ""]


@dataclass(frozen=True)
class Joins:
    """The forward relations the changelist's queryset loads with its rows, and from where."""

    origin: JoinOrigin = ""
    names: frozenset[str] = frozenset()
    non_null: bool = False  # `select_related()`: every non-null foreign key
    unknown: bool = False  # a `get_queryset` this module cannot read


@dataclass(frozen=True)
class RowRead:
    """A relation a column reads off its row: ``obj.customer.email``, ``obj.lines.count()``."""

    node: cst.CSTNode
    relation: str
    kind: ReadKind


def changelist_joins(admin: AdminClass) -> Joins:
    """What Django's changelist joins for ``admin`` (see the module docstring)."""
    hook = admin.hook
    if hook.opaque:
        return Joins(unknown=True)
    if hook.selects:
        return Joins("get_queryset", hook.selected, non_null=hook.selects_all)
    listed = admin.list_select_related
    if listed is True:
        return Joins("list_select_related", non_null=True)
    if isinstance(listed, frozenset):
        return Joins("list_select_related", listed)
    if _lists_foreign_key(admin):
        return Joins("automatic", non_null=True)
    return Joins()


def is_loaded(read: RowRead, admin: AdminClass, joins: Joins) -> bool:
    """Whether the changelist's queryset already holds what ``read`` needs."""
    hook = admin.hook
    if joins.unknown or read.relation in hook.annotations:
        return True
    prefetched = hook.prefetches_all or read.relation in hook.prefetched
    if read.kind != "forward":
        return prefetched and read.kind != "subset" and _served_by_prefetch(read)
    if prefetched or read.relation in joins.names:
        return True
    nullable = admin.model.nullable if admin.model else frozenset()
    return joins.non_null and read.relation not in nullable


def _served_by_prefetch(read: RowRead) -> bool:
    node = read.node
    return (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value in PREFETCH_SERVED
    )


def row_reads(
    function: cst.FunctionDef, row: str, plain: frozenset[str] = frozenset()
) -> list[RowRead]:
    """The relations ``function`` reads off ``row``, in source order, first read of each;
    ``plain`` names the row's fields known not to be relations (a local model's)."""
    forward = {
        id(read.node): read.relation
        for read in forward_reads((function.body,), row)
        if read.relation not in plain
    }
    reads: list[RowRead] = []
    seen: set[str] = set()
    for node in body_nodes(function.body):
        found = _read_at(node, row, forward)
        if found is not None and found.relation not in seen and found.relation not in plain:
            seen.add(found.relation)
            reads.append(found)
    return reads


def _read_at(node: cst.CSTNode, row: str, forward: dict[int, str]) -> RowRead | None:
    if id(node) in forward:
        return RowRead(node, forward[id(node)], "forward")
    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
        return None
    relation = related_manager_call(node, row)
    if relation is None:
        return None
    return RowRead(node, relation, _KIND_OF_METHOD[node.func.attr.value])


def row_parameter(function: cst.FunctionDef, *, method: bool) -> str | None:
    """The parameter a column receives the row in: ``obj`` of ``def email(self, obj)``, the
    first one of a module function or a ``@staticmethod``."""
    static = any(
        isinstance(d.decorator, cst.Name) and d.decorator.value == "staticmethod"
        for d in function.decorators
    )
    params = function.params.params
    index = 1 if method and not static else 0
    return params[index].name.value if len(params) > index else None


def method_columns(admin: AdminClass) -> list[tuple[str, cst.FunctionDef]]:
    """The admin's methods that ``list_display`` names, each once, in column order."""
    found: dict[str, cst.FunctionDef] = {}
    for column in admin.columns:
        method = admin.methods.get(column.name) if column.is_string else None
        if method is not None:
            found.setdefault(column.name, method)
    return list(found.items())


def _lists_foreign_key(admin: AdminClass) -> bool:
    """Whether a ``list_display`` string names a foreign key, so Django adds ``select_related()``.

    For a model in this module its fields say so. Otherwise a listed name that a method column
    reads as a relation (``"customer"`` beside ``obj.customer.email``) is taken as one.
    """
    listed = {c.name for c in admin.columns if c.is_string and c.name not in admin.methods}
    if admin.model is not None:
        return bool(listed & admin.model.relations)
    for _, method in method_columns(admin):
        row = row_parameter(method, method=True)
        reads = forward_reads((method.body,), row) if row is not None else []
        if listed & {read.relation for read in reads}:
            return True
    return False
