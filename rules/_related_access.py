"""Django's classic N+1: reading a related object off each row of a queryset.

``order.customer.name`` loads ``order.customer`` with its own query unless the queryset was
built with ``select_related('customer')``; ``order.lines.all()`` runs one unless it was built
with ``prefetch_related('lines')``. Statically we cannot know which attributes are relations, so
this module only answers with evidence:

* a related *manager* read (``row.rel.all()``, ``.count()``, ``.exists()``, ``.first()``,
  ``.last()``, ``.aggregate(...)``, and ``.filter(...)``/``.exclude(...)``/``.order_by(...)``
  once evaluated): no plain field value has these methods with these shapes;
* a *forward* relation read, ``row.rel.attr`` with neither part called, when neither name looks
  like a plain field value: ``created_at.year``, ``photo.url``, ``price.amount``,
  ``status.label`` and the like are excluded by name (see the lists below). A custom manager
  that adds ``select_related`` in ``get_queryset()`` is invisible from here, which is why the
  message says "likely".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import libcst as cst

from reviewbot.engine.binder import target_names
from reviewbot.engine.children import iter_children

# Related-manager methods that run a query by themselves, with the argument shapes allowed.
RELATED_QUERIES = frozenset({"count", "exists", "first", "last", "aggregate"})
# Related-manager methods that build a queryset (a query once it is evaluated).
RELATED_BUILDERS = frozenset({"all", "filter", "exclude", "order_by"})
_NO_ARGUMENTS = frozenset({"count", "exists", "first", "last", "all"})

# Attributes of field values, not of related models.
_VALUE_ATTRIBUTES = frozenset(
    {
        "year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "days",
        "seconds", "microseconds", "url", "path", "size", "width", "height", "file", "closed",
        "storage", "amount", "currency", "label", "value", "hex", "int", "urn", "real", "imag",
        "numerator", "denominator", "x", "y", "z", "srid", "coords", "lat", "lon", "lng",
        # GEOS geometries and GIS measures (Distance, Area)
        "area", "length", "extent", "wkt", "wkb", "ewkt", "geojson", "json", "kml",
        "centroid", "envelope", "boundary", "convex_hull", "empty", "valid", "simple", "ring",
        "num_points", "num_coords", "num_geom", "geom_type", "m", "km", "mi", "ft", "sq_m",
        "sq_km",
    }
)
# Names that usually hold a field value (a date, a file, money, a choice), not a relation.
_VALUE_FIELDS = frozenset(
    {
        "date", "time", "datetime", "timestamp", "created", "updated", "modified", "file",
        "image", "photo", "picture", "avatar", "logo", "thumbnail", "attachment", "document",
        "upload", "price", "amount", "total", "cost", "balance", "status", "state", "type",
        "kind", "uuid", "location", "point", "geom", "geometry", "poly", "mpoly", "polygon",
        "line", "shape", "duration", "data", "meta", "metadata", "payload", "settings",
        "config", "extra", "pk", "id",
    }
)
_VALUE_SUFFIXES = (
    "_at", "_on", "_date", "_time", "_file", "_image", "_url", "_path", "_price", "_amount",
    "_status", "_type", "_json", "_data",
)
_SCOPES = (cst.FunctionDef, cst.Lambda, cst.ClassDef)
_TARGETED = (cst.AssignTarget, cst.AnnAssign, cst.AugAssign, cst.NamedExpr, cst.For, cst.CompFor)


@dataclass(frozen=True)
class RelatedRead:
    """``row.rel.attr`` read in a loop over a queryset: the node and the relation's name."""

    node: cst.Attribute
    relation: str
    attribute: str


def looks_like_relation(name: str) -> bool:
    """Whether ``name`` could be a relation (not private, not a typical field-value name)."""
    if name.startswith("_") or name in _VALUE_FIELDS:
        return False
    return not name.endswith(_VALUE_SUFFIXES)


def is_value_attribute(name: str) -> bool:
    """Whether ``name`` is an attribute of a field value (``year``, ``url``, ``amount``), not of
    a related model."""
    return name in _VALUE_ATTRIBUTES


