"""The ``drf-serializers`` fact: what each Django REST framework serializer of the project reads
per object (see :mod:`reviewbot.rules._drf_serializers`).

Built from the files as they are at the fact source's commit, read through git in one batch, as
every fact must be (its cache is keyed by the commit and the file list). Outside git there is no
commit to read at, so the fact is empty and the rules reading it report nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from reviewbot.change.blobs import object_name, read_blobs
from reviewbot.rules._drf_models import merge_models, module_models
from reviewbot.rules._drf_serializers import module_serializers

_MARK = b"Serializer"
_MODEL_MARKS = (b"ForeignKey", b"ManyToManyField", b"OneToOneField")


def drf_serializers(
    root: Path, commit: str | None, modules: Mapping[str, str]
) -> dict[str, list[object]]:
    """Each serializer class's dotted name and the relations it reads per object."""
    if commit is None:
        return {}
    names = {object_name(commit, path): module for module, path in modules.items()}
    blobs = sorted(read_blobs(root, list(names)).items())
    models = merge_models(
        module_models(_text(blob)) for _, blob in blobs if any(m in blob for m in _MODEL_MARKS)
    )
    found: dict[str, list[object]] = {}
    for name, blob in blobs:
        if _MARK in blob:
            path = name.split(":", 1)[1]
            found.update(module_serializers(names[name], path, _text(blob), models))
    return found


def _text(blob: bytes) -> str:
    return blob.decode("utf-8", errors="replace")
