"""RB304: an ORM or database query run once per iteration of a loop (the N+1 query)."""

from __future__ import annotations

import libcst as cst

from reviewbot.engine.context import RuleContext
from reviewbot.engine.loops import exits_early, loop_region
from reviewbot.engine.names import keyword_is_true
from reviewbot.engine.scopes import Loop
from reviewbot.findings import Category, Severity
from reviewbot.rules._chunks import in_filter, reads_chunk, walks_chunks
from reviewbot.rules._db_calls import (
    DJANGO_ASYNC_QUERY_METHODS,
    DJANGO_QUERY_METHODS,
    chain_top,
    django_query,
    fresh_queryset,
    is_iterated,
    queryset,
    sa_query,
    sync_name,
)
from reviewbot.rules._invariant_query import (
    DJANGO_READS,
    invariant_read_message,
    writes_in,
)
from reviewbot.rules._loop_facts import (
    iterates_literal,
    iterates_named_literal,
    varies_with,
)
from reviewbot.rules._query_advice import (
    EVALUATED,
    related_manager_advice,
    row_write_advice,
    sqlalchemy_advice,
)
from reviewbot.rules._quote import quote
from reviewbot.rules._related_access import RELATED_QUERIES, forward_reads, related_manager_call
from reviewbot.rules._subtrees import descendants
from reviewbot.rules._write_shapes import row_values, write_advice
from reviewbot.ruleset.api import Invalid, NodeRule, RuleDoc, Valid

Found = tuple[cst.CSTNode, str]

# Batch APIs called per chunk are how batching is done, not an N+1.
_PER_ITERATION = (DJANGO_QUERY_METHODS | DJANGO_ASYNC_QUERY_METHODS) - {
    "bulk_create",
    "bulk_update",
    "abulk_create",
    "abulk_update",
}
# Model instance methods that run one query each, by their synchronous name.
_ROW_WRITES = {
    "save": "save",
    "asave": "save",
    "delete": "delete",
    "adelete": "delete",
    "refresh_from_db": "refresh_from_db",
    "arefresh_from_db": "refresh_from_db",
}
_SAVE_KEYWORDS = frozenset({"update_fields", "force_insert", "force_update", "using"})
_EVALUATORS = frozenset({"list", "tuple", "set", "len", "bool", "sorted"})


