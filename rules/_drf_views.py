"""What a Django REST framework view says about the objects it serializes, from its own module.

A generic view (``ListAPIView``, ``ModelViewSet``, ...) serializes each object of its queryset
with its ``serializer_class``. This module reads the two declarations: which serializer (its
dotted name, through the module's imports, to look it up in the ``drf-serializers`` fact) and
what the queryset loads with its rows (``select_related`` / ``prefetch_related``). A queryset is
read only when it is a chain of known queryset steps on a model's default manager
(``Book.objects.filter(...).select_related("publisher")``), as the ``queryset`` attribute or the
one return of ``get_queryset``; anything else (``super().get_queryset()``, a custom manager or
queryset method) may load anything, and is None.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import libcst as cst

from reviewbot.engine.names import dotted_name
from reviewbot.engine.orm_names import MANAGERS, QUERYSET_STEPS
from reviewbot.rules._admin_facts import (
    body_nodes,
    class_assignments,
    literal_string,
    relation_arguments,
)

#: Generic views that serialize one object (or none): their serializer never sees a queryset.
SINGLE_OBJECT_VIEWS = frozenset(
    {
        "RetrieveAPIView",
        "RetrieveUpdateAPIView",
        "RetrieveDestroyAPIView",
        "RetrieveUpdateDestroyAPIView",
        "UpdateAPIView",
        "DestroyAPIView",
        "CreateAPIView",
    }
)
#: Views that list: a mixin beside one of these adds actions, it does not take the list away.
LIST_VIEWS = frozenset({"ModelViewSet", "ReadOnlyModelViewSet", "ListAPIView", "ListCreateAPIView"})
_LIST_MIXIN = "ListModelMixin"
_MIXIN_SUFFIX = "ModelMixin"


@dataclass(frozen=True)
class QuerysetLoads:
    """What a view's queryset loads with its rows."""

    node: cst.CSTNode  # the `queryset = ...` value or the `return` of `get_queryset`
    selected: frozenset[str] = frozenset()
    selects_all: bool = False
    prefetched: frozenset[str] = frozenset()
    prefetches_all: bool = False

    def joins(self, relation: str) -> bool:
        """Whether ``select_related`` loads the forward relation (``"a__b"`` covers ``a``)."""
        return self.selects_all or relation in self.selected

    def prefetches(self, relation: str) -> bool:
        """Whether ``prefetch_related`` caches the relation's rows."""
        return self.prefetches_all or relation in self.prefetched


@dataclass(frozen=True)
class DrfView:
    """A view class with a ``serializer_class``: the serializer's written name and node."""

    node: cst.ClassDef
    serializer: str
    serializer_node: cst.CSTNode
    queryset: QuerysetLoads | None


def drf_view(node: cst.ClassDef) -> DrfView | None:
    """``node`` read as a view serializing a queryset, or None when it has no ``serializer_class``
    (a name), picks its serializer in ``get_serializer_class``, or serializes one object."""
    assigned = dict(class_assignments(node))
    methods = _methods(node)
    value = assigned.get("serializer_class", cst.Name("None"))
    written = dotted_name(value)
    if written in (None, "None") or "get_serializer_class" in methods or _single_object(node):
        return None
    if not _lists(assigned.get("http_method_names")):
        return None
    hook = methods.get("get_queryset")
    source = _returned(hook) if hook is not None else assigned.get("queryset")
    loads = read_queryset(source) if source is not None else None
    return DrfView(node, written or "", value, loads)


def read_queryset(value: cst.BaseExpression) -> QuerysetLoads | None:
    """What ``Model.objects.<known steps>`` loads; None for any other expression."""
    calls = _manager_steps(value)
    if calls is None or any(name == "none" for name, _ in calls):  # `.none()`: no rows at all
        return None
    selected, selects_all = _related(calls, "select_related")
    prefetched, prefetches_all = _related(calls, "prefetch_related")
    return QuerysetLoads(value, selected, selects_all, prefetched, prefetches_all)


def _manager_steps(value: cst.BaseExpression) -> list[tuple[str, cst.Call]] | None:
    """The method calls of ``Model.objects.a(...).b(...)``, when each is a known queryset step."""
    calls: list[tuple[str, cst.Call]] = []
    current = value
    while isinstance(current, cst.Call) and isinstance(current.func, cst.Attribute):
        calls.append((current.func.attr.value, current))
        current = current.func.value
    manager = current.attr.value if isinstance(current, cst.Attribute) else ""
    if manager not in MANAGERS or not all(name in QUERYSET_STEPS for name, _ in calls):
        return None
    return calls


