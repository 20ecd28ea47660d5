"""Records of the context the engine tracks for rules: loops, scopes and name bindings."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import libcst as cst

_HEADER_LIMIT = 70
_CODEGEN = cst.Module(body=[])


def quote_code(node: cst.CSTNode) -> str:
    """A node's source on one line, shortened to quote in a message."""
    text = " ".join(_CODEGEN.code_for_node(node).split())
    return text if len(text) <= _HEADER_LIMIT else text[: _HEADER_LIMIT - 3] + "..."


def loop_header(node: cst.CSTNode) -> str:
    """How a reader would quote a loop's first line: ``for order in orders:``."""
    if isinstance(node, cst.For):
        return f"for {quote_code(node.target)} in {quote_code(node.iter)}:"
    if isinstance(node, cst.While):
        return f"while {quote_code(node.test)}:"
    if isinstance(node, cst.CompFor):
        return f"for {quote_code(node.target)} in {quote_code(node.iter)}"
    return quote_code(node)


@dataclass(frozen=True)
class Loop:
    """A loop the current node runs inside: a ``for``/``while`` body or a comprehension.

    ``header`` is the loop's first line as a reader would quote it (``for order in orders:``),
    generated only when a rule asks; ``targets`` are the names the loop rebinds each iteration;
    ``iterable`` is what a ``for`` iterates over (None for ``while``).
    """

    node: cst.CSTNode
    kind: str  # "for", "while" or "comprehension"
    targets: frozenset[str]
    iterable: cst.BaseExpression | None
    is_async: bool = False

    @cached_property
    def header(self) -> str:
        """The loop's first line, quoted."""
        return loop_header(self.node)


@dataclass(frozen=True)
class LoopFact:
    """What the loops around a report say about its cost: ``reason`` is a stable key
    (``loop:data``, ``loop:fixed``, ``loop:once``, ...) and ``because`` the clause a person
    reads ("the loop walks `self.fields`, a form's or a model's fields")."""

    reason: str
    because: str


@dataclass(frozen=True)
class Binding:
    """Every value a name is bound to in the scope that owns it (flow-insensitive)."""

    name: str
    kinds: frozenset[str]
    values: tuple[cst.BaseExpression, ...]
    scope: str  # qualified name of the owning scope ("<module>", "Cart.total", ...)

    def only(self, *kinds: str) -> bool:
        """Whether every binding of the name is one of ``kinds``."""
        return bool(self.kinds) and self.kinds <= set(kinds)


@dataclass
class Scope:
    """A module, class, function or comprehension scope and what its names are bound to.

    Mutable while the engine walks the scope; rules only ever see frozen ``Binding`` views.
    """

    kind: str  # "module", "class", "function", "comprehension"
    qualname: str
    node: cst.CSTNode
    is_async: bool = False
    kinds: dict[str, set[str]] = field(default_factory=dict)
    values: dict[str, list[cst.BaseExpression]] = field(default_factory=dict)
    globals: set[str] = field(default_factory=set)

    def bind(self, name: str, kind: str, value: cst.BaseExpression | None = None) -> None:
        """Record that ``name`` is bound to something of ``kind`` in this scope."""
        self.kinds.setdefault(name, set()).add(kind)
        if value is not None:
            self.values.setdefault(name, []).append(value)

    def binding(self, name: str) -> Binding | None:
        """A frozen view of what ``name`` is bound to here, or None when it is not bound here."""
        kinds = self.kinds.get(name)
        if kinds is None:
            return None
        return Binding(name, frozenset(kinds), tuple(self.values.get(name, ())), self.qualname)