def related_manager_call(call: cst.Call, row: str) -> str | None:
    """The relation name when ``call`` is ``row.rel.<manager method>(...)`` in its allowed shape."""
    func = call.func
    if not isinstance(func, cst.Attribute):
        return None
    owner = func.value
    if not (
        isinstance(owner, cst.Attribute)
        and isinstance(owner.value, cst.Name)
        and owner.value.value == row
        and looks_like_relation(owner.attr.value)
    ):
        return None
    method = func.attr.value
    if method not in RELATED_QUERIES | RELATED_BUILDERS:
        return None
    if method in _NO_ARGUMENTS and call.args:
        return None
    return owner.attr.value


def forward_reads(body: Sequence[cst.CSTNode], row: str) -> list[RelatedRead]:
    """The first ``row.rel.attr`` read of each relation in ``body`` (source order).

    Neither ``row.rel`` nor ``row.rel.attr`` may be called, assigned or deleted; a relation that
    the body assigns (``row.customer = ...``) is left out entirely, and so is every read when the
    body rebinds ``row``.
    """
    reads: dict[str, RelatedRead] = {}
    assigned: set[str] = set()
    for node, parent in (pair for part in body for pair in _nodes_with_parents(part)):
        if _rebinds(node, row):
            return []
        if isinstance(node, (cst.AssignTarget, cst.AugAssign, cst.Del)):
            assigned.update(_relations_written(node, row))
        read = _forward_read(node, parent, row)
        if read is not None and read.relation not in reads:
            reads[read.relation] = read
    return [read for name, read in reads.items() if name not in assigned]


def _forward_read(node: cst.CSTNode, parent: cst.CSTNode | None, row: str) -> RelatedRead | None:
    if not isinstance(node, cst.Attribute) or node.attr.value in _VALUE_ATTRIBUTES:
        return None
    owner = node.value
    if not (isinstance(owner, cst.Attribute) and isinstance(owner.value, cst.Name)):
        return None
    if owner.value.value != row or not looks_like_relation(owner.attr.value):
        return None
    leaf = node.attr.value
    if leaf.startswith("_") or leaf[:1].isupper() or _is_called(node, parent):
        return None  # private, a class attribute (`.DoesNotExist`), or a method call
    return RelatedRead(node, owner.attr.value, node.attr.value)


def _is_called(node: cst.CSTNode, parent: cst.CSTNode | None) -> bool:
    return isinstance(parent, cst.Call) and parent.func is node


def _relations_written(node: cst.CSTNode, row: str) -> set[str]:
    target = node.target if isinstance(node, (cst.AssignTarget, cst.AugAssign, cst.Del)) else None
    written: set[str] = set()
    stack: list[cst.BaseExpression] = [target] if target is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Attribute):
            if isinstance(current.value, cst.Name) and current.value.value == row:
                written.add(current.attr.value)
            stack.append(current.value)
        elif isinstance(current, (cst.Tuple, cst.List)):
            stack.extend(element.value for element in current.elements)
    return written


def _rebinds(node: cst.CSTNode, row: str) -> bool:
    target: cst.BaseExpression | None = None
    if isinstance(node, _TARGETED):
        target = node.target
    elif isinstance(node, cst.WithItem) and node.asname is not None:
        target = node.asname.name
    return target is not None and row in target_names(target)


def _nodes_with_parents(body: cst.CSTNode) -> list[tuple[cst.CSTNode, cst.CSTNode | None]]:
    """Every node of ``body`` outside nested functions and classes, in source order."""
    found: list[tuple[cst.CSTNode, cst.CSTNode | None]] = []
    stack: list[tuple[cst.CSTNode, cst.CSTNode | None]] = [(body, None)]
    while stack:
        node, parent = stack.pop()
        found.append((node, parent))
        children = [c for c in iter_children(node) if not isinstance(c, _SCOPES)]
        stack.extend((child, node) for child in reversed(children))
    return found
