"""Whether a change touched a manifest's dependency declarations (not just its tool settings).

``pyproject.toml`` and ``Pipfile`` are compared table by table, so a ``[tool.ruff]`` edit is not
a dependency change; any other manifest (``requirements.in``) counts on any change. A manifest
that does not parse counts as changed: better one question too many than a missed lockfile.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

_DEPENDENCY_KEYS: dict[str, tuple[tuple[str, ...], ...]] = {
    "pyproject.toml": (
        ("project", "dependencies"),
        ("project", "optional-dependencies"),
        ("project", "requires-python"),
        ("dependency-groups",),
        ("tool", "poetry", "dependencies"),
        ("tool", "poetry", "dev-dependencies"),
        ("tool", "poetry", "group"),
        ("tool", "pdm", "dev-dependencies"),
        ("tool", "uv", "dev-dependencies"),
        ("tool", "uv", "sources"),
    ),
    "Pipfile": (("packages",), ("dev-packages",), ("requires",)),
}


def dependencies_changed(name: str, before: bytes | None, after: bytes | None) -> bool:
    """Whether the manifest called ``name`` declares different dependencies ``after``."""
    if before == after:
        return False
    keys = _DEPENDENCY_KEYS.get(name)
    if keys is None or before is None or after is None:
        return True
    old, new = _declarations(before, keys), _declarations(after, keys)
    return old is None or new is None or old != new


def _declarations(raw: bytes, keys: Sequence[tuple[str, ...]]) -> list[object] | None:
    try:
        document = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    return [_lookup(document, key) for key in keys]


def _lookup(document: object, key: tuple[str, ...]) -> object:
    value = document
    for part in key:
        value = value.get(part) if isinstance(value, dict) else None
    return value
