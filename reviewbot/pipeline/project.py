"""Facts that span files: a per-run project index, built before any file is analysed.

A file's findings can depend on more than the file: the conventions of the base revision, the
serializer a view is linked to, the module a function was copied from. Such a fact is built here,
once per run, by a builder in :data:`FACT_BUILDERS`, from a :class:`FactSource`: the project's
root, the commit it is read at, and its Python files. A rule that reads a fact declares it
(``Rule.uses_facts``) and reads it through ``ctx.fact(name)``.

Each fact has a digest of its value. A file's cached result is keyed by the digests of the facts
its enabled rules declare, and records them, so it is recomputed when one of them changes, and
only then. A fact is cached per source in the cache folder's ``facts/``: the same commit and
the same Python files give the same fact. So a builder may read only what those determine: the file
list, and files as they are at that commit (through git).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from reviewbot import __version__
from reviewbot.atomic_file import write_atomically
from reviewbot.engine.names import module_name
from reviewbot.pipeline.drf_facts import drf_serializers
from reviewbot.pipeline.model_facts import django_models
from reviewbot.ruleset.registry import Registry

FACTS_DIR = "facts"


@dataclass(frozen=True)
class FactSource:
    """What a fact is built from: the project root, its commit (None: not in git), its files."""

    root: Path
    commit: str | None
    files: tuple[str, ...]  # repo-relative POSIX paths of the Python files, sorted

    def digest(self, name: str) -> str:
        """Identifies this source for the fact ``name`` (the fact cache's file name)."""
        inputs = json.dumps([__version__, name, self.commit, self.files])
        return hashlib.blake2b(inputs.encode(), digest_size=16).hexdigest()


FactBuilder = Callable[[FactSource], object]


@dataclass(frozen=True)
class ProjectFacts:
    """Fact values by name (JSON data), and the digest of each value."""

    values: Mapping[str, object] = field(default_factory=dict)
    digests: Mapping[str, str] = field(default_factory=dict)

    def subset(self, names: Iterable[str]) -> ProjectFacts:
        """Only the facts named (those a file's enabled rules declare)."""
        wanted = sorted(set(names) & self.values.keys())
        return ProjectFacts(
            {name: self.values[name] for name in wanted},
            {name: self.digests[name] for name in wanted},
        )

    @property
    def used(self) -> tuple[tuple[str, str], ...]:
        """(name, digest) of every fact held, sorted: what a file result records."""
        return tuple(sorted(self.digests.items()))


NO_FACTS = ProjectFacts()


def python_modules(source: FactSource) -> dict[str, str]:
    """The project's import map: each dotted module name and the file that defines it."""
    found: dict[str, str] = {}
    for path in source.files:
        name = module_name(path)
        if name is not None:
            found.setdefault(name, path)
    return found


def drf_serializers_of(source: FactSource) -> dict[str, list[object]]:
    """What each Django REST framework serializer of the project reads per object."""
    return drf_serializers(source.root, source.commit, python_modules(source))


def django_models_of(source: FactSource) -> dict[str, object]:
    """Every Django model class of the project, with its relations and bases."""
    return django_models(source.root, source.commit, python_modules(source))


#: How each fact of the rule API (``reviewbot.ruleset.api.FACTS``) is built.
FACT_BUILDERS: Mapping[str, FactBuilder] = MappingProxyType(
    {
        "python-modules": python_modules,
        "drf-serializers": drf_serializers_of,
        "django-models": django_models_of,
    }
)


def declared_facts(registry: Registry, enabled: Iterable[str]) -> frozenset[str]:
    """The facts the registry's rules ``enabled`` (codes, for some path) declare (the registry
    checked that each is known): a fact no enabled rule reads is never built."""
    wanted = frozenset(enabled)
    return frozenset(name for rule in registry if rule.code in wanted for name in rule.uses_facts)


def facts_of(values: Mapping[str, object]) -> ProjectFacts:
    """Facts with these values (a rule example's assumptions), as JSON data, with digests."""
    data = {name: json.loads(json.dumps(value)) for name, value in values.items()}
    return ProjectFacts(data, {name: _digest(value) for name, value in data.items()})


def build_facts(source: FactSource, names: Iterable[str], cache: Path | None) -> ProjectFacts:
    """The facts ``names`` of ``source``, from the fact cache in the folder ``cache`` (None: no
    cache) when it holds them."""
    return facts_of({name: _fact(source, name, cache) for name in sorted(set(names))})


def facts_used_by(registry: Registry, enabled: Iterable[str], facts: ProjectFacts) -> ProjectFacts:
    """The part of ``facts`` that the rules ``enabled`` (codes) declare."""
    rules = (registry.rules.get(code) for code in enabled)
    return facts.subset(name for rule in rules if rule is not None for name in rule.uses_facts)


def _fact(source: FactSource, name: str, cache: Path | None) -> object:
    stored = None if cache is None else cache / FACTS_DIR / f"{source.digest(name)}.json"
    cached = None if stored is None else _read(stored)
    if cached is not None:
        return cached
    value = json.loads(json.dumps(FACT_BUILDERS[name](source)))  # as JSON: as a reader sees it
    if stored is not None:
        _write(stored, value)
    return value


def _read(path: Path) -> object | None:
    try:
        value: object = json.loads(path.read_text(encoding="utf-8"))["value"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return value


def _write(path: Path, value: object) -> None:
    try:
        path.parent.mkdir(exist_ok=True)
        write_atomically(path, json.dumps({"value": value}, sort_keys=True).encode())
    except OSError:
        return


def _digest(value: object) -> str:
    return hashlib.blake2b(json.dumps(value, sort_keys=True).encode(), digest_size=12).hexdigest()
