"""What a Django admin class says about its changelist, read from its own module.

The changelist page calls every ``list_display`` column once per row, on the queryset that
``get_queryset`` returns, joined as ``list_select_related`` asks. This module reads those
declarations from the class body (literals only) and, when the module also defines the model
the admin is registered for, which of the model's fields are foreign keys. Nothing outside the
module is read: a model imported from ``models.py`` is unknown, and so are its fields.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import libcst as cst

from reviewbot.engine.children import iter_children
from reviewbot.engine.names import dotted_name, keyword_is_true
from reviewbot.engine.orm_names import MANAGERS, QUERYSET_STEPS

#: Rows on a changelist page unless the admin sets ``list_per_page``.
DEFAULT_PER_PAGE = 100
_FORWARD_FIELDS = frozenset({"ForeignKey", "OneToOneField", "ParentalKey"})
_NOT_PLAIN = _FORWARD_FIELDS | {"ManyToManyField", "GenericForeignKey", "GenericRelation"}
# Calls in `get_queryset` that neither join nor hide a join.
_KNOWN_CALLS = QUERYSET_STEPS | {"get_queryset", "alias"}
_MODEL_AND_ADMIN = 2  # `site.register(Model, ModelAdmin)`
_PREFETCH = ("Prefetch", "models.Prefetch")
_HARMLESS_RECEIVERS = frozenset({"self", "request", "super"})
_SCOPES = (cst.FunctionDef, cst.ClassDef, cst.Lambda)


@dataclass(frozen=True)
class ModelFields:
    """The fields a model declares, by kind: read from this module, or from the project's models."""

    relations: frozenset[str]  # ForeignKey / OneToOneField
    nullable: frozenset[str]  # those of them declared with null=True
    plain: frozenset[str]  # every other `...Field(...)` except many-to-many
    #: Every relation name the model has, to-many and reverse ones included, when the project's
    #: models say (another module's model); None for a model read from this module alone.
    every_relation: frozenset[str] | None = None


@dataclass(frozen=True)
class QuerysetHook:
    """What the admin's own ``get_queryset`` adds to the changelist's queryset.

    ``opaque``: it calls a queryset or manager method this module cannot see into (a custom
    ``with_customer()``), which may join anything.
    """

    selected: frozenset[str] = frozenset()
    selects_all: bool = False
    prefetched: frozenset[str] = frozenset()
    prefetches_all: bool = False
    annotations: frozenset[str] = frozenset()
    opaque: bool = False

    @property
    def selects(self) -> bool:
        """Whether it calls ``select_related``: Django then ignores ``list_select_related``."""
        return self.selects_all or bool(self.selected)


@dataclass(frozen=True)
class Column:
    """One ``list_display`` entry: a string (field or method name) or a callable's name."""

    name: str
    node: cst.BaseExpression
    is_string: bool


@dataclass(frozen=True)
class AdminClass:
    """A ``ModelAdmin``: its columns, methods, joins and (when local) its model's fields.

    ``list_select_related`` is None when unset or False, True for True (or a value that is not
    a literal), else the relation names it lists.
    """

    node: cst.ClassDef
    columns: tuple[Column, ...]
    methods: Mapping[str, cst.FunctionDef]
    list_select_related: bool | frozenset[str] | None
    hook: QuerysetHook = field(default_factory=QuerysetHook)
    per_page: int = DEFAULT_PER_PAGE
    model: ModelFields | None = None
    registered: tuple[str, ...] = ()  # the models it is registered for, by class name

    @property
    def name(self) -> str:
        """The class name."""
        return self.node.name.value


def admin_class(node: cst.ClassDef, module: cst.Module) -> AdminClass | None:
    """``node`` read as a Django admin, or None when it is neither a ``ModelAdmin`` subclass nor
    registered with ``@admin.register(...)``."""
    registered = _decorator_models(node)
    if registered is None and not _subclasses_model_admin(node):
        return None
    assigned, methods = _class_members(node)
    hook = methods.get("get_queryset")
    models = (registered or []) + _site_registered_models(node.name.value, module)
    return AdminClass(
        node=node,
        columns=tuple(_columns(assigned.get("list_display"))),
        methods=methods,
        list_select_related=_list_select_related(assigned.get("list_select_related")),
        hook=queryset_hook(hook) if hook is not None else QuerysetHook(),
        per_page=_per_page(assigned.get("list_per_page")),
        model=_local_model(set(models), module),
        registered=tuple(dict.fromkeys(models)),
    )


