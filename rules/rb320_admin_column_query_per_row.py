"""RB320: a Django admin changelist column that runs a query for every row of the page."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import libcst as cst

from reviewbot.engine.context import RuleContext
from reviewbot.findings import Category, Severity
from reviewbot.rules._admin_columns import (
    Joins,
    RowRead,
    changelist_joins,
    is_loaded,
    method_columns,
    row_parameter,
    row_reads,
)
from reviewbot.rules._admin_facts import (
    DEFAULT_PER_PAGE,
    AdminClass,
    ModelFields,
    admin_class,
    module_admins,
)
from reviewbot.rules._drf_models import FORWARD, lineage, model_relations
from reviewbot.rules._quote import quote
from reviewbot.ruleset.api import Invalid, NodeRule, RuleDoc, Valid

_ADMIN = "from django.contrib import admin\n\n\n"
_MODELS = "django-models"


def _project_models() -> dict[str, object]:
    """A project whose ``Project`` model (in another module) has an ``owner`` from its base."""
    return {
        _MODELS: {
            "relations": {"Project": {}, "OwnedModel": {"owner": "forward"}},
            "bases": {"Project": ["OwnedModel", "CacheMixin"], "OwnedModel": ["Model"]},
            "nullable": {"Project": [], "OwnedModel": []},
        }
    }


class AdminColumnQueryPerRow(NodeRule):
    """Flags ``list_display`` columns that read a relation the changelist queryset did not load."""

    code = "RB320"
    name = "admin-column-query-per-row"
    category = Category.PERFORMANCE
    severity = Severity.WARNING
    uses_facts = (_MODELS,)
    doc = RuleDoc(
        what=(
            "Checks for a Django admin changelist column that reads a relation of its row which "
            "the changelist's queryset does not load. Django calls each `list_display` column "
            "once per row, so the query hides in the framework's loop, not in the code. "
            "Reported, in a `ModelAdmin` subclass or a class registered with "
            "`@admin.register(...)`:\n\n"
            "* a method column (`def customer_email(self, obj)`) that reads a forward relation "
            "(`obj.customer.email`) not joined by `list_select_related` or by "
            "`select_related`/`prefetch_related` in the admin's `get_queryset`;\n"
            "* a method column that calls a related manager (`obj.lines.count()`, "
            "`obj.tags.all()`, `obj.lines.filter(...)`) that `get_queryset` does not prefetch "
            "(a prefetch serves `all()`, `count()`, `exists()`, `first()` and `last()`, never "
            "`filter()`, `exclude()`, `order_by()` or `aggregate()`);\n"
            "* a `list_display` string naming a `ForeignKey`/`OneToOneField` of the model (it "
            "shows `str(obj.customer)`) that is not joined, when the model's fields are known: "
            "defined in the same module, or read from the project's models (below).\n\n"
            "What Django joins is read as Django does: a `select_related` in `get_queryset` "
            "replaces `list_select_related`; `list_select_related = True`, and an unset one "
            "when a `list_display` string names a foreign key, add `select_related()`, which "
            "follows every foreign key except the ones the model declares `null=True`. "
            "One finding per column, at its first unloaded read.\n\n"
            "When the admin is registered for one model that another module of the project "
            "defines, that model says which names are relations and which foreign keys are "
            "nullable (`django-models`, read from the project's committed files): its "
            "`ForeignKey`, `OneToOneField` and "
            "`ManyToManyField` fields, those of its model bases, the reverse relations other "
            "models' `related_name` give it, and any `<name>_set`. A name that is none of those "
            "(a property, a cached attribute such as `obj.stats.words`) is not a query. That is "
            "not known outside git, for a model that two modules define differently, or for "
            "one with a model base from a library (`TimeStampedModel`); there, and for an "
            "admin registered for a model the project does not define, a method's "
            "`obj.<name>.<attr>` is taken as a relation "
            "read unless `<name>` looks like a field value (`created_at`, `photo`, `price`, "
            "`status`, ... and attributes such as `.year`, `.url`, `.amount`: the vocabulary of "
            "RB304), is a non-relational field of the local model, or is a name "
            "`get_queryset` annotates. False positives follow: a model field or attribute with "
            "an unusual name and a value with attributes (a `JSONField` wrapper, a custom "
            "field type), and a `list_display` string naming a non-null foreign key of a model "
            "imported from elsewhere, which makes Django add `select_related()` for every "
            "column. A `get_queryset` that calls a queryset method this module cannot read "
            "(`qs.with_customer()`) is assumed to load everything. Not reported: reads of the "
            "row's own fields, names `get_queryset` annotates, `list_display` strings naming "
            "fields of a model whose fields are not known, and classes that are not admins."
        ),
        why=(
            "The changelist shows `list_per_page` rows (100 by default). A column that loads "
            "a related row, or counts related rows, does it with its own query for every row: "
            "one page load runs 100 extra queries per such column, on every visit, search and "
            "filter, and admin pages over large tables become the slowest pages of the site. "
            "Nothing in the code shows a loop, so the N+1 goes unnoticed in review and in tests "
            "with a handful of rows."
        ),
        example=(
            f"{_ADMIN}@admin.register(Order)\n"
            "class OrderAdmin(admin.ModelAdmin):\n"
            "    list_display = ('number', 'customer_email', 'line_count')\n\n"
            "    def customer_email(self, obj):\n"
            "        return obj.customer.email\n\n"
            "    def line_count(self, obj):\n"
            "        return obj.lines.count()\n"
        ),
        use_instead=(
            "from django.contrib import admin\n"
            "from django.db.models import Count\n\n\n"
            "@admin.register(Order)\n"
            "class OrderAdmin(admin.ModelAdmin):\n"
            "    list_display = ('number', 'customer_email', 'line_count')\n"
            "    list_select_related = ('customer',)\n\n"
            "    def get_queryset(self, request):\n"
            "        return super().get_queryset(request).annotate(line_total=Count('lines'))\n\n"
            "    def customer_email(self, obj):\n"
            "        return obj.customer.email\n\n"
            "    @admin.display(ordering='line_total')\n"
            "    def line_count(self, obj):\n"
            "        return obj.line_total\n"
        ),
        fix_safety=(
            "No automatic fix: which relations to join, and whether a count belongs in an "
            "annotation, depends on the model and on the other columns."
        ),
    )
    valid = (
        Valid(
            f"{_ADMIN}class OrderAdmin(admin.ModelAdmin):\n"
            "    list_display = ('number', 'customer_email')\n"
            "    list_select_related = ('customer',)\n\n"
            "    def customer_email(self, obj):\n"
            "        return obj.customer.email\n",
            "`list_select_related` joins the customer",
        ),
        Valid(
            f"{_ADMIN}class OrderAdmin(admin.ModelAdmin):\n"
            "    list_display = ('number', 'tag_names')\n\n"
            "    def get_queryset(self, request):\n"
            "        return super().get_queryset(request).prefetch_related('tags')\n\n"
            "    def tag_names(self, obj):\n"
            "        return ', '.join(tag.name for tag in obj.tags.all())\n",
            "`get_queryset` prefetches the tags: two queries for the page",
        ),
        Valid(
            "from django.contrib import admin\nfrom django.db.models import Count\n\n\n"
            "class OrderAdmin(admin.ModelAdmin):\n"
            "    list_display = ('number', 'line_count')\n\n"
            "    def get_queryset(self, request):\n"
            "        return super().get_queryset(request).annotate(line_total=Count('lines'))\n\n"
            "    @admin.display(ordering='line_total')\n"
            "    def line_count(self, obj):\n"
            "        return obj.line_total\n",
            "the count is an annotation of the changelist's own query",
        ),
        Valid(
            f"{_ADMIN}class OrderAdmin(admin.ModelAdmin):\n"
            "    list_display = ('number', 'placed')\n\n"
            "    def placed(self, obj):\n"
            "        return obj.created_at.date()\n",
            "the row's own field",
        ),
        Valid(
            "from django.contrib import admin\n\nfrom shop.models import Project\n\n\n"
            "@admin.register(Project)\n"
            "class ProjectAdmin(admin.ModelAdmin):\n"
            "    list_display = ('name', 'word_count')\n\n"
            "    def word_count(self, obj):\n"
            "        return obj.stats.words\n",
            "the project's `Project` model has no relation `stats`: a property, not a query",
            facts=_project_models(),
        ),
        Valid(
            "class OrderReport:\n"
            "    list_display = ('number', 'customer_email')\n\n"
            "    def customer_email(self, obj):\n"
            "        return obj.customer.email\n",
            "not a Django admin",
        ),
    )
    invalid = (
        Invalid(
            f"{_ADMIN}class OrderAdmin(admin.ModelAdmin):\n"
            "    list_display = ('number', 'customer_email', 'line_count')\n\n"
            "    def customer_email(self, obj):\n"
            "        return obj.customer.email\n\n"
            "    def line_count(self, obj):\n"
            "        return obj.lines.count()\n",
            lines=(8, 11),
        ),
        Invalid(
            "from django.contrib import admin\nfrom django.db import models\n\n\n"
            "class Order(models.Model):\n"
            "    number = models.CharField(max_length=20)\n"
            "    courier = models.ForeignKey('Courier', null=True, on_delete=models.SET_NULL)\n\n\n"
            "@admin.register(Order)\n"
            "class OrderAdmin(admin.ModelAdmin):\n"
            "    list_display = ('number', 'courier')\n",
            lines=(12,),
            note="a nullable foreign key: the `select_related()` Django adds skips it",
        ),
        Invalid(
            f"{_ADMIN}class OrderAdmin(admin.ModelAdmin):\n"
            "    list_display = ('number', 'customer_email')\n"
            "    list_select_related = ('customer',)\n\n"
            "    def get_queryset(self, request):\n"
            "        return super().get_queryset(request).select_related('carrier')\n\n"
            "    def customer_email(self, obj):\n"
            "        return obj.customer.email\n",
            lines=(12,),
            note="a `select_related` in `get_queryset` makes Django ignore `list_select_related`",
        ),
        Invalid(
            "from django.contrib import admin\n\nfrom shop.models import Project\n\n\n"
            "@admin.register(Project)\n"
            "class ProjectAdmin(admin.ModelAdmin):\n"
            "    list_display = ('name', 'owner_email', 'word_count')\n\n"
            "    def owner_email(self, obj):\n"
            "        return obj.owner.email\n\n"
            "    def word_count(self, obj):\n"
            "        return obj.stats.words\n",
            lines=(11,),
            note="`owner` is a relation the project's `Project` inherits from its model base",
            facts=_project_models(),
        ),
    )

    def visit_IndentedBlock(self, node: cst.IndentedBlock, ctx: RuleContext) -> None:
        """The body of an admin class, or of a function one of its columns calls."""
        _check_body(ctx)

    def visit_SimpleStatementSuite(self, node: cst.SimpleStatementSuite, ctx: RuleContext) -> None:
        """A one-line ``def column(self, obj): return obj.customer.email``."""
        _check_body(ctx)


def _check_body(ctx: RuleContext) -> None:
    owner, ancestors = ctx.parent, ctx.ancestors
    if isinstance(owner, cst.ClassDef):
        admin = admin_class(owner, ctx.module)
        if admin is not None:
            _check_field_columns(admin, ctx)
    elif isinstance(owner, cst.FunctionDef):
        holder = ancestors[-3:][0]  # a method's class (its body is ancestors[-2])
        if isinstance(holder, cst.ClassDef):
            _check_method(owner, holder, ctx)
        elif isinstance(ancestors[-2], cst.Module):
            _check_callable(owner, ctx)


def _check_method(method: cst.FunctionDef, holder: cst.ClassDef, ctx: RuleContext) -> None:
    admin = admin_class(holder, ctx.module)
    if admin is None or method.name.value not in dict(method_columns(admin)):
        return
    row = row_parameter(method, method=True)
    if row is not None:
        _check_column(method, row, admin, ctx)


def _check_callable(function: cst.FunctionDef, ctx: RuleContext) -> None:
    """``def customer_email(obj)`` at module level, listed by name in an admin's columns."""
    row = row_parameter(function, method=False)
    if row is None:
        return
    for admin in module_admins(ctx.module):
        name = function.name.value
        if any(not c.is_string and c.name == name for c in admin.columns):
            _check_column(function, row, admin, ctx)


