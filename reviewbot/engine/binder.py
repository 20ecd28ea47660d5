"""Recording what names are bound to as the engine walks a module."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import libcst as cst

from reviewbot.engine.names import dotted_name
from reviewbot.engine.scopes import Scope
from reviewbot.engine.values import KindOf, value_kind

_ANNOTATION_KINDS = {
    "list": "list", "List": "list", "typing.List": "list", "Sequence": "sequence",
    "set": "set", "Set": "set", "frozenset": "set", "FrozenSet": "set", "typing.Set": "set",
    "tuple": "tuple", "Tuple": "tuple", "dict": "dict", "Dict": "dict", "str": "str",
    "bytes": "bytes", "int": "int", "float": "float",
}


def target_names(target: cst.BaseExpression) -> Iterator[str]:
    """Names bound by an assignment or loop target (``a``, ``a, (b, *c)``)."""
    if isinstance(target, cst.Name):
        yield target.value
    elif isinstance(target, (cst.Tuple, cst.List)):
        for element in target.elements:
            yield from target_names(element.value)
    elif isinstance(target, cst.StarredElement):
        yield from target_names(target.value)


def annotation_kind(annotation: cst.Annotation | None) -> str:
    """The kind a parameter annotation promises: ``param:list`` for ``list[str]``, else ``param``."""
    if annotation is None:
        return "param"
    expr = annotation.annotation
    if isinstance(expr, cst.Subscript):
        expr = expr.value
    name = dotted_name(expr)
    kind = _ANNOTATION_KINDS.get(name or "")
    return f"param:{kind}" if kind else "param"


def bind_parameters(params: cst.Parameters, scope: Scope) -> None:
    """Bind every parameter name of a function or lambda in its scope."""
    every = [*params.posonly_params, *params.params, *params.kwonly_params]
    for extra in (params.star_arg, params.star_kwarg):
        if isinstance(extra, cst.Param):
            every.append(extra)
    for param in every:
        scope.bind(param.name.value, annotation_kind(param.annotation))


def record_binding(node: cst.CSTNode, scope: Scope, kind_of: KindOf) -> None:
    """Record the names ``node`` binds in ``scope`` (no-op for nodes that bind nothing)."""
    recorder = _RECORDERS.get(type(node))
    if recorder is not None:
        recorder(node, scope, kind_of)


def _assign(node: cst.Assign, scope: Scope, kind_of: KindOf) -> None:
    kind = value_kind(node.value, kind_of)
    for target in node.targets:
        if isinstance(target.target, cst.Name):
            scope.bind(target.target.value, kind, node.value)
        else:
            for name in target_names(target.target):
                scope.bind(name, "unknown")


def _ann_assign(node: cst.AnnAssign, scope: Scope, kind_of: KindOf) -> None:
    if not isinstance(node.target, cst.Name):
        return
    if node.value is None:
        return  # a bare annotation binds nothing
    scope.bind(node.target.value, value_kind(node.value, kind_of), node.value)


def _aug_assign(node: cst.AugAssign, scope: Scope, kind_of: KindOf) -> None:
    if not isinstance(node.target, cst.Name):
        return
    kind = value_kind(node.value, kind_of)
    if kind != "unknown":  # `x += y` keeps x's type unless y says otherwise
        scope.bind(node.target.value, kind)


def _named_expr(node: cst.NamedExpr, scope: Scope, kind_of: KindOf) -> None:
    if isinstance(node.target, cst.Name):
        scope.bind(node.target.value, value_kind(node.value, kind_of), node.value)


def _import(node: cst.Import, scope: Scope, kind_of: KindOf) -> None:
    for alias in node.names:
        full = dotted_name(alias.name) or ""
        if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
            scope.bind(alias.asname.name.value, f"import:{full}")
        else:
            head = full.split(".", 1)[0]
            scope.bind(head, f"import:{head}")


def _import_from(node: cst.ImportFrom, scope: Scope, kind_of: KindOf) -> None:
    if isinstance(node.names, cst.ImportStar):
        return
    module = dotted_name(node.module) if node.module is not None else ""
    for alias in node.names:
        name = dotted_name(alias.name) or ""
        bound = name
        if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
            bound = alias.asname.name.value
        scope.bind(bound, f"import:{module}.{name}")


def _with_item(node: cst.WithItem, scope: Scope, kind_of: KindOf) -> None:
    if node.asname is not None:
        for name in target_names(node.asname.name):
            scope.bind(name, "unknown")


def _except_handler(node: cst.ExceptHandler, scope: Scope, kind_of: KindOf) -> None:
    if node.name is not None and isinstance(node.name.name, cst.Name):
        scope.bind(node.name.name.value, "exception")


def _global(node: cst.Global | cst.Nonlocal, scope: Scope, kind_of: KindOf) -> None:
    for item in node.names:
        scope.globals.add(item.name.value)


# Each recorder takes the node type it is registered under.
_RECORDERS: dict[type[cst.CSTNode], Callable[..., None]] = {
    cst.Assign: _assign,
    cst.AnnAssign: _ann_assign,
    cst.AugAssign: _aug_assign,
    cst.NamedExpr: _named_expr,
    cst.Import: _import,
    cst.ImportFrom: _import_from,
    cst.WithItem: _with_item,
    cst.ExceptHandler: _except_handler,
    cst.Global: _global,
    cst.Nonlocal: _global,
}
