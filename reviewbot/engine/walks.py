"""What a loop walks: a handful of things written in the source, a schema, one object's
collection, data, or something reviewbot cannot tell.

A cost per iteration matters when the loop walks data (a queryset, a cursor, a DataFrame, a
file's records, a caller's list of ids). The same shape over three literal values, a model's
fields or one order's invoices is not worth a comment. The engine classifies each loop once, from
the loop's iterable, following simple assignments, ``list()`` / ``sorted()`` / ``set()`` and
comprehensions back to where the collection came from. A collection the team declares in
``[loops] large`` / ``small`` (:mod:`reviewbot.engine.declared`) walks ``data`` / ``fixed``
wherever the classifier meets it, whatever inference would say.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import libcst as cst

from reviewbot.config.schema import LOOP_WALKS
from reviewbot.engine.context import RuleContext
from reviewbot.engine.declared import Declarations, names_in
from reviewbot.engine.loops import fixed_count
from reviewbot.engine.orm_names import MANAGERS, QUERYSET_STEPS, VIEWS, chain, chain_has, root
from reviewbot.engine.scopes import Loop, quote_code

#: The kinds, smallest first: a statement inside several loops runs as often as the largest.
WALKS = LOOP_WALKS

_WRAPPERS = frozenset(
    {"list", "tuple", "set", "frozenset", "sorted", "reversed", "enumerate", "iter", "filter"}
)
_SCHEMA_ATTRIBUTES = frozenset(
    {
        "_meta",
        "fields",
        "base_fields",
        "declared_fields",
        "__bases__",
        "__mro__",
        "__dict__",
        "__slots__",
        "__members__",
        "__annotations__",
        "argv",
        "environ",
        "settings",
        "get_fields",
        "local_fields",
        "many_to_many",
        "related_objects",
        "concrete_fields",
        "__subclasses__",
        "mro",
    }
)
_SCHEMA_CALLS = frozenset({"vars", "dir", "getmembers", "fields", "get_type_hints"})
_DB_METHODS = frozenset({"execute", "scalars", "query", "fetchall", "fetchmany", "executemany"})
_FRAME_METHODS = frozenset({"iterrows", "itertuples", "iteritems", "groupby", "read_csv"})
_RECORD_CALLS = frozenset(
    {
        "open",
        "reader",
        "DictReader",
        "load",
        "loads",
        "readlines",
        "getlist",
        "paginate",
        "read_csv",
        "read_sql",
        "read_excel",
        "read_json",
        "json",
    }
)
#: Names of collections that hold records: generic ones, and the business entities whose
#: tables grow with use (a caller's ``orders`` are rows, however they were loaded).
_RECORD_NAMES = frozenset(
    {
        "ids", "rows", "records", "lines", "entries", "events", "objects", "instances",
        "results", "queryset", "qs", "df", "uploads", "files", "pages", "orders", "users",
        "customers", "invoices", "payments", "products", "transactions", "accounts", "messages",
        "tickets", "positions", "bookings", "subscriptions", "documents", "attendees", "vouchers",
    }
)  # fmt: skip
_DATA_ANNOTATIONS = frozenset(
    {"QuerySet", "DataFrame", "Series", "Cursor", "Query", "Result", "ScalarResult", "Page"}
)
_BUILTIN_TYPES = frozenset(
    {"str", "int", "float", "bool", "bytes", "object", "Any", "tuple", "list", "dict", "set"}
)
_META_ATTRIBUTE = frozenset({"_meta"})
_DEPTH = 6
_UNKNOWN = ("unknown", "something reviewbot cannot trace")
#: A DRF serializer's ``create``/``update`` get the validated payload of one object: its nested
#: lists are that object's items (a ``ListSerializer``'s is the whole list, and is data).
_PAYLOAD = ("per-object", "the nested items of the one object a serializer writes")
_PAYLOAD_NAME = "validated_data"
_META = ("schema", "a model's fields (its `_meta`)")


def _walks_by_name() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """What a method call (``x.iterrows()``) and a function call (``vars(x)``) walk, by name;
    the first group a name is in wins."""
    methods: dict[str, tuple[str, str]] = {}
    for name in _SCHEMA_ATTRIBUTES:
        methods.setdefault(name, ("schema", _schema_what(name)))
    groups = (
        (_FRAME_METHODS, ("data", "the rows of a DataFrame")),
        (_DB_METHODS, ("data", "the rows a database query returns")),
        (_RECORD_CALLS, ("data", "records read from a file, a request or an API")),
        ({"get_queryset"}, ("data", "a queryset")),
        (_SCHEMA_CALLS, ("schema", "the members of a class or module")),
    )
    for names, walk in groups:
        for name in names:
            methods.setdefault(name, walk)
    functions = dict.fromkeys(_SCHEMA_CALLS, ("schema", "the members of a class or module"))
    functions |= dict.fromkeys(_RECORD_CALLS, ("data", "records read from a file"))
    return methods, functions


@dataclass(frozen=True)
class Walk:
    """What a loop walks: its ``kind`` (one of :data:`WALKS`), the code it walks, and why."""

    kind: str
    subject: str
    what: str
    clause: str = ""  # the whole clause, where "the loop walks `subject`" does not read

    @property
    def because(self) -> str:
        """The clause a person reads: "the loop walks `self.fields`, a form's fields"."""
        return self.clause or f"the loop walks `{self.subject}`, {self.what}"

    @property
    def size(self) -> int:
        """Its rank in :data:`WALKS`: a larger walk runs a statement inside it more often."""
        return WALKS.index(self.kind)


def classify_loop(loop: Loop, ctx: RuleContext, declared: Declarations | None = None) -> Walk:
    """What ``loop`` walks; a ``while`` loop walks something reviewbot cannot tell.

    ``declared`` are the team's ``[loops] large`` / ``small`` collections, which win over
    inference wherever the classifier meets them."""
    if loop.iterable is None:
        header = loop.header.rstrip(":")
        what = "a `while` loop, whose length the code decides"
        return Walk("unknown", header, what, f"`{header}` repeats as long as the code decides")
    return _Classifier(ctx, declared).walk(loop.iterable, 0)


class _Classifier:
    """Follows an iterable back to where its collection came from, a few steps deep."""

    def __init__(self, ctx: RuleContext, declared: Declarations | None = None) -> None:
        self.ctx = ctx
        self.declared = declared if declared else None

    def walk(self, node: cst.BaseExpression, depth: int) -> Walk:
        subject = quote_code(node)
        kind, what = self._kind(node, depth)
        return Walk(kind, subject, what)

    def _kind(self, node: cst.BaseExpression, depth: int) -> tuple[str, str]:
        """What ``node`` walks: the team's declaration when one names it, else inference."""
        if depth > _DEPTH:
            return "unknown", "something reviewbot cannot trace"
        if self.declared is not None and isinstance(node, (cst.Attribute, cst.Call)):
            found = self.declared.walk(node)
            if found is not None:
                return found
        return self._inferred(node, depth)

    def _inferred(self, node: cst.BaseExpression, depth: int) -> tuple[str, str]:
        if fixed_count(node):
            if isinstance(node, (cst.List, cst.Tuple, cst.Set, cst.Dict)) and not node.elements:
                return "unknown", "a collection the code fills"
            return "fixed", "a number of items written in the source"
        if isinstance(node, cst.Name):
            return self._name(node.value, depth)
        if isinstance(node, cst.Attribute):
            return self._attribute(node, depth)
        if isinstance(node, cst.Call):
            return self._call(node, depth)
        if isinstance(node, cst.Subscript):
            return self._subscript(node, depth)
        if isinstance(node, (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)):
            return self._kind(node.for_in.iter, depth + 1)
        if isinstance(node, cst.BinaryOperation):
            return _larger(self._kind(node.left, depth + 1), self._kind(node.right, depth + 1))
        if isinstance(node, cst.IfExp):
            return _larger(self._kind(node.body, depth + 1), self._kind(node.orelse, depth + 1))
        return "unknown", "something reviewbot cannot trace"

    # -- names ---------------------------------------------------------------------------------
    def _name(self, name: str, depth: int) -> tuple[str, str]:
        if name.isupper() and len(name) > 1:
            return "fixed", "a constant"
        binding = self.ctx.peek_binding(name)
        kinds = binding.kinds if binding is not None else frozenset()
        if "class" in kinds:
            return "fixed", "the members of a class"
        parameter = self._parameter(name)
        if parameter is not None:
            return self._parameter_kind(parameter)
        if binding is not None and binding.values:
            return _largest(self._kind(value, depth + 1) for value in binding.values)
        opened = self._with_item(name)
        if opened is not None:
            return self._kind(opened, depth + 1)
        if "loop-target" in kinds:
            return "per-object", "a collection held by one item of an outer loop"
        if _record_name(name):
            return "data", "records, going by the name"
        return "unknown", "something reviewbot cannot trace"

    def _parameter(self, name: str) -> cst.Param | None:
        """The parameter ``name`` of the innermost function around the loop, if it is one."""
        for node in reversed(self.ctx.ancestors):
            if isinstance(node, (cst.FunctionDef, cst.Lambda)):
                params = node.params
                every = [*params.posonly_params, *params.params, *params.kwonly_params]
                stars = [
                    p for p in (params.star_arg, params.star_kwarg) if isinstance(p, cst.Param)
                ]
                return next((p for p in [*every, *stars] if p.name.value == name), None)
        return None

    def _parameter_kind(self, param: cst.Param) -> tuple[str, str]:
        annotation = param.annotation
        if self.declared is not None and annotation is not None:
            found = self.declared.annotation(annotation.annotation)
            if found is not None:
                return found
        return _parameter_kind(param)

    def _with_item(self, name: str) -> cst.BaseExpression | None:
        """What ``with ... as name`` around the loop opened: ``open(path)`` for ``f``."""
        for node in reversed(self.ctx.ancestors):
            if not isinstance(node, (cst.With, cst.FunctionDef)):
                continue
            if isinstance(node, cst.FunctionDef):
                return None
            for item in node.items:
                target = item.asname.name if item.asname is not None else None
                if isinstance(target, cst.Name) and target.value == name:
                    return item.item
        return None

    # -- attributes, calls, subscripts ---------------------------------------------------------
    def _attribute(self, node: cst.Attribute, depth: int) -> tuple[str, str]:
        attr = node.attr.value
        if chain_has(node, _META_ATTRIBUTE):
            return _META
        if attr in _SCHEMA_ATTRIBUTES or root(node) == "settings":
            return "schema", _schema_what(attr)
        if attr.isupper():
            return "fixed", "a constant"
        if attr in MANAGERS:
            return "data", "every row of a model's table"
        if attr == "FILES":
            return "data", "uploaded files"
        return "per-object", "a collection attribute of one object"

    def _call(self, node: cst.Call, depth: int) -> tuple[str, str]:
        func = node.func
        if isinstance(func, cst.Name):
            return self._function_call(func.value, node, depth)
        if not isinstance(func, cst.Attribute):
            return _UNKNOWN
        method = func.attr.value
        if chain_has(func, _META_ATTRIBUTE):
            return _META
        if method in ("pop", "get") and self._payload(func.value):
            return _PAYLOAD
        known = _METHOD_WALKS.get(method)
        if known is not None:
            return known
        if method in QUERYSET_STEPS or method in VIEWS:
            return self._queryset_or_view(node, func, method, depth)
        return _UNKNOWN

    def _queryset_or_view(
        self, node: cst.Call, func: cst.Attribute, method: str, depth: int
    ) -> tuple[str, str]:
        receiver = func.value
        if chain_has(receiver, MANAGERS):
            parent = one_parent(node)
            if parent is not None:
                return "per-object", f"the rows of one object (`{parent}`), as its related manager"
            return "data", "a queryset over a model's table"
        if isinstance(receiver, cst.Attribute) and method in QUERYSET_STEPS:
            if root(receiver) in ("self", "cls") and receiver.attr.value == "queryset":
                return "data", "a queryset"
            return "per-object", "a related manager of one object"
        return self._kind(receiver, depth + 1)

    def _function_call(self, name: str, node: cst.Call, depth: int) -> tuple[str, str]:
        arguments = [arg.value for arg in node.args if arg.star == ""]
        if not arguments:
            return _UNKNOWN
        if name == "range":
            return self._range(arguments, depth)
        if name in _WRAPPERS:
            return self._kind(arguments[-1 if name == "filter" else 0], depth + 1)
        if name == "zip":
            return _smallest(self._kind(arg, depth + 1) for arg in arguments)
        return _FUNCTION_WALKS.get(name, _UNKNOWN)

    def _range(self, arguments: list[cst.BaseExpression], depth: int) -> tuple[str, str]:
        """``range(len(x))`` walks as far as ``x``; another computed range, who knows."""
        bound = arguments[1] if len(arguments) > 1 else arguments[0]
        if isinstance(bound, cst.Call) and _is_len(bound):
            return self._kind(bound.args[0].value, depth + 1)
        return "unknown", "a range whose length the code decides"

    def _subscript(self, node: cst.Subscript, depth: int) -> tuple[str, str]:
        value = node.value
        if isinstance(value, cst.Name) and _frame_name(value.value):
            return "data", "a column of a DataFrame"
        if self._payload(value):
            return _PAYLOAD
        return self._kind(value, depth + 1)

    def _payload(self, node: cst.BaseExpression) -> bool:
        """``validated_data`` in a method of a serializer class (not a ``ListSerializer``)."""
        if not isinstance(node, cst.Name) or node.value != _PAYLOAD_NAME:
            return False
        for ancestor in reversed(self.ctx.ancestors):
            if isinstance(ancestor, cst.ClassDef):
                bases = [
                    _last(base.value)
                    for base in ancestor.bases
                    if isinstance(base.value, (cst.Name, cst.Attribute))
                ]
                serializer = [b for b in bases if b.endswith("Serializer")]
                return bool(serializer) and "ListSerializer" not in serializer
        return False