def _check_column(function: cst.FunctionDef, row: str, admin: AdminClass, ctx: RuleContext) -> None:
    admin = _with_project_model(admin, ctx)
    joins = changelist_joins(admin)
    reads = _relation_reads(function, row, admin)
    missing = [read for read in reads if not is_loaded(read, admin, joins)]
    if not missing:
        return
    read = missing[0]
    column = function.name.value
    others = ", ".join(f"`{row}.{other.relation}`" for other in missing[1:])
    also = f" (it also reads {others})" if others else ""
    ctx.report(
        read.node,
        f"`{quote(ctx, read.node, 50)}` in column `{column}` of `{admin.name}` runs "
        f"{_per_page(admin)}{also}; {_advice(read, row, admin, joins)}",
        rationale=_rationale(admin),
    )


def _relation_reads(function: cst.FunctionDef, row: str, admin: AdminClass) -> list[RowRead]:
    """The relations a column reads off its row: by the model's fields when they are known."""
    model = admin.model
    reads = row_reads(function, row, model.plain if model else frozenset())
    every = model.every_relation if model else None
    if every is None:
        return reads
    return [r for r in reads if r.relation in every or r.relation.endswith("_set")]


def _with_project_model(admin: AdminClass, ctx: RuleContext) -> AdminClass:
    """``admin`` with the fields of the one model it is registered for, read from the project's
    models (``django-models``) when another module defines it; unchanged when this module's
    model answers, when it is registered for several models, or when the fields are unknown."""
    if admin.model is not None or len(admin.registered) != 1:
        return admin
    model = _project_model(admin.registered[0], _project_index(ctx))
    return admin if model is None else replace(admin, model=model)


