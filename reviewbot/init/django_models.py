"""The Django models ``reviewbot init`` finds, and a simple, stated guess at each one's size.

``init`` writes every model into ``[loops] large`` / ``small`` commented out: a declaration
changes which findings are reported, so only a person who knows the table should make one. The
guess only orders the list and says why, from what the model's source shows:

* a ``ForeignKey`` to another model: its rows grow with its parent's (an order's lines, a
  customer's orders), so it is listed under ``large``;
* no ``ForeignKey`` and at most three fields, or a field with ``choices``: it looks like a lookup
  table (countries, currencies), so it is listed under ``small``;
* anything else gets no guess and is named in a comment.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reviewbot.engine.model_fields import last_name, relation_target

_MAX_FILES = 200
_MAX_BYTES = 1_000_000
_FEW_FIELDS = 3
_GROWING = frozenset({"ForeignKey"})
_MODEL_BASES = frozenset({"Model"})


@dataclass(frozen=True)
class ModelGuess:
    """One model, where it is defined, and ``size`` (``large``, ``small`` or ``""``) with why."""

    name: str
    path: str
    size: str
    why: str


def model_files(files: Sequence[str]) -> list[str]:
    """The ``models.py`` modules and the modules of ``models/`` packages (not migrations)."""
    found = [
        name
        for name in files
        if name.endswith(".py")
        and "/migrations/" not in f"/{name}"
        and (name.rsplit("/", 1)[-1] == "models.py" or "/models/" in f"/{name}")
    ]
    return found[:_MAX_FILES]


def django_models(root: Path, files: Sequence[str]) -> tuple[ModelGuess, ...]:
    """Every concrete model class in ``files``'s model modules, with its size guess."""
    guesses: list[ModelGuess] = []
    for name in model_files(files):
        tree = _parse(root / name)
        if tree is not None:
            guesses += [_guess(node, name) for node in _models(tree)]
    return tuple(guesses)


def _parse(path: Path) -> ast.Module | None:
    try:
        if path.stat().st_size > _MAX_BYTES:
            return None
        return ast.parse(path.read_bytes())
    except (OSError, SyntaxError, ValueError):
        return None


def _models(tree: ast.Module) -> list[ast.ClassDef]:
    """Classes deriving from ``models.Model`` / ``Model`` (or from such a class in the same
    module), except abstract ones, which have no table."""
    known: set[str] = set()
    found = []
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        bases = {last_name(base) for base in node.bases}
        if bases & (_MODEL_BASES | known):
            known.add(node.name)
            if not _abstract(node):
                found.append(node)
    return found


def _abstract(model: ast.ClassDef) -> bool:
    metas = [n for n in model.body if isinstance(n, ast.ClassDef) and n.name == "Meta"]
    return any(_sets_abstract(statement) for meta in metas for statement in meta.body)


def _sets_abstract(statement: ast.stmt) -> bool:
    """``abstract = True`` in a model's ``Meta``."""
    return (
        isinstance(statement, ast.Assign)
        and any(last_name(target) == "abstract" for target in statement.targets)
        and isinstance(statement.value, ast.Constant)
        and statement.value.value is True
    )


def _guess(model: ast.ClassDef, path: str) -> ModelGuess:
    fields = [call for call in map(_field_call, model.body) if call is not None]
    size, why = _size(fields)
    return ModelGuess(model.name, path, size, why)


def _size(fields: list[ast.Call]) -> tuple[str, str]:
    """The guess and its reason, from the model's field calls."""
    parents = [_target(call) for call in fields if last_name(call.func) in _GROWING]
    if parents:
        return (
            "large",
            f"has a ForeignKey to {', '.join(dict.fromkeys(parents))}: grows with its parent's rows",
        )
    choices = any(keyword.arg == "choices" for call in fields for keyword in call.keywords)
    if choices:
        return "small", "no ForeignKey and a field with choices: likely a lookup table"
    if len(fields) <= _FEW_FIELDS:
        return "small", f"no ForeignKey and {len(fields)} field(s): likely a lookup table"
    return "", f"{len(fields)} fields and no ForeignKey: no guess"


def _field_call(statement: ast.stmt) -> ast.Call | None:
    """``models.CharField(...)`` of ``name = models.CharField(...)`` (``...Field`` or a key)."""
    value = statement.value if isinstance(statement, (ast.Assign, ast.AnnAssign)) else None
    if not isinstance(value, ast.Call):
        return None
    called = last_name(value.func)
    fields = called.endswith("Field") or called in _GROWING or called == "ManyToManyField"
    return value if fields else None


def _target(call: ast.Call) -> str:
    """The model a ``ForeignKey`` points to: ``Customer``, ``"shop.Customer"``, ``self``."""
    target = relation_target(call)
    return "another model" if target is None else target
