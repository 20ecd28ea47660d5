"""What kind of object an expression is: bindings, ``with ... as`` targets, annotations.

The engine's bindings say what a name was assigned; two common ways of getting a client object
are not assignments, so the rules that need them look here:

* ``with Session(engine) as session:`` binds ``session`` (the engine records it as ``unknown``);
  inside the block, the name is what the context manager returned. The libraries this is used
  for (SQLAlchemy sessions, ``requests.Session``, DB-API connections) return themselves from
  ``__enter__``.
* ``def handler(db: Session):`` binds a parameter whose annotation names the class.
"""

from __future__ import annotations

import libcst as cst

from reviewbot.engine.context import RuleContext
from reviewbot.engine.names import dotted_name
from reviewbot.engine.values import qualified_name, value_kind

_SCOPE_NODES = (cst.FunctionDef, cst.Lambda, cst.ClassDef)
_WRAPPERS = frozenset({"Annotated", "typing.Annotated", "Optional", "typing.Optional"})


def expression_kinds(expr: cst.BaseExpression, ctx: RuleContext) -> frozenset[str]:
    """The kinds ``expr`` may be: a name's bindings (``with`` targets resolved), or its value."""
    if not isinstance(expr, cst.Name):
        return frozenset({value_kind(expr, ctx.kinds_of)})
    kinds = ctx.kinds_of(expr.value)
    if "unknown" in kinds:
        entered = with_target_kind(expr.value, ctx)
        if entered is not None:
            return (kinds - {"unknown"}) | {entered}
    return kinds


def with_target_kind(name: str, ctx: RuleContext) -> str | None:
    """The kind of the value the innermost enclosing ``with ... as name`` entered, if any."""
    for node in reversed(ctx.ancestors):
        if isinstance(node, _SCOPE_NODES):
            return None
        entered = _entered_as(node, name) if isinstance(node, cst.With) else None
        if entered is not None:
            return value_kind(entered, ctx.kinds_of)
    return None


def _entered_as(node: cst.With, name: str) -> cst.BaseExpression | None:
    """The context manager of ``node`` bound ``as name``."""
    for item in node.items:
        target = item.asname.name if item.asname is not None else None
        if isinstance(target, cst.Name) and target.value == name:
            return item.item
    return None


def parameter_annotation(name: str, ctx: RuleContext) -> str | None:
    """The qualified name a parameter of the current function is annotated with.

    ``Session`` after ``from sqlalchemy.orm import Session`` is ``sqlalchemy.orm.Session``;
    ``Annotated[Session, ...]``, ``Optional[Session]``, ``Session | None`` and the string
    ``"Session"`` all name it too. ``""`` for a parameter without an annotation, None when
    ``name`` is not (only) a parameter of the current function.
    """
    param = _own_parameter(name, ctx)
    if param is None:
        return None
    if param.annotation is None:
        return ""
    dotted = _annotated_name(param.annotation.annotation)
    return qualified_name(dotted, ctx.kinds_of) if dotted else None


def _own_parameter(name: str, ctx: RuleContext) -> cst.Param | None:
    """The parameter ``name`` of the current function, when that is all ``name`` is bound to."""
    function = ctx.function
    binding = ctx.binding(name)
    if function is None or binding is None or binding.scope != function.qualname:
        return None
    node = function.node
    if not isinstance(node, (cst.FunctionDef, cst.Lambda)):
        return None
    if not all(kind.startswith("param") for kind in binding.kinds):
        return None
    params = node.params
    every = [*params.posonly_params, *params.params, *params.kwonly_params]
    every += [p for p in (params.star_arg, params.star_kwarg) if isinstance(p, cst.Param)]
    return next((param for param in every if param.name.value == name), None)


def _annotated_name(expr: cst.BaseExpression) -> str | None:
    """The class an annotation names, looking through ``Annotated``/``Optional``/``| None``."""
    if isinstance(expr, cst.SimpleString):
        return _string_annotation(expr)
    if isinstance(expr, cst.Subscript) and dotted_name(expr.value) in _WRAPPERS:
        first = expr.slice[0].slice
        return _annotated_name(first.value) if isinstance(first, cst.Index) else None
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.BitOr):
        return _optional_of(expr.left, expr.right)
    return dotted_name(expr)


def _string_annotation(expr: cst.SimpleString) -> str | None:
    """``"Session"``: the annotation written as a string."""
    text = expr.evaluated_value
    if not isinstance(text, str):
        return None
    try:
        return _annotated_name(cst.parse_expression(text))
    except cst.ParserSyntaxError:
        return None


def _optional_of(left: cst.BaseExpression, right: cst.BaseExpression) -> str | None:
    """``X | None`` or ``None | X``: the name of ``X``."""
    if isinstance(right, cst.Name) and right.value == "None":
        return _annotated_name(left)
    if isinstance(left, cst.Name) and left.value == "None":
        return _annotated_name(right)
    return None