class QueryInLoop(NodeRule):
    """Flags database queries repeated for every item of a loop."""

    code = "RB304"
    per_iteration = True
    name = "query-in-loop"
    category = Category.PERFORMANCE
    severity = Severity.WARNING
    doc = RuleDoc(
        what=(
            "Checks for a database query run on every iteration of a `for` loop or "
            "comprehension, where the query depends on the loop (it reads the loop variable or "
            "something assigned in the loop body):\n\n"
            "* Django: a query method (`get`, `create`, `get_or_create`, `count`, `exists`, "
            "`first`, `aggregate`, `update`, `delete`, ... and their `a`-prefixed async twins) "
            "called on `Model.objects` or on a name bound only to a manager or queryset; a "
            "freshly built queryset iterated, indexed or passed to `list()`/`len()`; "
            "`row.save()`/`row.delete()`/`row.refresh_from_db()` on the loop variable of a loop "
            "over a queryset (or `save(update_fields=...)` on any loop variable); a related "
            "manager read (`row.lines.all()`, `row.lines.count()`) or a forward relation read "
            "(`row.customer.name`) in a loop over a queryset built without "
            "`select_related`/`prefetch_related`.\n"
            "* SQLAlchemy: `session.execute/scalars/scalar/get(...)` and an evaluated "
            "`session.query(...)`, where `session` is bound from `Session(...)`, "
            "`sessionmaker(...)()` or `scoped_session(...)` (resolved through the imports), is "
            "the target of `with Session(...) as session`, or is a parameter named `session`, "
            "`db` or `db_session` that is unannotated or annotated with a SQLAlchemy session.\n\n"
            "Forward relation reads are a heuristic: which attributes are relations is not "
            "visible in the code, so a read is only reported when neither name looks like a "
            "field value (`created_at.year`, `photo.url`, `price.amount`, `status.label`, "
            "geometries and GIS measures are not), the first name is not one the queryset's "
            "`annotate()` adds, and the second is not a class attribute (`.DoesNotExist`); the "
            'message says "likely" because a custom manager may already `select_related` in its '
            "`get_queryset()`. Not reported: `while` loops and "
            "`for ... in range(start, stop, step)` loops (polling and batching), loops over a "
            "literal list or tuple (a fixed, small number of queries), "
            "loops that `break` or `return` (searches that stop early), queries that already batch with a `__in` lookup or `.in_()`, "
            "`bulk_create`/`bulk_update` called per chunk, and deletes or updates chunked on "
            "purpose to stay under a bind-variable limit: a loop over chunks (a target named "
            "`chunk` or `batch`, `itertools.batched(...)`, a collection named `chunks` or "
            "`batches`, a list of slices) or a query reading a slice whose bounds move with the loop (`ids[i:i + n]`) "
            "or a queryset the loop filters with `__in`.\n\n"
            "A read that depends on nothing the loop changes (`Rate.objects.get(currency="
            "currency)` in a loop over lines) gives the same answer on every iteration: it is "
            "reported with the advice to run it once before the loop, unless the loop itself "
            "writes to the database (the answer may change) or is a `while` loop (polling).\n\n"
            "The advice follows what the code does: an `update()` whose values come from the "
            "loop item gets `bulk_update` (one `.update()` sets one value on every row), a "
            "`save()` after setting the same value on every row gets one `.update(...)`, and a "
            "`create()` whose row a later iteration reads (`parent = create(parent=parent)`) "
            "is not told to `bulk_create`. For `first()`/`last()`/`earliest()`/`latest()`, "
            "where several rows can share a key, the dict keeps one row per key in the "
            "queryset's order."
        ),
        why=(
            "Each query is a round trip to the database: network latency, parsing and "
            "planning, from a fraction of a millisecond on a local database to several "
            "milliseconds over a network, even for a primary-key lookup. A loop over n rows "
            "that runs one query each costs n round trips where one or two would do, so a page "
            "that is fast with 10 rows in development takes seconds with 2,000 in production. "
            'This "N+1 query" pattern is the most common cause of slow Django and SQLAlchemy '
            "views, and it does not show up in unit tests with small fixtures."
        ),
        example=(
            "def ship(lines):\n"
            "    for line in lines:\n"
            "        order = Order.objects.get(pk=line.order_id)\n"
            "        order.status = 'shipped'\n"
            "        order.save()\n"
        ),
        use_instead=(
            "def ship(lines):\n"
            "    ids = {line.order_id for line in lines}\n"
            "    Order.objects.filter(pk__in=ids).update(status='shipped')\n"
        ),
        fix_safety=(
            "No automatic fix: batching changes the shape of the code (a dict of prefetched "
            "rows, one `bulk_update` after the loop), and `bulk_create`, `bulk_update` and "
            "`update()` neither call a model's `save()` nor send `pre_save`/`post_save` "
            "signals, which a person has to check."
        ),
    )
    valid = (
        Valid(
            "def ship(lines):\n    ids = [line.order_id for line in lines]\n    orders = Order.objects.in_bulk(ids)\n    for line in lines:\n        print(orders[line.order_id].status)\n",
            "one query before the loop, dict lookups inside it",
        ),
        Valid(
            "def totals(ids):\n    for chunk in ids:\n        Order.objects.filter(pk__in=chunk).update(paid=True)\n",
            "already batched with a `__in` lookup",
        ),
        Valid(
            "def report(orders):\n    for order in Order.objects.select_related('customer').filter(paid=True):\n        print(order.customer.name)\n",
            "`select_related` loads the customers in the same query",
        ),
        Valid(
            "def stamp(orders):\n    for order in Order.objects.filter(paid=True):\n        print(order.created_at.year, order.photo.url)\n",
            "attributes of field values, not relations",
        ),
        Valid(
            "def counts():\n    for status in ('new', 'paid'):\n        print(Order.objects.filter(status=status).count())\n",
            "a loop over two literal values runs a fixed, small number of queries",
        ),
        Valid(
            "def first_free(slugs):\n    for slug in slugs:\n        if not Page.objects.filter(slug=slug).exists():\n            return slug\n",
            "a search that returns at the first hit",
        ),
        Valid(
            "def flush(session, batches):\n    for batch in batches:\n        session.add_all(batch)\n    session.commit()\n",
            "`add_all` only queues the rows: the unit of work batches them",
        ),
        Valid(
            "from django.db import transaction\n\n\ndef expire(orders):\n    for order in orders:\n        with transaction.atomic():\n            locked = Order.objects.select_for_update().get(pk=order.pk)\n            locked.expire()\n",
            "locking one row at a time with `select_for_update` is the design, not an N+1",
        ),
        Valid(
            "def refresh():\n    sources = {'ecb': fetch_ecb, 'cnb': fetch_cnb}\n    for name, fetch in sources.items():\n        if not Rate.objects.filter(source=name).exists():\n            fetch()\n",
            "the loop walks a dict of two entries written out in the function",
        ),
        Valid(
            "def field_usage():\n    for field in Invoice._meta.get_fields():\n        print(Label.objects.filter(field_name=field.name).count())\n",
            "a model's fields: a schema of a few dozen entries, not data (dropped as `loop:schema`)",
        ),
        Valid(
            "def credit(order):\n    for invoice in order.invoices.all():\n        Refund.objects.create(invoice=invoice, amount=invoice.total)\n",
            "the invoices of one order: a handful (dropped as `loop:per-object`)",
        ),
        Valid(
            "def tag_all(rows):\n    fallback = None\n    for row in rows:\n        if fallback is None:\n            fallback = Tag.objects.get(slug='default')\n        row.tag = row.tag or fallback\n",
            "a first-time guard: the query runs at most once per loop (dropped as `loop:once`)",
        ),
    )
    invalid = (
        Invalid(
            "def ship(lines):\n    for line in lines:\n        order = Order.objects.get(pk=line.order_id)\n        order.status = 'shipped'\n        order.save()\n",
            lines=(3,),
        ),
        Invalid(
            "def expire():\n    for order in Order.objects.filter(paid=False):\n        order.expired = True\n        order.save(update_fields=['expired'])\n",
            lines=(4,),
        ),
        Invalid(
            "def export():\n    rows = []\n    for order in Order.objects.filter(paid=True):\n        rows.append((order.id, order.customer.email, order.lines.count()))\n    return rows\n",
            lines=(4, 4),
        ),
        Invalid(
            "from sqlalchemy import select\nfrom sqlalchemy.orm import Session\n\n\ndef names(engine, ids):\n    with Session(engine) as session:\n        return [session.scalars(select(User).where(User.id == i)).one() for i in ids]\n",
            lines=(7,),
        ),
        Invalid(
            "def load(db, ids):\n    users = []\n    for user_id in ids:\n        users.append(db.query(User).filter(User.id == user_id).first())\n    return users\n",
            lines=(4,),
        ),
        Invalid(
            "def archive(invoice_ids):\n    for invoice_id in invoice_ids:\n        invoice = Invoice.objects.get(pk=invoice_id)\n        invoice.archive()\n",
            lines=(3,),
            note="a caller's list of ids is data: one query per id",
        ),
        Invalid(
            "def price(lines, currency):\n    for line in lines:\n        rate = Rate.objects.get(currency=currency)\n        line.total = line.amount * rate.value\n",
            lines=(3,),
            note="the same read on every iteration: run it once before the loop",
        ),
        Invalid(
            "def import_prices(df):\n    for _, row in df.iterrows():\n        product = Product.objects.get(sku=row['sku'])\n        product.reprice(row['price'])\n",
            lines=(3,),
            note="the rows of a DataFrame are data",
        ),
    )

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        """Django and SQLAlchemy query calls, per-row writes and related-manager reads."""
        loop = ctx.loop
        if loop is None or loop.kind == "while":
            return
        found = (
            _django_call(node, loop, ctx)
            or _row_write(node, loop, ctx)
            or _related_manager(node, loop, ctx)
            or _evaluated_queryset(node, loop, ctx)
            or _sqlalchemy_call(node, loop, ctx)
        )
        if found is not None and _sweeps(loop, ctx):
            reported, message = found
            ctx.report(reported, message)

    def visit_Subscript(self, node: cst.Subscript, ctx: RuleContext) -> None:
        """``Model.objects.filter(...)[0]``: indexing runs the query."""
        loop = ctx.loop
        if loop is None or loop.kind == "while" or len(node.slice) != 1:
            return
        if not isinstance(node.slice[0].slice, cst.Index):
            return
        if fresh_queryset(node.value, ctx) is None or not _per_iteration(node, loop, ctx):
            return
        if _sweeps(loop, ctx):
            ctx.report(node, _evaluated_message(ctx, node, loop))

    def visit_For(self, node: cst.For, ctx: RuleContext) -> None:
        """A fresh queryset iterated by an inner loop; forward relation reads in a queryset loop."""
        _check_inner_iterable(node.iter, ctx)
        if isinstance(node.target, cst.Name):
            loop = Loop(node, "for", frozenset({node.target.value}), node.iter)
            if not exits_early(loop, ctx):
                _report_forward_reads(loop, (node.body,), ctx)

    def visit_CompFor(self, node: cst.CompFor, ctx: RuleContext) -> None:
        """A fresh queryset iterated by a comprehension clause inside a loop."""
        _check_inner_iterable(node.iter, ctx)

    def visit_ListComp(self, node: cst.ListComp, ctx: RuleContext) -> None:
        """``[row.customer.name for row in queryset]``."""
        _check_comprehension(node, (node.elt,), ctx)

    def visit_SetComp(self, node: cst.SetComp, ctx: RuleContext) -> None:
        """``{row.customer.name for row in queryset}``."""
        _check_comprehension(node, (node.elt,), ctx)

    def visit_GeneratorExp(self, node: cst.GeneratorExp, ctx: RuleContext) -> None:
        """``(row.customer.name for row in queryset)``."""
        _check_comprehension(node, (node.elt,), ctx)

    def visit_DictComp(self, node: cst.DictComp, ctx: RuleContext) -> None:
        """``{row.pk: row.customer.name for row in queryset}``."""
        _check_comprehension(node, (node.key, node.value), ctx)