def _related(calls: list[tuple[str, cst.Call]], method: str) -> tuple[frozenset[str], bool]:
    """The relations the ``method`` calls name, and whether one of them may name any (no
    arguments for ``select_related``, an argument that is not a literal)."""
    found = [relation_arguments(call, {}) for name, call in calls if name == method]
    names = frozenset().union(*(names or () for names in found))
    if method == "select_related":
        return names, any(not names for names in found)
    return names, any(names is None for names in found)


def resolve(written: str, module: cst.Module, own: str | None) -> str | None:
    """The dotted name ``written`` (``BookSerializer``, ``serializers.BookSerializer``) refers to
    in ``module`` (dotted name ``own``, None when unknown), through its top-level imports or its
    own classes; None when neither binds it."""
    head, _, rest = written.partition(".")
    imported = dict(_imports(module, own))
    if head in imported:
        target = imported[head]
    elif own is not None and not rest and head in _classes(module):
        target = f"{own}.{head}"
    else:
        return None
    return f"{target}.{rest}" if rest else target


def _imports(module: cst.Module, own: str | None) -> Iterator[tuple[str, str]]:
    """Each name the module's top-level imports bind, and the dotted name it stands for."""
    for line in module.body:
        smalls = line.body if isinstance(line, cst.SimpleStatementLine) else ()
        for small in smalls:
            yield from _bound(small, own)


def _bound(small: cst.BaseSmallStatement, own: str | None) -> Iterator[tuple[str, str]]:
    if isinstance(small, cst.Import):
        yield from _plain_import(small)
    elif isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
        base = _from_module(small, own)
        if base is not None:
            yield from _from_names(small.names, base)


def _plain_import(node: cst.Import) -> Iterator[tuple[str, str]]:
    for alias in node.names:
        full = dotted_name(alias.name) or ""
        if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
            yield alias.asname.name.value, full
        else:
            yield full.split(".", 1)[0], full.split(".", 1)[0]


def _from_names(names: Sequence[cst.ImportAlias], base: str) -> Iterator[tuple[str, str]]:
    for alias in names:
        name = dotted_name(alias.name) or ""
        bound = name
        if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
            bound = alias.asname.name.value
        yield bound, f"{base}.{name}" if base else name


def _from_module(node: cst.ImportFrom, own: str | None) -> str | None:
    """The absolute module of ``from <module> import ...``; a relative one needs ``own``."""
    written = dotted_name(node.module) if node.module is not None else ""
    dots = len(node.relative)
    if not dots:
        return written
    parts = own.split(".") if own is not None else []
    if dots > len(parts):
        return None
    return ".".join([*parts[: len(parts) - dots], *([written] if written else [])])


def _methods(node: cst.ClassDef) -> dict[str, cst.FunctionDef]:
    body = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
    return {s.name.value: s for s in body if isinstance(s, cst.FunctionDef)}


def _classes(module: cst.Module) -> set[str]:
    return {s.name.value for s in module.body if isinstance(s, cst.ClassDef)}


def _single_object(node: cst.ClassDef) -> bool:
    """A retrieve/update/destroy/create generic view, or mixins without ``ListModelMixin``."""
    bases = [(dotted_name(base.value) or "").rsplit(".", 1)[-1] for base in node.bases]
    if any(base in SINGLE_OBJECT_VIEWS for base in bases):
        return True
    if any(base in LIST_VIEWS for base in bases):
        return False
    mixins = [base for base in bases if base.endswith(_MIXIN_SUFFIX)]
    return bool(mixins) and _LIST_MIXIN not in mixins


def _lists(methods: cst.BaseExpression | None) -> bool:
    """Whether ``http_method_names`` (None: unset) lets the view answer ``GET``, the list; a value
    that is not a literal list of strings is taken to allow it."""
    if not isinstance(methods, (cst.List, cst.Tuple)):
        return True
    names = [literal_string(element.value) for element in methods.elements]
    return None in names or "get" in names


def _returned(function: cst.FunctionDef) -> cst.BaseExpression | None:
    """The value of the function's one ``return``; None when it has several or none."""
    returns = [node for node in body_nodes(function.body) if isinstance(node, cst.Return)]
    if len(returns) != 1:
        return None
    return returns[0].value
