"""What RB304 tells the author to do instead of a query per iteration: the batch API to use."""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from reviewbot.engine.names import dotted_name
from reviewbot.rules._subtrees import descendants


@dataclass(frozen=True)
class RowValues:
    """The fields a loop sets on its row before ``row.save()``: ``varying`` names the first
    assignment whose value changes with the loop (empty when every row gets the same values);
    ``fields`` is how they read as ``.update()`` arguments (``status='done'``)."""

    varying: str
    fields: str


_DJANGO = {
    "get": "load them all before the loop with one `{m}.objects.in_bulk(ids)` or "
    "`filter(<field>__in=...)` and look them up in a dict",
    "first": "load them all before the loop with one `filter(<field>__in=...)` in the same "
    "order and keep the first row per key (`by_key.setdefault(key, row)`): several rows can "
    "share a key",
    "last": "load them all before the loop with one `filter(<field>__in=...)` in the same "
    "order and keep the last row per key (`by_key[key] = row`): several rows can share a key",
    "create": "build the objects in the loop and insert them with one "
    "`{m}.objects.bulk_create(objs)`",
    "get_or_create": "fetch the existing rows with one `filter(<field>__in=...)`, then "
    "`bulk_create` the missing ones",
    "count": "compute every answer in one query before the loop, e.g. "
    "`filter(<field>__in=...).values('<field>').annotate(n=Count('pk'))`",
    "update": "do it in one statement: `{m}.objects.filter(<field>__in=...).update(...)`",
    "delete": "do it in one statement: `{m}.objects.filter(<field>__in=...).delete()`",
}
# Query methods that take the same advice as another.
_LIKE = {
    "earliest": "first", "latest": "last", "in_bulk": "get",
    "iterator": "get", "explain": "get", "update_or_create": "get_or_create",
    "exists": "count", "contains": "count", "aggregate": "count",
}
EVALUATED = (
    "fetch the rows for all iterations with one `filter(<field>__in=...)` (or "
    "`prefetch_related(...)` on the outer queryset) and group them in a dict"
)


def django_advice(method: str, model: str | None) -> str:
    """The batch form of the Django query method ``method`` (its synchronous name)."""
    return _DJANGO[_LIKE.get(method, method)].format(m=model or "Model")


def per_row_update_advice(model: str | None, varying: str) -> str:
    """``filter(pk=item.pk).update(x=item.x)``: every row gets its own value, which one
    ``.update()`` cannot express."""
    return (
        f"each row gets its own value (`{varying}` changes with the loop), so one `.update()` "
        f"cannot do it: set the fields on the objects and write them with one "
        f"`{model or 'Model'}.objects.bulk_update(objs, fields)` after the loop"
    )


def carried_create_advice(carried: str) -> str:
    """``parent = Model.objects.create(parent=parent)``: a chain no batch can build."""
    return (
        f"`bulk_create` cannot batch it, because each iteration uses the row the previous one "
        f"created (`{carried}`): expect one round trip per item"
    )


def row_write_advice(method: str, model: str | None, values: RowValues | None = None) -> str:
    """What to do instead of ``row.save()`` / ``row.delete()`` / ``row.refresh_from_db()``;
    for ``save``, ``values`` says whether the fields set in the loop differ per row."""
    if method == "save":
        return _save_advice(model or "Model", values)
    if method == "insert":
        return (
            f"runs one INSERT per row; build the objects in the loop and insert them with one "
            f"`{model or 'Model'}.objects.bulk_create(objects)` after it (it does not call "
            f"`save()` or send signals)"
        )
    if method == "delete":
        return (
            "runs one DELETE per row; delete them with one `.delete()` on the queryset (it sends "
            "the delete signals, but does not call a custom `delete()` method)"
        )
    return f"runs one query per row; reload them with one `{model or 'Model'}.objects.in_bulk(ids)`"


def _save_advice(model: str, values: RowValues | None) -> str:
    if values is not None and values.varying:
        return (
            f"runs one UPDATE per row; `{values.varying}` differs per row, so set the fields in "
            f"the loop and write them with one `{model}.objects.bulk_update(rows, fields)` after "
            f"it (it does not call `save()` or send signals)"
        )
    if values is not None:
        return (
            f"runs one UPDATE per row, setting the same value on every row; write it with one "
            f"`.update({values.fields})` on the queryset instead (it does not call `save()` or "
            f"send signals)"
        )
    return (
        f"runs one UPDATE per row; set the fields in the loop and write them with one "
        f"`{model}.objects.bulk_update(rows, fields)` after it, or one `.update(...)` when "
        f"every row gets the same value (neither calls `save()` or sends signals)"
    )


def related_manager_advice(method: str, relation: str) -> str:
    """``row.rel.count()`` wants an annotation; ``row.rel.all()`` a prefetch."""
    if method in ("count", "exists", "aggregate"):
        return f"annotate the queryset instead, e.g. `.annotate(n=Count('{relation}'))`"
    return f"add `.prefetch_related('{relation}')` to the queryset"


def sqlalchemy_advice(statement: cst.CSTNode) -> str:
    """An executemany for writes, one ``IN`` query for reads."""
    if writes_rows(statement):
        return (
            "collect the parameters and pass them all to one `session.execute(stmt, rows)` "
            "(an executemany), or write one `update(...).where(<column>.in_(...))`"
        )
    return (
        "load the rows for every iteration with one `select(...).where(<column>.in_(...))` "
        "and look them up in a dict"
    )


def writes_rows(statement: cst.CSTNode) -> bool:
    """Whether code calls ``insert``/``update``/``delete``: a SQLAlchemy statement that writes,
    or a queryset's ``update()`` / ``delete()``."""
    for node in descendants(statement):
        if isinstance(node, cst.Call):
            name = dotted_name(node.func)
            if name is not None and name.rsplit(".", 1)[-1] in ("insert", "update", "delete"):
                return True
    return False