def _project_index(ctx: RuleContext) -> dict[str, dict[str, Any]]:
    """The ``django-models`` fact's indexes by name, each a dict (empty when absent)."""
    fact = ctx.fact(_MODELS)
    index = fact if isinstance(fact, dict) else {}
    parts = {key: index.get(key) for key in ("relations", "bases", "nullable")}
    return {key: value if isinstance(value, dict) else {} for key, value in parts.items()}


def _project_model(name: str, index: dict[str, dict[str, Any]]) -> ModelFields | None:
    """``name``'s relations, nullable foreign keys included, from its lineage of model bases."""
    line = lineage(name, index["relations"], index["bases"])
    kinds = model_relations(name, index["relations"], index["bases"])
    if line is None or kinds is None:
        return None
    forward = frozenset(field for field, kind in kinds.items() if kind == FORWARD)
    null = frozenset(field for model in line for field in index["nullable"].get(model, ()))
    return ModelFields(forward, null & forward, frozenset(), frozenset(kinds))


def _check_field_columns(admin: AdminClass, ctx: RuleContext) -> None:
    """``list_display = ("customer",)``: Django shows ``str(obj.customer)`` on every row."""
    admin = _with_project_model(admin, ctx)
    model = admin.model
    if model is None:
        return
    joins = changelist_joins(admin)
    seen: set[str] = set()
    for column in admin.columns:
        name = column.name
        if not column.is_string or name in admin.methods or name not in model.relations:
            continue
        read = RowRead(column.node, name, "forward")
        if name in seen or is_loaded(read, admin, joins):
            continue
        seen.add(name)
        ctx.report(
            column.node,
            f"column `{name}` of `{admin.name}` shows `str(obj.{name})`: it runs "
            f"{_per_page(admin)}; {_advice(read, 'obj', admin, joins)}",
            rationale=_rationale(admin),
        )


