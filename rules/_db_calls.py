"""Recognising code that talks to a database: Django querysets, SQLAlchemy sessions, DB-API.

Only what the code proves is recognised. A Django query starts at ``Model.objects`` (a capitalised
name) or at a name bound only to such a manager or queryset; an ORM method is a query only when it
evaluates (``get``, ``count``, iteration, ...), not when it merely builds a queryset (``filter``).
A SQLAlchemy session is a name bound from ``Session(...)``, ``sessionmaker(...)()`` or
``scoped_session(...)`` (resolved through the imports), the target of ``with Session(...) as s``,
or a parameter named ``session``/``db``/``db_session`` whose annotation, if any, is a SQLAlchemy
session class.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from reviewbot.engine.context import RuleContext
from reviewbot.engine.names import method_chain
from reviewbot.engine.values import value_kind
from reviewbot.rules._receivers import expression_kinds, parameter_annotation

# QuerySet / Manager methods that run SQL when called.
DJANGO_QUERY_METHODS = frozenset(
    {
        "get", "create", "get_or_create", "update_or_create", "count", "exists", "first",
        "last", "aggregate", "update", "delete", "in_bulk", "earliest", "latest", "iterator",
        "contains", "explain", "bulk_create", "bulk_update",
    }
)
# Django 4.1+'s awaitable twins (`aget`, `acount`, ...).
DJANGO_ASYNC_QUERY_METHODS = frozenset(f"a{method}" for method in DJANGO_QUERY_METHODS)
_ASYNC_TWINS = {f"a{method}": method for method in DJANGO_QUERY_METHODS}
# Answered from the result cache when the queryset object was already evaluated.
_CACHE_SERVED = frozenset({"count", "exists", "contains", "first"})
# Methods that hand back dicts or tuples instead of model instances.
_ROW_SHAPERS = frozenset({"values", "values_list", "dates", "datetimes"})

SA_SESSION_METHODS = frozenset({"execute", "scalars", "scalar", "get", "query"})
# What runs a legacy `session.query(...)` (building one is free).
_SA_QUERY_RUNNERS = frozenset(
    {"all", "first", "one", "one_or_none", "scalar", "count", "get", "delete", "update"}
)
_SA_SESSION_CLASSES = frozenset(
    {
        "sqlalchemy.orm.Session", "sqlalchemy.orm.session.Session", "sqlalchemy.orm.scoped_session",
        "sqlalchemy.ext.asyncio.AsyncSession", "sqlalchemy.ext.asyncio.async_scoped_session",
        "sqlalchemy.ext.asyncio.session.AsyncSession",
    }
)
_SA_SESSION_PARAMS = frozenset({"session", "db", "db_session"})
_SA_KINDS = frozenset({"sa_session", "sa_async_session"})
_RECURSION = 4


@dataclass(frozen=True)
class Queryset:
    """A Django queryset expression: its model (when written ``Model.objects``) and its methods.

    ``methods`` are every method along the chain, through the bindings of the names it starts
    from: ``select_related`` anywhere means related rows come with it. ``annotations`` are the
    names ``annotate(...)``/``alias(...)`` add to each row (values, not relations).
    """

    model: str | None
    methods: frozenset[str]
    annotations: frozenset[str] = frozenset()

    @property
    def yields_instances(self) -> bool:
        """Whether iterating it gives model instances (not ``values()`` dicts or tuples)."""
        return not self.methods & _ROW_SHAPERS

    @property
    def joins_relations(self) -> bool:
        """Whether it already loads related rows (``select_related``/``prefetch_related``)."""
        return bool(self.methods & {"select_related", "prefetch_related"})


def queryset(expr: cst.BaseExpression, ctx: RuleContext, depth: int = 0) -> Queryset | None:
    """The queryset ``expr`` is (``Order.objects.filter(...)``, or a name bound only to those)."""
    if depth > _RECURSION:
        return None
    if isinstance(expr, cst.Name):
        return _bound_queryset(expr.value, ctx, depth)
    if value_kind(expr, ctx.kinds_of) not in ("queryset", "manager"):
        return None
    root, names = method_chain(expr)
    if not isinstance(root, cst.Name):
        return None
    annotations = _annotation_names(expr)
    if names[:1] == ("objects",) and root.value[:1].isupper():
        return Queryset(root.value, frozenset(names[1:]), annotations)
    base = _bound_queryset(root.value, ctx, depth)
    if base is None:
        return None
    return Queryset(base.model, base.methods | set(names), base.annotations | annotations)


def _annotation_names(expr: cst.BaseExpression) -> frozenset[str]:
    """Keyword names of every ``annotate(...)``/``alias(...)`` call along a method chain."""
    found: set[str] = set()
    current = expr
    while isinstance(current, (cst.Call, cst.Attribute)):
        if isinstance(current, cst.Call):
            func = current.func
            if isinstance(func, cst.Attribute) and func.attr.value in ("annotate", "alias"):
                found.update(arg.keyword.value for arg in current.args if arg.keyword is not None)
            current = func
        else:
            current = current.value
    return frozenset(found)


def fresh_queryset(expr: cst.BaseExpression, ctx: RuleContext) -> Queryset | None:
    """A queryset built by ``expr`` itself, so evaluating it always queries (no result cache)."""
    if isinstance(expr, cst.Name) or not isinstance(expr, cst.Call):
        return None
    found = queryset(expr, ctx)
    return found if found is not None and value_kind(expr, ctx.kinds_of) == "queryset" else None


def django_query(call: cst.Call, ctx: RuleContext, methods: frozenset[str]) -> Queryset | None:
    """The queryset ``call`` runs SQL on, when it calls one of ``methods`` on a manager/queryset.

    ``count()``/``exists()``/``contains()``/``first()`` on a bare queryset name are left out: once
    that queryset was evaluated they are answered from its cache.
    """
    func = call.func
    if not isinstance(func, cst.Attribute) or func.attr.value not in methods:
        return None
    receiver = func.value
    found = queryset(receiver, ctx)
    if found is None:
        return None
    method = func.attr.value
    bare = receiver.value if isinstance(receiver, cst.Name) else None
    if bare and sync_name(method) in _CACHE_SERVED and "queryset" in ctx.kinds_of(bare):
        return None
    return found


def sync_name(method: str) -> str:
    """The synchronous ORM method an async one mirrors: ``aget`` is ``get``; others unchanged."""
    return _ASYNC_TWINS.get(method, method)


def sa_session_kind(expr: cst.BaseExpression, ctx: RuleContext) -> str | None:
    """``sa_session``/``sa_async_session`` when ``expr`` is a SQLAlchemy session, ``sa_param``
    for a parameter that is one by name only (sync or async unknown), else None."""
    kinds = expression_kinds(expr, ctx)
    if kinds and kinds <= _SA_KINDS:
        return next(iter(kinds)) if len(kinds) == 1 else "sa_param"
    if not isinstance(expr, cst.Name):
        return None
    annotation = parameter_annotation(expr.value, ctx)
    if annotation is None:
        return None
    if annotation in _SA_SESSION_CLASSES:
        return "sa_async_session" if "Async" in annotation else "sa_session"
    if expr.value in _SA_SESSION_PARAMS and annotation in ("", "Session", "AsyncSession"):
        return "sa_param"
    return None


def sa_query(call: cst.Call, ctx: RuleContext) -> str | None:
    """The session kind when ``call`` is a SQLAlchemy session query (see ``sa_session_kind``).

    ``session.query(...)`` counts only once something runs it (``.all()``, ``.first()``, ...,
    or iterating it); ``get`` on a session known only by its parameter name needs the
    ``get(Model, key)`` shape, since ``session.get(url)`` is also how HTTP clients are spelled.
    """
    func = call.func
    if not isinstance(func, cst.Attribute) or func.attr.value not in SA_SESSION_METHODS:
        return None
    kind = sa_session_kind(func.value, ctx)
    if kind is None:
        return None
    method = func.attr.value
    if method == "get" and kind == "sa_param" and not _model_and_key(call):
        return None
    if method == "query" and not _query_runs(call, ctx):
        return None
    return kind


def chain_top(call: cst.Call, ctx: RuleContext) -> tuple[cst.Call, cst.CSTNode | None, str | None]:
    """Follow ``call`` up its method chain (``call.m1(...).m2(...)``) while visiting ``call``.

    Returns the outermost call of the chain, the node holding it, and the last method's name
    (None when nothing is chained onto ``call``).
    """
    ancestors = ctx.ancestors
    top, last, index = call, None, len(ancestors) - 1
    while index >= 1:
        attribute, outer = ancestors[index], ancestors[index - 1]
        if not (
            isinstance(attribute, cst.Attribute)
            and attribute.value is top
            and isinstance(outer, cst.Call)
            and outer.func is attribute
        ):
            break
        top, last, index = outer, attribute.attr.value, index - 2
    return top, (ancestors[index] if index >= 0 else None), last


def is_iterated(expr: cst.CSTNode, holder: cst.CSTNode | None) -> bool:
    """Whether ``holder`` is a ``for`` or comprehension clause iterating over ``expr``."""
    return isinstance(holder, (cst.For, cst.CompFor)) and holder.iter is expr


def _query_runs(call: cst.Call, ctx: RuleContext) -> bool:
    top, holder, last = chain_top(call, ctx)
    return last in _SA_QUERY_RUNNERS or is_iterated(top, holder)


def _model_and_key(call: cst.Call) -> bool:
    """``get(User, 5)``: a class as the first of two positional arguments."""
    positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
    if len(positional) < 2:
        return False
    first = positional[0].value
    while isinstance(first, cst.Attribute):
        first = first.attr
    return isinstance(first, cst.Name) and first.value[:1].isupper()


def _bound_queryset(name: str, ctx: RuleContext, depth: int) -> Queryset | None:
    binding = ctx.binding(name)
    if binding is None or not binding.only("manager", "queryset") or not binding.values:
        return None
    found = [queryset(value, ctx, depth + 1) for value in binding.values]
    known = [item for item in found if item is not None]
    if len(known) != len(found):
        return None
    models = {item.model for item in known}
    return Queryset(
        models.pop() if len(models) == 1 else None,
        frozenset().union(*(item.methods for item in known)),
        frozenset().union(*(item.annotations for item in known)),
    )