def _check_inner_iterable(iterable: cst.BaseExpression, ctx: RuleContext) -> None:
    """A queryset built afresh for an inner loop runs once per iteration of the outer one."""
    outer = ctx.loop
    if outer is None or outer.kind == "while" or fresh_queryset(iterable, ctx) is None:
        return
    if _per_iteration(iterable, outer, ctx) and _sweeps(outer, ctx):
        ctx.report(iterable, _evaluated_message(ctx, iterable, outer))


def _check_comprehension(
    node: cst.BaseComp | cst.DictComp, body: tuple[cst.CSTNode, ...], ctx: RuleContext
) -> None:
    clause = node.for_in
    if clause.inner_for_in is None and isinstance(clause.target, cst.Name):
        loop = Loop(clause, "comprehension", frozenset({clause.target.value}), clause.iter)
        _report_forward_reads(loop, (*body, *clause.ifs), ctx)


def _django_call(node: cst.Call, loop: Loop, ctx: RuleContext) -> Found | None:
    func = node.func
    if not isinstance(func, cst.Attribute):
        return None
    found = django_query(node, ctx, _PER_ITERATION)
    if found is None or _inside_query(ctx):
        return None
    dependence = _dependence(node, loop, ctx)
    reads = sync_name(func.attr.value) in DJANGO_READS
    if dependence == _INVARIANT and reads and not writes_in(loop_region(ctx, loop)):
        return node, invariant_read_message(quote(ctx, node, 50), loop, "query")
    if dependence != _VARIES:
        return None
    if _locks_rows(node):
        return None
    advice = write_advice(node, sync_name(func.attr.value), found.model, loop, ctx)
    message = (
        f"`{quote(ctx, node, 50)}` inside `{loop.header}` runs one query per iteration; {advice}"
    )
    return node, message


