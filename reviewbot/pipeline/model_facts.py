"""The ``django-models`` fact: every Django model class of the project, with its relations and
its bases (see :mod:`reviewbot.rules._drf_models`).

A rule that sees ``obj.stats.words`` in one module cannot tell a relation (a query per row) from
a property or a cached attribute: the model says, usually from another module. Built from the
files as they are at the fact source's commit, read through git in one batch, as every fact
must be. Outside git there is no commit to read at, so the fact is empty and a rule reading it
knows no model.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from reviewbot.change.blobs import object_name, read_blobs
from reviewbot.rules._drf_models import (
    MODEL_CLASS,
    bases_of,
    merge_lists,
    merge_models,
    model_classes,
    nullable_of,
    relations_of,
)

#: Blobs read per ``git cat-file --batch``: a project's sources are never all in memory at once.
BATCH = 1000

_Module = tuple[dict[str, dict[str, str]], dict[str, list[str]], dict[str, list[str]]]


def django_models(root: Path, commit: str | None, modules: Mapping[str, str]) -> dict[str, object]:
    """``relations``: each model's relation names and kinds; ``bases``: its bases' names;
    ``nullable``: its foreign keys declared ``null=True``."""
    if commit is None:
        return {}
    names = sorted(object_name(commit, path) for path in modules.values())
    read = [
        part
        for start in range(0, len(names), BATCH)
        for part in _batch(root, names[start : start + BATCH])
    ]
    return {
        "relations": merge_models(relations for relations, _, _ in read),
        "bases": merge_lists(bases for _, bases, _ in read),
        "nullable": merge_lists(nullable for _, _, nullable in read),
    }


def _batch(root: Path, names: list[str]) -> list[_Module]:
    """What each model module among ``names`` declares; the others are not parsed."""
    found: list[_Module] = []
    for _, blob in sorted(read_blobs(root, names).items()):
        if MODEL_CLASS.search(blob):
            classes = model_classes(blob.decode("utf-8", errors="replace"))
            found.append((relations_of(classes), bases_of(classes), nullable_of(classes)))
    return found