#: Field lookups that select more than one parent's rows (``event__in=``, ``date__gte=``).
_RANGE_LOOKUPS = frozenset(
    {
        "in", "gt", "gte", "lt", "lte", "range", "isnull", "contains", "icontains",
        "startswith", "istartswith", "endswith", "iendswith", "regex", "iregex", "ne",
        "year", "month", "day", "week_day", "date", "search", "overlap", "contained_by",
    }
)  # fmt: skip


def one_parent(queryset: cst.Call) -> str | None:
    """The keyword of a ``filter()`` in the queryset chain ending at ``queryset`` that keeps
    the rows of one object: ``event=other`` or ``item__event=self.event`` (an equality with a value the
    code computes). ``Item.objects.filter(event=other)`` walks what ``other.items.all()``
    walks: one object's collection, whatever its spelling. None when no step does."""
    for step in chain(queryset):
        if not (isinstance(step, cst.Call) and isinstance(step.func, cst.Attribute)):
            continue
        if step.func.attr.value != "filter":
            continue
        for arg in step.args:
            keyword = arg.keyword.value if arg.keyword is not None else ""
            lookup = keyword.rsplit("__", 1)[-1] if "__" in keyword else ""
            if keyword and lookup not in _RANGE_LOOKUPS and _computed(arg.value):
                return f"{keyword}={quote_code(arg.value)}"
    return None


