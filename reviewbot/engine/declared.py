"""The collections a team declares large or small (``[loops] large`` / ``[loops] small``).

Inference cannot know that ``order.lines`` holds thousands of rows in this shop, or that the
``Country`` table has twelve. A declaration overrides it: a loop over a declared collection walks
``data`` when it is declared large and ``fixed`` when declared small, and the finding's reason
names the declaration. The classifier asks here first for every attribute and call it follows,
so a declaration reaches wherever inference does (assignments, ``list()``, comprehensions).

What a name matches, most specific first:

* an attribute path (its first part lower-case: ``self.queue``, ``settings.LANGUAGES``): that
  exact chain, also followed by queryset steps or views (``self.queue.all()``, ``.items()``);
* ``Model.attr``: the attribute ``attr`` of ``Model`` or of any object (``order.lines``,
  ``self.order.lines.all()``), but not of another class (``Invoice.lines``);
* ``.attr``: the attribute ``attr`` of anything;
* ``Model`` (no dot): a query over that model or table: ``Model.objects…``, ``Model.query…``,
  ``session.query(Model)``, ``select(Model)``, and a parameter annotated with it
  (``list[Model]``, ``QuerySet[Model]``).
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from reviewbot.config.model import LoopSizes
from reviewbot.engine.orm_names import MANAGERS, QUERYSET_STEPS, VIEWS, chain, chain_has, root

_KIND = {"large": "data", "small": "fixed"}
_QUERY_ATTRIBUTES = MANAGERS | {"query"}
_QUERY_CALLS = frozenset({"query", "select"})
_STATEMENT_CALLS = frozenset({"execute", "scalars"})


@dataclass(frozen=True)
class _Declaration:
    name: str
    size: str  # "large" or "small"


class Declarations:
    """A file's view of ``[loops] large`` / ``small``: which expressions they name."""

    def __init__(self, sizes: LoopSizes) -> None:
        self._source = sizes.source
        every = [_Declaration(n, "large") for n in sizes.large]
        every += [_Declaration(n, "small") for n in sizes.small]
        self._paths: dict[str, _Declaration] = {}
        self._attributes: dict[str, _Declaration] = {}
        self._models: dict[str, _Declaration] = {}
        for declaration in every:
            self._group(declaration.name)[declaration.name] = declaration

    def _group(self, name: str) -> dict[str, _Declaration]:
        """Where a name belongs: ``Order``, ``Order.lines`` / ``.lines``, or ``self.queue``."""
        if "." not in name:
            return self._models
        return self._attributes if name[0] == "." or name[0].isupper() else self._paths

    def __bool__(self) -> bool:
        return bool(self._paths or self._attributes or self._models)

    def walk(self, node: cst.BaseExpression) -> tuple[str, str] | None:
        """``(kind, what)`` when ``node`` is a declared collection, else None."""
        core = _peeled(node)
        found = self._path(core) or self._attribute(core) or self._model(node)
        return None if found is None else self._kind(found)

    def annotation(self, annotation: cst.BaseExpression) -> tuple[str, str] | None:
        """``(kind, what)`` for a parameter annotated with a declared model (``list[Order]``)."""
        names = [n.value for n in names_in(annotation)]
        found = next((self._models[n] for n in names if n in self._models), None)
        return None if found is None else self._kind(found)

    def _kind(self, found: _Declaration) -> tuple[str, str]:
        where = f" ({self._source})" if self._source else ""
        what = f"declared {found.size} in [loops] {found.size} as `{found.name}`{where}"
        return _KIND[found.size], what

    def _path(self, core: cst.BaseExpression) -> _Declaration | None:
        text = _dotted(core)
        return self._paths.get(text) if text else None

    def _attribute(self, core: cst.BaseExpression) -> _Declaration | None:
        if not isinstance(core, cst.Attribute):
            return None
        attr = core.attr.value
        receiver = core.value
        owner = receiver.value if isinstance(receiver, cst.Name) else ""
        if owner[:1].isupper():  # a class: only its own declaration names it
            return self._attributes.get(f"{owner}.{attr}") or self._attributes.get(f".{attr}")
        named = [d for n, d in self._attributes.items() if n.rsplit(".", 1)[-1] == attr]
        named.sort(key=lambda d: d.name.startswith("."))  # ``Order.lines`` before ``.lines``
        return named[0] if named else None

    def _model(self, node: cst.BaseExpression) -> _Declaration | None:
        if not self._models:
            return None
        model = self._models.get(root(node))
        if model is not None and chain_has(node, _QUERY_ATTRIBUTES):
            return model
        for step in chain(node):
            if isinstance(step, cst.Call):
                found = self._queried(step)
                if found is not None:
                    return found
        return None

    def _queried(self, call: cst.Call) -> _Declaration | None:
        """The declared model of ``session.query(Model)``, ``select(Model)`` or
        ``session.execute(select(Model))``."""
        name = _called(call)
        first = call.args[0].value if call.args else None
        if name in _QUERY_CALLS and isinstance(first, cst.Name):
            return self._models.get(first.value)
        if name in _STATEMENT_CALLS and isinstance(first, cst.Call):
            return self._queried(first)
        return None


def _peeled(node: cst.BaseExpression) -> cst.BaseExpression:
    """``order.lines`` of ``order.lines.filter(...).all()``: the collection the steps narrow."""
    while (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value in QUERYSET_STEPS | VIEWS
    ):
        node = node.func.value
    return node


def _dotted(node: cst.BaseExpression) -> str:
    """``self.queue`` for that chain of names; ``""`` for anything else."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        left = _dotted(node.value)
        return f"{left}.{node.attr.value}" if left else ""
    return ""


def _called(call: cst.Call) -> str:
    func = call.func
    if isinstance(func, cst.Name):
        return func.value
    return func.attr.value if isinstance(func, cst.Attribute) else ""


def names_in(node: cst.CSTNode) -> list[cst.Name]:
    """Every name inside ``node``: ``QuerySet`` and ``Order`` of ``QuerySet[Order]``."""
    found: list[cst.Name] = []
    stack: list[cst.CSTNode] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Name):
            found.append(current)
        stack.extend(current.children)
    return found