def _row_write(node: cst.Call, loop: Loop, ctx: RuleContext) -> Found | None:
    """``row.save()`` / ``row.delete()`` / ``row.refresh_from_db()`` on the loop's rows."""
    method = _row_method(node, loop)
    if method is None:
        return None
    keywords = {arg.keyword.value for arg in node.args if arg.keyword is not None}
    if keywords - _SAVE_KEYWORDS:
        return None
    rows = queryset(loop.iterable, ctx) if loop.iterable is not None else None
    if rows is None:
        if method != "save" or "update_fields" not in keywords:
            return None  # not known to be model instances
    elif not rows.yields_instances:
        return None
    if method == "save" and _forces_insert(node):
        method = "insert"
    values = row_values(next(iter(loop.targets)), loop, ctx) if method == "save" else None
    advice = row_write_advice(method, rows.model if rows else None, values)
    return node, f"`{quote(ctx, node)}` inside `{loop.header}` {advice}"


def _forces_insert(call: cst.Call) -> bool:
    """``row.save(force_insert=True)``: an INSERT per row, not an UPDATE."""
    return keyword_is_true(call, "force_insert")


def _row_method(node: cst.Call, loop: Loop) -> str | None:
    """The model method ``node`` calls on the loop's one variable, with keyword arguments only."""
    func = node.func
    if not (isinstance(func, cst.Attribute) and func.attr.value in _ROW_WRITES):
        return None
    row = func.value
    if not (isinstance(row, cst.Name) and loop.targets == {row.value}):
        return None
    if any(arg.keyword is None for arg in node.args):
        return None  # Model.save() takes keywords; `image.save(path)` is something else
    return _ROW_WRITES[func.attr.value]


