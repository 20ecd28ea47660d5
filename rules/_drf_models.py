"""The relations Django models declare, for the serializer fields ``ModelSerializer`` generates.

A ``ModelSerializer`` turns each name of ``Meta.fields`` that it is not given a field for into
one from the model: a foreign key becomes the related row's id (read without a query), but a
many-to-many field, or a reverse relation named by a foreign key's ``related_name``, becomes a
list of ids that takes one query per object, and ``Meta.depth`` nests every relation. Knowing
which names those are needs the models, usually in another module: this reads them.

Classes are matched by name (``Meta.model = Book`` names ``Book`` wherever it is defined), so a
field two models of the same name declare differently is left out rather than guessed.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Mapping, Sequence

from reviewbot.engine.model_fields import last_name, relation_target

#: A relation's kind, as a serializer reads it per object.
FORWARD, TO_MANY = "forward", "to-many"
#: The prefix of a reverse relation's kind (``reverse:to-many``): ``"__all__"`` leaves them out.
REVERSE = "reverse:"

_FORWARD_FIELDS = frozenset({"ForeignKey", "OneToOneField"})
_MANY_FIELD = "ManyToManyField"
_CONFLICT = ""


#: A line that defines a class with a base named ``...Model``: the test that makes parsing a
#: module worth it.
MODEL_CLASS = re.compile(rb"^class\s+\w+\s*\([^)]*Model\b", re.MULTILINE)


def model_classes(source: str) -> list[ast.ClassDef]:
    """The model classes of one module: top-level classes with a base named ``...Model``."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):  # deep nesting: MemoryError
        return []
    return [
        node
        for node in tree.body
        if isinstance(node, ast.ClassDef)
        and any(last_name(base).endswith("Model") for base in node.bases)
    ]


def module_models(source: str) -> dict[str, dict[str, str]]:
    """Each model class of one module with its relation fields (none: an empty entry), plus
    the reverse relations its foreign keys name on other models."""
    return relations_of(model_classes(source))


def relations_of(classes: Iterable[ast.ClassDef]) -> dict[str, dict[str, str]]:
    """:func:`module_models` of classes already parsed."""
    found: dict[str, dict[str, str]] = {}
    for node in classes:
        found.setdefault(node.name, {})
        for field, call in _field_calls(node):
            _record(found, node.name, field, call)
    return found


def bases_of(classes: Iterable[ast.ClassDef]) -> dict[str, list[str]]:
    """Each model class with the last names of its bases, in order."""
    return {node.name: [last_name(base) for base in node.bases] for node in classes}


def nullable_of(classes: Iterable[ast.ClassDef]) -> dict[str, list[str]]:
    """Each model class with its foreign keys declared ``null=True``."""
    return {
        node.name: [
            field
            for field, call in _field_calls(node)
            if last_name(call.func) in _FORWARD_FIELDS and _is_true(call, "null")
        ]
        for node in classes
    }


def merge_lists(modules: Iterable[Mapping[str, Sequence[str]]]) -> dict[str, list[str]]:
    """One index of every module's per-model lists (bases, nullable keys); a model two modules
    define differently is dropped: what it inherits or allows is not known."""
    merged: dict[str, list[str] | None] = {}
    for lists in modules:
        for model, names in lists.items():
            known = merged.setdefault(model, list(names))
            if known is not None and known != list(names):
                merged[model] = None
    return {model: names for model, names in merged.items() if names is not None}


def lineage(
    model: str, relations: Mapping[str, Mapping[str, str]], bases: Mapping[str, Sequence[str]]
) -> list[str] | None:
    """``model`` and its model bases, nearest first; None when its fields are not known: the
    model is not in the index, or a base whose name ends in ``Model`` (other than Django's
    ``Model``) is not either. Other bases are mixins without fields."""
    found: dict[str, None] = {}  # in order, nearest first
    pending = [model]
    while pending:
        current = pending.pop(0)
        if current in found:
            continue
        if current not in relations or current not in bases:
            return None
        found[current] = None
        pending += [base for base in bases[current] if base in relations or _unknown_model(base)]
    return list(found)


def model_relations(
    model: str, relations: Mapping[str, Mapping[str, str]], bases: Mapping[str, Sequence[str]]
) -> dict[str, str] | None:
    """Every relation ``model`` has, its bases' included, with its kind (the model's own wins);
    None when that is not known (see :func:`lineage`)."""
    line = lineage(model, relations, bases)
    return None if line is None else relations_along(line, relations)


def relations_along(
    line: Sequence[str], relations: Mapping[str, Mapping[str, str]]
) -> dict[str, str]:
    """The relations of a :func:`lineage`'s models, with their kinds (the nearest wins)."""
    found: dict[str, str] = {}
    for current in reversed(line):
        found.update(relations[current])
    return found


def _unknown_model(base: str) -> bool:
    return base.endswith("Model") and base != "Model"


def merge_models(modules: Iterable[Mapping[str, Mapping[str, str]]]) -> dict[str, dict[str, str]]:
    """One index of every module's models; a field declared differently by two is dropped."""
    merged: dict[str, dict[str, str]] = {}
    for models in modules:
        for model, fields in models.items():
            known = merged.setdefault(model, {})
            for field, kind in fields.items():
                known[field] = kind if known.get(field, kind) == kind else _CONFLICT
    return {
        model: {field: kind for field, kind in fields.items() if kind != _CONFLICT}
        for model, fields in merged.items()
    }


def _record(found: dict[str, dict[str, str]], model: str, field: str, call: ast.Call) -> None:
    kind = last_name(call.func)
    if kind not in _FORWARD_FIELDS and kind != _MANY_FIELD:
        return
    found.setdefault(model, {})[field] = TO_MANY if kind == _MANY_FIELD else FORWARD
    target, reverse = relation_target(call) or "", _keyword(call, "related_name")
    target = model if target == "self" else target
    if target and reverse and not reverse.endswith("+"):
        one = kind == "OneToOneField"
        found.setdefault(target, {})[reverse] = REVERSE + (FORWARD if one else TO_MANY)


def _field_calls(node: ast.ClassDef) -> Iterable[tuple[str, ast.Call]]:
    for statement in node.body:
        if (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
            and isinstance(statement.value, ast.Call)
        ):
            yield statement.targets[0].id, statement.value


def _is_true(call: ast.Call, keyword: str) -> bool:
    return any(
        arg.arg == keyword and isinstance(arg.value, ast.Constant) and arg.value.value is True
        for arg in call.keywords
    )


def _keyword(call: ast.Call, keyword: str) -> str:
    """The literal string a keyword argument passes; empty for anything else."""
    node = next((arg.value for arg in call.keywords if arg.arg == keyword), None)
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""