def module_admins(module: cst.Module) -> Iterator[AdminClass]:
    """Every admin class defined at the top level of ``module``."""
    for statement in module.body:
        if isinstance(statement, cst.ClassDef):
            found = admin_class(statement, module)
            if found is not None:
                yield found


def queryset_hook(function: cst.FunctionDef) -> QuerysetHook:
    """The joins, prefetches and annotations ``get_queryset`` adds, from its calls."""
    calls: dict[str, list[cst.Call]] = {}
    opaque = False
    for node in body_nodes(function.body):
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            calls.setdefault(node.func.attr.value, []).append(node)
            opaque = opaque or _hides_joins(node.func, node.func.attr.value)
    local = _local_values(function)
    selected = [relation_arguments(call, local) for call in calls.get("select_related", [])]
    prefetched = [relation_arguments(call, local) for call in calls.get("prefetch_related", [])]
    annotating = calls.get("annotate", []) + calls.get("alias", [])
    return QuerysetHook(
        selected=frozenset().union(*(names or () for names in selected)),
        selects_all=any(not names for names in selected),  # none listed, or not literals
        prefetched=frozenset().union(*(names or () for names in prefetched)),
        prefetches_all=any(names is None for names in prefetched),
        annotations=frozenset().union(*(_annotation_names(call) for call in annotating)),
        opaque=opaque,
    )


def body_nodes(body: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """Every node of a function body in source order, nested functions and classes left out."""
    stack = [body]
    while stack:
        node = stack.pop()
        yield node
        children = [child for child in iter_children(node) if not isinstance(child, _SCOPES)]
        stack.extend(reversed(children))


def _hides_joins(func: cst.Attribute, method: str) -> bool:
    """A method call on the queryset this module cannot read: ``qs.with_customer()``."""
    if method in _KNOWN_CALLS | {"select_related", "prefetch_related"} or method[:1].isupper():
        return False
    receiver = func.value
    if isinstance(receiver, cst.Name):
        return receiver.value not in _HARMLESS_RECEIVERS
    if isinstance(receiver, cst.Call):
        return True
    name = dotted_name(receiver) or ""
    return any(part in MANAGERS for part in name.split("."))


def _local_values(function: cst.FunctionDef) -> dict[str, cst.BaseExpression]:
    """``items = Prefetch("items", ...)``: names the function assigns once, with their value."""
    pairs = [
        pair
        for node in body_nodes(function.body)
        if isinstance(node, cst.BaseSmallStatement)
        for pair in _assignment(node).items()
    ]
    counts = Counter(name for name, _ in pairs)
    return {name: value for name, value in pairs if counts[name] == 1}


def relation_arguments(call: cst.Call, local: Mapping[str, cst.BaseExpression]) -> set[str] | None:
    """The first relation of each ``"a__b"`` / ``Prefetch("a", ...)`` argument (also through a
    name assigned once in the function); None when one of them is not a literal (it could name
    anything)."""
    names: set[str] = set()
    for arg in call.args:
        value = arg.value
        if isinstance(value, cst.Name) and value.value in local:
            value = local[value.value]
        if isinstance(value, cst.Call) and dotted_name(value.func) in _PREFETCH and value.args:
            value = value.args[0].value
        text = literal_string(value)
        if text is None or arg.star:
            return None
        names.add(text.split("__", 1)[0])
    return names


def _annotation_names(call: cst.Call) -> set[str]:
    """``annotate(line_total=Count("lines"))`` adds ``line_total`` to each row."""
    return {arg.keyword.value for arg in call.args if arg.keyword is not None}


def literal_string(node: cst.BaseExpression) -> str | None:
    """The text of a plain string literal; None for anything else (f-strings, names)."""
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def _subclasses_model_admin(node: cst.ClassDef) -> bool:
    """A base spelled ``ModelAdmin``, ``admin.ModelAdmin``, ``GISModelAdmin``, ..."""
    return any((dotted_name(base.value) or "").endswith("ModelAdmin") for base in node.bases)


def _decorator_models(node: cst.ClassDef) -> list[str] | None:
    """The models an ``@admin.register(Order, ...)`` decorator names; None when not decorated."""
    for decorator in node.decorators:
        call = decorator.decorator
        if isinstance(call, cst.Call) and (dotted_name(call.func) or "").endswith("register"):
            return [name for arg in call.args if arg.keyword is None for name in _name(arg.value)]
    return None


def _site_registered_models(admin: str, module: cst.Module) -> list[str]:
    """``admin.site.register(Order, OrderAdmin)`` at the top level of the module."""
    return [
        model
        for call in _top_level_calls(module)
        if (dotted_name(call.func) or "").endswith("register")
        and len(call.args) >= _MODEL_AND_ADMIN
        and _name(call.args[1].value) == [admin]
        for model in _name(call.args[0].value)
    ]


def _top_level_calls(module: cst.Module) -> Iterator[cst.Call]:
    lines = (line for line in module.body if isinstance(line, cst.SimpleStatementLine))
    expressions = (small for line in lines for small in line.body if isinstance(small, cst.Expr))
    return (expr.value for expr in expressions if isinstance(expr.value, cst.Call))


def _name(node: cst.BaseExpression) -> list[str]:
    return [node.value] if isinstance(node, cst.Name) else []


def _class_members(
    node: cst.ClassDef,
) -> tuple[dict[str, cst.BaseExpression], dict[str, cst.FunctionDef]]:
    """The class body's ``name = value`` assignments and its methods."""
    body = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
    methods = {s.name.value: s for s in body if isinstance(s, cst.FunctionDef)}
    return dict(class_assignments(node)), methods


def class_assignments(node: cst.ClassDef) -> Iterator[tuple[str, cst.BaseExpression]]:
    """The class body's ``name = value`` and ``name: T = value`` statements, in order."""
    body = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
    for statement in body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                yield from _assignment(small).items()


def _assignment(small: cst.BaseSmallStatement) -> dict[str, cst.BaseExpression]:
    if isinstance(small, cst.Assign) and len(small.targets) == 1:
        target = small.targets[0].target
        if isinstance(target, cst.Name):
            return {target.value: small.value}
    if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name) and small.value:
        return {small.target.value: small.value}
    return {}