def _related_manager(node: cst.Call, loop: Loop, ctx: RuleContext) -> Found | None:
    """``row.lines.count()`` / ``for line in row.lines.all()`` in a loop over a queryset."""
    if len(loop.targets) != 1 or loop.iterable is None:
        return None
    row = next(iter(loop.targets))
    relation = related_manager_call(node, row)
    if relation is None or not isinstance(node.func, cst.Attribute):
        return None
    method = node.func.attr.value
    if method not in RELATED_QUERIES and not _evaluated(node, ctx):
        return None
    rows = queryset(loop.iterable, ctx)
    if rows is None or not rows.yields_instances or rows.joins_relations:
        return None
    advice = related_manager_advice(method, relation)
    return node, f"`{quote(ctx, node)}` inside `{loop.header}` runs one query per row; {advice}"


def _evaluated_queryset(node: cst.Call, loop: Loop, ctx: RuleContext) -> Found | None:
    """``list(Model.objects.filter(...))`` / ``len(...)`` inside a loop."""
    if not (isinstance(node.func, cst.Name) and node.func.value in _EVALUATORS) or not node.args:
        return None
    if ctx.binding(node.func.value) is not None:
        return None  # a local function shadowing the builtin
    argument = node.args[0].value
    if fresh_queryset(argument, ctx) is None or not _per_iteration(node, loop, ctx):
        return None
    return node, _evaluated_message(ctx, node, loop)


def _sqlalchemy_call(node: cst.Call, loop: Loop, ctx: RuleContext) -> Found | None:
    if sa_query(node, ctx) is None:
        return None
    top, _, _ = chain_top(node, ctx)
    dependence = _dependence(top, loop, ctx)
    if dependence == _INVARIANT and not writes_in(loop_region(ctx, loop)):
        return top, invariant_read_message(quote(ctx, top, 50), loop, "database round trip")
    if dependence != _VARIES:
        return None
    message = (
        f"`{quote(ctx, top, 50)}` inside `{loop.header}` runs one database round trip per "
        f"iteration; {sqlalchemy_advice(top)}"
    )
    return top, message