def _per_page(admin: AdminClass) -> str:
    rows = admin.per_page
    default = " by default" if rows == DEFAULT_PER_PAGE else ""
    return f"one query per row of every changelist page ({rows} rows{default})"


def _advice(read: RowRead, row: str, admin: AdminClass, joins: Joins) -> str:
    relation = read.relation
    if read.kind == "count":
        return (
            f"annotate it in `get_queryset`: `super().get_queryset(request)"
            f".annotate({relation}_count=Count('{relation}'))`, and read `{row}.{relation}_count`"
        )
    if read.kind == "rows":
        return f"prefetch it in `get_queryset`: `super().get_queryset(request).prefetch_related('{relation}')`"
    if read.kind == "subset":
        return (
            f"a prefetch does not serve `.filter()`: prefetch the subset in `get_queryset` with "
            f"`prefetch_related(Prefetch('{relation}', queryset=..., to_attr=...))` and read that"
        )
    return _join_advice(relation, admin, joins)


def _join_advice(relation: str, admin: AdminClass, joins: Joins) -> str:
    """Where to name a forward relation: in the join that Django uses for this admin."""
    if joins.origin == "get_queryset":
        return f"add `'{relation}'` to the `select_related(...)` in `{admin.name}.get_queryset`"
    if joins.origin == "list_select_related" and joins.names:
        return f"add `'{relation}'` to `list_select_related`"
    if joins.non_null:  # `relation` is a nullable foreign key
        return (
            f"`select_related()` skips the nullable `{relation}`: name it in "
            f"`list_select_related = ('{relation}', ...)` with the other relations the columns read"
        )
    return f"set `list_select_related = ('{relation}',)` on `{admin.name}`"


def _rationale(admin: AdminClass) -> str:
    return (
        f"Django calls every `list_display` column once for each of the {admin.per_page} rows "
        f"of a changelist page. A relation the changelist's queryset did not load is fetched "
        f"with its own query on each call: {admin.per_page} extra queries per page load, for "
        f"every visit, search and filter. Loading it with the rows makes it one or two queries."
    )