def _computed(value: cst.BaseExpression) -> bool:
    """A value the code computes (a name, an attribute, an item), not a constant."""
    if isinstance(value, cst.Name):
        return not value.value.isupper() and value.value not in ("True", "False", "None")
    if isinstance(value, cst.Attribute):
        return not value.attr.value.isupper()
    return isinstance(value, cst.Subscript)


def _parameter_kind(param: cst.Param) -> tuple[str, str]:
    if param.star in ("*", "**"):
        return "schema", "the arguments a caller spells out"
    annotation = param.annotation
    if annotation is not None and _data_annotation(annotation.annotation):
        return "data", f"records the caller passes in (`{quote_code(annotation.annotation)}`)"
    name = param.name.value
    if _record_name(name):
        noun = "ids" if name.endswith("ids") else "records"
        return "data", f"{noun} the caller passes in"
    return "unknown", "a parameter whose size the caller decides"


def _data_annotation(annotation: cst.BaseExpression) -> bool:
    """``QuerySet``, ``DataFrame``, ``list[Order]``, ``Iterable[Invoice]``: data by its type."""
    names = {n.value for n in names_in(annotation)}
    if names & _DATA_ANNOTATIONS:
        return True
    if not isinstance(annotation, cst.Subscript):
        return False
    inner = [e.slice.value for e in annotation.slice if isinstance(e.slice, cst.Index)]
    return any(
        isinstance(item, (cst.Name, cst.Attribute))
        and _last(item)[:1].isupper()
        and _last(item) not in _BUILTIN_TYPES
        for item in inner
    )