def _report_forward_reads(loop: Loop, body: tuple[cst.CSTNode, ...], ctx: RuleContext) -> None:
    """``row.rel.attr`` reads in a loop over a queryset without select/prefetch_related."""
    row, iterable = next(iter(loop.targets)), loop.iterable
    if iterable is None or iterates_literal(loop):
        return
    rows = queryset(iterable, ctx)
    if rows is None or not rows.yields_instances or rows.joins_relations:
        return
    for read in forward_reads(body, row):
        if read.relation in rows.annotations:
            continue
        ctx.report(
            read.node,
            f"`{row}.{read.relation}.{read.attribute}` inside `{loop.header}` likely runs one "
            f"query per row to "
            f"load `{row}.{read.relation}`; add `.select_related('{read.relation}')` to the "
            f"queryset",
            rationale=(
                f"Unless `{read.relation}` is a plain field, reading `{row}.{read.relation}` loads "
                f"the related row with its own query the first time for each "
                f"{rows.model or 'object'}. `select_related` (foreign keys, one-to-one) or "
                f"`prefetch_related` (many-valued relations) loads them all with the rows."
            ),
        )


def _evaluated_message(ctx: RuleContext, node: cst.CSTNode, loop: Loop) -> str:
    return (
        f"`{quote(ctx, node)}` is evaluated on every iteration of `{loop.header}`: one query "
        f"per iteration; {EVALUATED}"
    )


def _evaluated(call: cst.Call, ctx: RuleContext) -> bool:
    """Whether the queryset ``call`` builds is run: iterated, or ended by a query method."""
    top, holder, last = chain_top(call, ctx)
    if last is not None and last in DJANGO_QUERY_METHODS | DJANGO_ASYNC_QUERY_METHODS:
        return True
    if is_iterated(top, holder):
        return True
    return isinstance(holder, cst.Arg) and _is_evaluator_argument(ctx, holder)


def _is_evaluator_argument(ctx: RuleContext, arg: cst.Arg) -> bool:
    ancestors = ctx.ancestors
    for index in range(len(ancestors) - 1, 0, -1):
        if ancestors[index] is arg:
            call = ancestors[index - 1]
            return (
                isinstance(call, cst.Call)
                and isinstance(call.func, cst.Name)
                and call.func.value in _EVALUATORS
            )
    return False


_VARIES, _INVARIANT, _BATCHED = "varies", "invariant", "batched"


def _dependence(node: cst.CSTNode, loop: Loop, ctx: RuleContext) -> str:
    """How a query in ``loop`` depends on it: it reads something the loop changes (``varies``),
    nothing the loop changes (``invariant``), or it already batches (``batched``: a ``__in``
    filter, or a chunk of ids: a moving slice, a name bound to one or to an ``__in`` filter)."""
    if in_filter(node) or reads_chunk(node, loop, loop_region(ctx, loop), ctx):
        return _BATCHED
    return _VARIES if varies_with(node, loop, ctx) else _INVARIANT


def _per_iteration(node: cst.CSTNode, loop: Loop, ctx: RuleContext) -> bool:
    """The query reads something the loop changes and does not already batch."""
    return _dependence(node, loop, ctx) == _VARIES


def _locks_rows(call: cst.Call) -> bool:
    """``...select_for_update(...).get(pk=row.pk)``: locking one row at a time is the point."""
    return any(
        isinstance(child, cst.Attribute) and child.attr.value == "select_for_update"
        for child in descendants(call.func)
    )


def _inside_query(ctx: RuleContext) -> bool:
    """Whether the current call is part of another query call of the same statement (reported)."""
    for node in reversed(ctx.ancestors):
        if isinstance(node, (cst.BaseStatement, cst.BaseSmallStatement)):
            return False
        if isinstance(node, cst.Call) and django_query(node, ctx, _PER_ITERATION) is not None:
            return True
    return False


def _sweeps(loop: Loop, ctx: RuleContext) -> bool:
    """A loop over data that runs to the end: not a literal list, not a search, not batches."""
    return not (
        iterates_literal(loop)
        or iterates_named_literal(loop, ctx)
        or _steps_through_batches(loop)
        or walks_chunks(loop)
        or exits_early(loop, ctx)
    )


def _steps_through_batches(loop: Loop) -> bool:
    """``for start in range(0, total, size)``: one query per batch is the point."""
    iterable = loop.iterable
    return (
        isinstance(iterable, cst.Call)
        and isinstance(iterable.func, cst.Name)
        and iterable.func.value == "range"
        and len(iterable.args) == 3
    )