def _columns(value: cst.BaseExpression | None) -> Iterator[Column]:
    """The entries of a literal ``list_display`` (``Base.list_display + (...)`` too)."""
    if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Add):
        yield from _columns(value.left)
        yield from _columns(value.right)
    elif isinstance(value, (cst.Tuple, cst.List)):
        for element in value.elements:
            text = literal_string(element.value)
            if text is not None:
                yield Column(text, element.value, is_string=True)
            elif isinstance(element.value, cst.Name):
                yield Column(element.value.value, element.value, is_string=False)


def _list_select_related(value: cst.BaseExpression | None) -> bool | frozenset[str] | None:
    if value is None or (isinstance(value, cst.Name) and value.value == "False"):
        return None
    if isinstance(value, (cst.Tuple, cst.List)):
        names = [literal_string(element.value) for element in value.elements]
        if all(name is not None for name in names):
            return frozenset(name.split("__", 1)[0] for name in names if name is not None)
    return True  # True, or something this module cannot read: assume it joins


def _per_page(value: cst.BaseExpression | None) -> int:
    if isinstance(value, cst.Integer):
        return int(value.evaluated_value)
    return DEFAULT_PER_PAGE


def _local_model(models: set[str], module: cst.Module) -> ModelFields | None:
    """The fields of the one model the admin is registered for, when this module defines it."""
    if len(models) != 1:
        return None
    name = models.pop()
    for statement in module.body:
        if isinstance(statement, cst.ClassDef) and statement.name.value == name:
            return _model_fields(statement)
    return None


def _model_fields(node: cst.ClassDef) -> ModelFields:
    fields = dict(class_assignments(node))
    kinds = {name: _field_kind(value) for name, value in fields.items()}
    relations = {name for name, kind in kinds.items() if kind in _FORWARD_FIELDS}
    plain = {name for name, kind in kinds.items() if kind.endswith("Field")}
    nullable = {name for name in relations if _null(fields[name])}
    return ModelFields(
        frozenset(relations), frozenset(nullable), frozenset(plain) - _not_plain(kinds)
    )


def _not_plain(kinds: Mapping[str, str]) -> frozenset[str]:
    return frozenset(name for name, kind in kinds.items() if kind in _NOT_PLAIN)


def _field_kind(value: cst.BaseExpression) -> str:
    """``ForeignKey`` for ``models.ForeignKey(...)``; empty for anything but a call."""
    if not isinstance(value, cst.Call):
        return ""
    return (dotted_name(value.func) or "").rsplit(".", 1)[-1]


def _null(value: cst.BaseExpression) -> bool:
    """``ForeignKey(..., null=True)``."""
    return isinstance(value, cst.Call) and keyword_is_true(value, "null")