def _last(node: cst.Name | cst.Attribute) -> str:
    return node.value if isinstance(node, cst.Name) else node.attr.value


def _record_name(name: str) -> bool:
    lowered = name.lower()
    return any(lowered == word or lowered.endswith("_" + word) for word in _RECORD_NAMES)


def _frame_name(name: str) -> bool:
    return name == "df" or name.endswith("_df") or name.startswith("df_")


def _is_len(call: cst.Call) -> bool:
    return isinstance(call.func, cst.Name) and call.func.value == "len" and len(call.args) == 1


def _schema_what(attribute: str) -> str:
    if attribute in ("fields", "base_fields", "declared_fields"):
        return "a form's or a model's fields"
    if attribute in ("argv", "environ"):
        return "the command line or the environment"
    if attribute.startswith("__") or attribute in ("mro", "__subclasses__"):
        return "the members or bases of a class"
    return "a model's or the project's configuration"


def _larger(first: tuple[str, str], second: tuple[str, str]) -> tuple[str, str]:
    return first if WALKS.index(first[0]) >= WALKS.index(second[0]) else second


def _largest(kinds: Iterable[tuple[str, str]]) -> tuple[str, str]:
    found: tuple[str, str] | None = None
    for kind in kinds:
        found = kind if found is None else _larger(found, kind)
    return found or ("unknown", "something reviewbot cannot trace")


def _smallest(kinds: Iterable[tuple[str, str]]) -> tuple[str, str]:
    found: tuple[str, str] | None = None
    for kind in kinds:
        found = kind if found is None or WALKS.index(kind[0]) < WALKS.index(found[0]) else found
    return found or ("unknown", "something reviewbot cannot trace")


_METHOD_WALKS, _FUNCTION_WALKS = _walks_by_name()
