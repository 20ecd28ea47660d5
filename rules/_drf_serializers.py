"""Which relations each Django REST framework serializer of a module reads off every object.

A serializer turns each object of a view's queryset into data, field by field. A nested
serializer field (``publisher = PublisherSerializer()``) reads ``obj.publisher``; a field with a
dotted ``source="publisher.name"`` reads it too; a ``SerializerMethodField`` runs its
``get_<name>(self, obj)`` per object, and what that method reads off ``obj`` is read the way
RB320 reads an admin column (:func:`reviewbot.rules._admin_columns.row_reads`, with the same
vocabulary of field values that are not relations).

The result is JSON data, the ``drf-serializers`` fact: each serializer's dotted name
(``app.serializers.BookSerializer``) and its :class:`SerializerRead` records. A serializer
inherits the fields and methods of the serializers of the same module it subclasses; a base from
another module adds nothing (it is not read).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from reviewbot.engine.names import dotted_name, keyword_is_true
from reviewbot.rules._admin_columns import RowRead, row_parameter, row_reads
from reviewbot.rules._admin_facts import class_assignments, literal_string
from reviewbot.rules._drf_models import FORWARD, REVERSE, TO_MANY
from reviewbot.rules._related_access import is_value_attribute, looks_like_relation

ReadKind = Literal["forward", "to-many", "manager"]
Via = Literal["nested", "related", "source", "method", "model"]
_MANAGER_METHODS = frozenset({"all", "count", "exists", "first", "last"})
_METHOD_FIELD = "SerializerMethodField"
#: Relational fields that load the related object to show it (its slug, its ``str()``).
_LOADING_FIELDS = frozenset({"SlugRelatedField", "StringRelatedField"})
#: Relational fields that show a key: DRF reads a forward key's id without a query, but with
#: ``many=True`` every row's related manager is queried.
_KEY_FIELDS = frozenset({"PrimaryKeyRelatedField", "HyperlinkedRelatedField"})


@dataclass(frozen=True)
class SerializerRead:
    """One relation a serializer reads per object, and where it reads it.

    ``kind``: ``forward`` (``obj.publisher``), ``to-many`` (a nested serializer with
    ``many=True``), ``manager`` (a related manager call, ``method`` names it). ``via`` says which
    field reads it: a ``nested`` serializer (``detail``: its class), a ``related`` field
    (``SlugRelatedField``, ``StringRelatedField``, a key field with ``many=True``; ``detail``:
    its class), a dotted ``source``
    (``detail``: the source), or a ``method`` field (``detail``: the read as written, in the
    serializer's method ``function``).
    """

    relation: str
    kind: ReadKind
    method: str
    field: str
    via: Via
    detail: str
    path: str
    line: int
    function: str = ""


@dataclass(frozen=True)
class _Field:
    name: str
    reads: tuple[SerializerRead, ...]


def module_serializers(
    module_name: str, path: str, source: str, models: Mapping[str, Mapping[str, str]] | None = None
) -> dict[str, list[object]]:
    """The ``drf-serializers`` entries of one module: each serializer's reads, as JSON data.
    ``models`` (:mod:`reviewbot.rules._drf_models`) tells which names of a ``ModelSerializer``'s
    ``Meta.fields`` are relations it generates a field for.

    A module that does not parse gives none. CPython parses it first: libcst's native parser
    overflows its stack (and takes the process down) on nesting far past CPython's limits."""
    try:
        ast.parse(source)
        wrapper = MetadataWrapper(cst.parse_module(source), unsafe_skip_copy=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError, cst.ParserSyntaxError):
        return {}
    lines = wrapper.resolve(PositionProvider)
    reader = _Reader(path, lambda node: lines[node].start.line, models or {})
    found: dict[str, list[object]] = {}
    for name, reads in reader.serializers(wrapper.module):
        found[f"{module_name}.{name}"] = [asdict(read) for read in reads]
    return found


class _Reader:
    """Reads the serializer classes of one module, remembering each for its subclasses."""

    def __init__(
        self,
        path: str,
        line: Callable[[cst.CSTNode], int],
        models: Mapping[str, Mapping[str, str]],
    ) -> None:
        self.path = path
        self.line = line
        self.models = models
        self.fields: dict[str, dict[str, _Field]] = {}
        self.methods: dict[str, dict[str, cst.FunctionDef]] = {}

    def serializers(self, module: cst.Module) -> Iterator[tuple[str, list[SerializerRead]]]:
        for statement in module.body:
            if isinstance(statement, cst.ClassDef) and self._is_serializer(statement):
                yield statement.name.value, self._read_class(statement)

    def _is_serializer(self, node: cst.ClassDef) -> bool:
        names = [dotted_name(base.value) or "" for base in node.bases]
        return any(name.endswith("Serializer") or name in self.fields for name in names)

    def _read_class(self, node: cst.ClassDef) -> list[SerializerRead]:
        fields, methods = self._inherited(node)
        body = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
        methods.update({s.name.value: s for s in body if isinstance(s, cst.FunctionDef)})
        for name, value in class_assignments(node):
            fields.pop(name, None)
            if isinstance(value, cst.Call):
                fields[name] = _Field(name, tuple(self._field_reads(name, value, methods)))
        meta = _meta(body)
        generated = list(self._generated(meta, fields))
        fields = _listed(fields, meta)
        self.fields[node.name.value] = fields
        self.methods[node.name.value] = methods
        return [read for field in fields.values() for read in field.reads] + generated

    def _generated(
        self, meta: Mapping[str, cst.BaseExpression], declared: Mapping[str, _Field]
    ) -> Iterator[SerializerRead]:
        """The relations of ``Meta.model`` that ``Meta.fields`` names without a declared field:
        a to-many one is a list of ids read per object, and ``Meta.depth`` nests every one."""
        model = (dotted_name(meta.get("model", cst.Name("None"))) or "").rsplit(".", 1)[-1]
        relations = self.models.get(model)
        listed = meta.get("fields")
        if not relations or listed is None:
            return
        names = _strings(listed)
        if names is None:  # "__all__": the model's own fields, not its reverse relations
            if literal_string(listed) != "__all__":
                return
            names = {name for name, kind in relations.items() if not kind.startswith(REVERSE)}
        names -= _strings(meta.get("exclude")) or set()
        nests = _depth(meta.get("depth")) > 0
        for name in sorted(names - declared.keys()):
            kind = relations.get(name, "").removeprefix(REVERSE)
            read: ReadKind = "to-many" if kind == TO_MANY else "forward"
            if kind == TO_MANY or (kind == FORWARD and nests):
                yield SerializerRead(
                    name, read, "", name, "model", model, self.path, self.line(listed)
                )

    def _inherited(
        self, node: cst.ClassDef
    ) -> tuple[dict[str, _Field], dict[str, cst.FunctionDef]]:
        """The fields and methods of the class's bases that are serializers of this module."""
        fields: dict[str, _Field] = {}
        methods: dict[str, cst.FunctionDef] = {}
        for base in node.bases:
            name = dotted_name(base.value) or ""
            fields.update(self.fields.get(name, {}))
            methods.update(self.methods.get(name, {}))
        return fields, methods

    def _field_reads(
        self, name: str, call: cst.Call, methods: Mapping[str, cst.FunctionDef]
    ) -> Iterator[SerializerRead]:
        callee = (dotted_name(call.func) or "").rsplit(".", 1)[-1]
        source = _keyword_string(call, "source")
        if callee == _METHOD_FIELD:
            method = _keyword_string(call, "method_name") or _first_string(call) or f"get_{name}"
            found = methods.get(method)
            if found is not None:
                yield from self._method_reads(name, found)
        elif callee.endswith("Serializer"):
            yield from self._nested_read(name, call, callee, source)
        elif callee in _LOADING_FIELDS or (callee in _KEY_FIELDS and keyword_is_true(call, "many")):
            yield from self._nested_read(name, call, callee, source, via="related")
        elif source is not None and "." in source:
            yield from self._source_read(name, call, source)

    def _nested_read(
        self, name: str, call: cst.Call, callee: str, source: str | None, via: Via = "nested"
    ) -> Iterator[SerializerRead]:
        if source == "*":
            return
        relation = (source or name).split(".", 1)[0]
        many = keyword_is_true(call, "many") or callee == "ListSerializer"
        kind: ReadKind = "to-many" if many and source in (None, relation) else "forward"
        if looks_like_relation(relation):
            yield SerializerRead(relation, kind, "", name, via, callee, self.path, self.line(call))

    def _source_read(self, name: str, call: cst.Call, source: str) -> Iterator[SerializerRead]:
        relation, attribute = source.split(".")[:2]
        if not looks_like_relation(relation) or is_value_attribute(attribute) or not attribute:
            return
        manager = attribute in _MANAGER_METHODS
        yield SerializerRead(
            relation,
            "manager" if manager else "forward",
            attribute if manager else "",
            name,
            "source",
            source,
            self.path,
            self.line(call),
        )

    def _method_reads(self, name: str, method: cst.FunctionDef) -> Iterator[SerializerRead]:
        row = row_parameter(method, method=True)
        if row is None:
            return
        for read in row_reads(method, row):
            yield self._method_read(name, method, read)

    def _method_read(self, name: str, method: cst.FunctionDef, read: RowRead) -> SerializerRead:
        node = read.node
        manager = ""
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            manager = node.func.attr.value
        return SerializerRead(
            read.relation,
            "manager" if manager else "forward",
            manager,
            name,
            "method",
            cst.Module([]).code_for_node(node),
            self.path,
            self.line(node),
            method.name.value,
        )


def _meta(
    body: Sequence[cst.BaseStatement | cst.BaseSmallStatement],
) -> dict[str, cst.BaseExpression]:
    """The ``class Meta:`` assignments of a serializer body."""
    for statement in body:
        if isinstance(statement, cst.ClassDef) and statement.name.value == "Meta":
            return dict(class_assignments(statement))
    return {}


def _listed(fields: dict[str, _Field], meta: Mapping[str, cst.BaseExpression]) -> dict[str, _Field]:
    """The fields ``Meta.fields`` keeps and ``Meta.exclude`` does not drop (literals only)."""
    kept = _strings(meta.get("fields"))
    dropped = _strings(meta.get("exclude")) or set()
    return {
        name: field
        for name, field in fields.items()
        if (kept is None or name in kept) and name not in dropped
    }


def _depth(value: cst.BaseExpression | None) -> int:
    """``Meta.depth`` as a literal integer; 0 when unset or not a literal."""
    return int(value.value) if isinstance(value, cst.Integer) else 0


def _strings(value: cst.BaseExpression | None) -> set[str] | None:
    """The strings of a literal list or tuple; None for anything else (``"__all__"`` too)."""
    if not isinstance(value, (cst.List, cst.Tuple)):
        return None
    texts = [literal_string(element.value) for element in value.elements]
    return {text for text in texts if text is not None}


def _keyword_string(call: cst.Call, keyword: str) -> str | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            return literal_string(arg.value)
    return None


def _first_string(call: cst.Call) -> str | None:
    positional = [arg for arg in call.args if arg.keyword is None]
    return literal_string(positional[0].value) if positional else None
