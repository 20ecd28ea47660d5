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


def django_models(root: Path, commit: str | None, modules: Mapping[str, str]) -> dict[str, object]:
    """``relations``: each model's relation names and kinds; ``bases``: its bases' names;
    ``nullable``: its foreign keys declared ``null=True``."""
    if commit is None:
        return {}
    names = [object_name(commit, path) for path in modules.values()]
    parsed = [
        model_classes(blob.decode("utf-8", errors="replace"))
        for _, blob in sorted(read_blobs(root, names).items())
        if MODEL_CLASS.search(blob)
    ]
    return {
        "relations": merge_models(relations_of(classes) for classes in parsed),
        "bases": merge_lists(bases_of(classes) for classes in parsed),
        "nullable": merge_lists(nullable_of(classes) for classes in parsed),
    }
