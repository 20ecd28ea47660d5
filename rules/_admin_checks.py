"""How RB320 and RB322 check a Django admin's changelist columns: which relations each column
reads off its row, which of them the changelist's queryset loads, and what to write instead.

RB320 reports the reads a model confirms: the admin's model defined in the same module, or read
from the project's models (the ``django-models`` fact), its bases included. RB322 reports the
reads that only their names make relations (a model this run cannot see), once per column and
only where RB320 has nothing to say.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

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
from reviewbot.rules._drf_models import FORWARD, lineage, relations_along
from reviewbot.rules._quote import quote
from reviewbot.ruleset.api import NodeRule

#: The fact both rules declare.
MODELS_FACT = "django-models"


class AdminColumnRule(NodeRule):
    """What RB320 and RB322 share: where they look and what they read. ``guessed`` says which
    reads a rule reports: the ones a model confirms (False), or the ones only a name makes
    relations (True)."""

    category = Category.PERFORMANCE
    severity = Severity.WARNING
    uses_facts = (MODELS_FACT,)
    guessed: ClassVar[bool] = False

    def visit_IndentedBlock(self, node: cst.IndentedBlock, ctx: RuleContext) -> None:
        """The body of an admin class, or of a function one of its columns calls."""
        check_body(ctx, guessed=self.guessed)

    def visit_SimpleStatementSuite(self, node: cst.SimpleStatementSuite, ctx: RuleContext) -> None:
        """A one-line ``def column(self, obj): return obj.customer.email``."""
        check_body(ctx, guessed=self.guessed)


def check_body(ctx: RuleContext, *, guessed: bool) -> None:
    """Check the block the walker is entering: an admin class's body (its string columns), a
    method column's, or a module function's an admin lists. ``guessed``: report the relation
    reads no model confirms (RB322) instead of the confirmed ones (RB320)."""
    owner, ancestors = ctx.parent, ctx.ancestors
    if isinstance(owner, cst.ClassDef):
        admin = admin_class(owner, ctx.module)
        if admin is not None and not guessed:
            _check_field_columns(admin, ctx)
    elif isinstance(owner, cst.FunctionDef):
        holder = ancestors[-3:][0]  # a method's class (its body is ancestors[-2])
        if isinstance(holder, cst.ClassDef):
            _check_method(owner, holder, ctx, guessed=guessed)
        elif isinstance(ancestors[-2], cst.Module):
            _check_callable(owner, ctx, guessed=guessed)


def _check_method(
    method: cst.FunctionDef, holder: cst.ClassDef, ctx: RuleContext, *, guessed: bool
) -> None:
    admin = admin_class(holder, ctx.module)
    if admin is None or method.name.value not in dict(method_columns(admin)):
        return
    row = row_parameter(method, method=True)
    if row is not None:
        _check_column(method, row, admin, ctx, guessed=guessed)


def _check_callable(function: cst.FunctionDef, ctx: RuleContext, *, guessed: bool) -> None:
    """``def customer_email(obj)`` at module level, listed by name in an admin's columns."""
    row = row_parameter(function, method=False)
    if row is None:
        return
    for admin in module_admins(ctx.module):
        name = function.name.value
        if any(not c.is_string and c.name == name for c in admin.columns):
            _check_column(function, row, admin, ctx, guessed=guessed)


def _check_column(
    function: cst.FunctionDef, row: str, admin: AdminClass, ctx: RuleContext, *, guessed: bool
) -> None:
    """One finding per column, at its first unloaded read: a confirmed one (RB320), else, for
    RB322, one that only its name makes a relation."""
    admin = _with_project_model(admin, ctx)
    joins = changelist_joins(admin)
    missing = [r for r in _relation_reads(function, row, admin) if not is_loaded(r, admin, joins)]
    chosen = _chosen(missing, admin.model, guessed=guessed)
    if not chosen:
        return
    read = chosen[0]
    others = ", ".join(f"`{row}.{other.relation}`" for other in chosen[1:])
    also = f" (it also reads {others})" if others else ""
    unsure = _unsure(read, admin) if guessed else ""
    ctx.report(
        read.node,
        f"`{quote(ctx, read.node, 50)}` in column `{function.name.value}` of `{admin.name}` runs "
        f"{_per_page(admin)}{also}{unsure}; {_advice(read, row, admin, joins)}",
        rationale=_rationale(admin),
    )


def _chosen(missing: list[RowRead], model: ModelFields | None, *, guessed: bool) -> list[RowRead]:
    """RB320's reads: the confirmed ones; RB322's: all of them, when none is confirmed."""
    confirmed = [read for read in missing if _confirmed(read, model)]
    if not guessed:
        return confirmed
    return [] if confirmed else missing


def _confirmed(read: RowRead, model: ModelFields | None) -> bool:
    """Whether a model says ``read`` is a relation (a ``<name>_set`` accessor always is)."""
    if read.relation.endswith("_set"):
        return True
    if model is None:
        return False
    every = model.every_relation if model.every_relation is not None else model.relations
    return read.relation in every


def _unsure(read: RowRead, admin: AdminClass) -> str:
    whose = f"`{admin.registered[0]}`" if len(admin.registered) == 1 else "the model"
    return f" if `{read.relation}` is a relation (reviewbot cannot see {whose}'s fields)"


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
    fact = ctx.fact(MODELS_FACT)
    index = fact if isinstance(fact, dict) else {}
    parts = {key: index.get(key) for key in ("relations", "bases", "nullable")}
    return {key: value if isinstance(value, dict) else {} for key, value in parts.items()}


def _project_model(name: str, index: dict[str, dict[str, Any]]) -> ModelFields | None:
    """``name``'s relations, nullable foreign keys included, from its lineage of model bases."""
    line = lineage(name, index["relations"], index["bases"])
    if line is None:
        return None
    kinds = relations_along(line, index["relations"])
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
