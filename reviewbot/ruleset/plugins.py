"""Team rules: find, import, validate and register the rules a team adds to reviewbot.

Two sources, loaded in this order so that the registry is the same on every run:

1. ``plugins`` in the run's config file: folders of rule modules or single ``.py`` files,
   relative to the config file's folder, in the order listed. In a folder every module whose
   name does not start with ``_`` is a rule module (``_helpers.py`` are for shared code), in
   name order; the folder is imported as a package, so rule modules can import their helpers.
2. Entry points in the group ``reviewbot.rules`` of installed packages, by name. An entry point
   names a rule class, a sequence of rule classes, or a module.

A module's rules are its ``RULES`` sequence when it has one, else every public rule class it
defines.
Team codes are letters plus three digits (``ACME101``); ``RB`` and ruff's linter prefixes are
taken. Anything that goes wrong is a PluginError naming the file or entry point: a rule that
fails to load is never skipped. In a ``pull_request_target`` run the configured paths are not
imported (they come from the pull request's checkout); installed entry points still are.
Registered team rules are selected by default, like a preset's rules: the config's ``select``
replaces them and ``ignore`` removes them.

The ``plugins`` paths and whether the run is a ``pull_request_target`` run come from the run's
config, read once before anything runs (:class:`~reviewbot.config.run_config.PluginSettings`):
this module reads no config file and no environment variable.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import TypeVar

from reviewbot.config.run_config import PluginSettings
from reviewbot.config.settings import Origin, Selector
from reviewbot.errors import RegistryError, ReviewbotError
from reviewbot.ruleset.api import Rule
from reviewbot.ruleset.registry import Registry, build_registry, builtin_registry, merge_registries

ENTRY_POINT_GROUP = "reviewbot.rules"
TEAM_CODE = re.compile(r"^[A-Z]{2,5}[0-9]{3}$")
_MODULE_ROOT = "_reviewbot_team"

T = TypeVar("T")


class PluginError(ReviewbotError):
    """A team rule that cannot be loaded or registered (exit 2: the team's code or config)."""

    exit_code = 2


@dataclass(frozen=True)
class PluginSource:
    """Rules from one plugin file or entry point; ``digest`` changes when its code does."""

    origin: str
    rules: tuple[type[Rule], ...]
    digest: str


@dataclass(frozen=True)
class TeamRules:
    """The built-in and team rules of a run, and notes for the user about how they loaded."""

    registry: Registry
    sources: tuple[PluginSource, ...] = ()
    notices: tuple[str, ...] = ()

    def versions(self) -> dict[str, str]:
        """A version entry for the cache key when team rules are loaded (none otherwise)."""
        if not self.sources:
            return {}
        digest = hashlib.blake2b(digest_size=8)
        for source in self.sources:
            digest.update(f"{source.origin}\0{source.digest}\0".encode())
        return {"team-rules": digest.hexdigest()}

    def selectors(self) -> tuple[Selector, ...]:
        """A selector per team rule, which the policy adds to the preset's selection."""
        return tuple(
            Selector(rule.code, Origin("team rules", source.origin))
            for source in self.sources
            for rule in source.rules
        )


def load_team_rules(settings: PluginSettings, reserved_prefixes: frozenset[str]) -> TeamRules:
    """The built-in registry merged with the team rules ``settings`` (the run's config) name.

    ``reserved_prefixes`` are ruff's linter prefixes.
    """
    paths = settings.paths
    notices: tuple[str, ...] = ()
    if paths and settings.pull_request_target:
        notices = (_pr_target_notice(paths, settings.config_path),)
        paths = ()
    for notice in notices:  # the one thing here that prints: a security decision must be seen
        sys.stderr.write(f"reviewbot: warning: {notice}\n")
    sources = (*_path_sources(paths), *_entry_point_sources())
    return TeamRules(_registry(sources, reserved_prefixes), sources, notices)


def _pr_target_notice(paths: Sequence[Path], config_path: Path | None) -> str:
    where = f" (plugins in {config_path})" if config_path is not None else ""
    names = ", ".join(str(path) for path in paths)
    return (
        f"not loading team rules from {names}{where}: a pull_request_target run must not "
        "execute code from the pull request's checkout"
    )


# -- rules from files ------------------------------------------------------------------------


def _path_sources(paths: Sequence[Path]) -> list[PluginSource]:
    sources: list[PluginSource] = []
    for path in paths:
        if path.is_dir():
            sources += _folder_sources(path)
        else:
            module = _import_file(path, _module_name(path))
            sources.append(PluginSource(str(path), _rules_in(module, str(path)), _digest([path])))
    return sources


def _folder_sources(folder: Path) -> list[PluginSource]:
    modules = sorted(p for p in folder.glob("*.py") if not p.name.startswith("_"))
    if not modules:
        raise PluginError(f"{folder}: no rule modules (*.py files not starting with '_')")
    package = _import_package(folder)
    digest = _digest(sorted(folder.rglob("*.py")))
    sources = []
    for path in modules:
        load = functools.partial(importlib.import_module, f"{package}.{path.stem}")
        module = _guarded(str(path), load)
        sources.append(PluginSource(str(path), _rules_in(module, str(path)), digest))
    return sources


def _import_package(folder: Path) -> str:
    """Import ``folder`` as a fresh package (its ``__init__.py`` if any) and return its name."""
    name = _module_name(folder)
    _forget(name)
    init = folder / "__init__.py"
    if init.is_file():
        _import_file(init, name, package_path=folder)
        return name
    spec = importlib.util.spec_from_loader(name, loader=None, is_package=True)
    assert spec is not None  # noqa: S101 - spec_from_loader returns None only for a bad origin
    package = importlib.util.module_from_spec(spec)
    package.__path__ = [str(folder)]
    sys.modules[name] = package
    return name


def _import_file(path: Path, name: str, package_path: Path | None = None) -> ModuleType:
    """Execute ``path`` as module ``name`` (a package when ``package_path`` is given)."""
    _forget(name)
    locations = [str(package_path)] if package_path is not None else None
    spec = importlib.util.spec_from_file_location(name, path, submodule_search_locations=locations)
    if spec is None or spec.loader is None:
        raise PluginError(f"{path}: cannot be imported as a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    _guarded(str(path), functools.partial(spec.loader.exec_module, module))
    return module


def _guarded(origin: str, load: Callable[[], T]) -> T:
    """Run ``load``; any exception becomes one PluginError line naming ``origin``."""
    try:
        return load()
    except SystemExit as error:  # a module that calls sys.exit() on import did not load
        raise PluginError(
            f"{origin}: cannot load team rules: it called sys.exit({error.code!r}) on import"
        ) from error
    except Exception as error:  # noqa: BLE001 - a team's code may raise anything on import
        raise PluginError(f"{origin}: cannot load team rules: {_one_line(error)}") from error


def _forget(name: str) -> None:
    """Drop ``name`` and its submodules, so an edited plugin is imported afresh."""
    for loaded in [key for key in sys.modules if key == name or key.startswith(f"{name}.")]:
        del sys.modules[loaded]


def _module_name(path: Path) -> str:
    slug = re.sub(r"\W", "_", path.stem) or "plugin"
    digest = hashlib.blake2b(str(path).encode(), digest_size=5).hexdigest()
    return f"{_MODULE_ROOT}.{slug}_{digest}"


def _digest(files: Sequence[Path]) -> str:
    digest = hashlib.blake2b(digest_size=8)
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


# -- rules from entry points -----------------------------------------------------------------


def _entry_point_sources() -> list[PluginSource]:
    found = metadata.entry_points(group=ENTRY_POINT_GROUP)
    return [_entry_point_source(point) for point in sorted(found, key=lambda p: (p.name, p.value))]


def _entry_point_source(point: metadata.EntryPoint) -> PluginSource:
    dist = point.dist
    version = f"{dist.name} {dist.version}" if dist is not None else "unknown distribution"
    origin = f"entry point '{point.name} = {point.value}' ({version})"
    loaded = _guarded(origin, point.load)
    if isinstance(loaded, ModuleType):
        rules = _rules_in(loaded, origin)
    elif isinstance(loaded, type):
        rules = (loaded,)
    elif isinstance(loaded, (list, tuple)):
        rules = tuple(loaded)
    else:
        kind = type(loaded).__name__
        raise PluginError(f"{origin}: names a {kind}, not a rule class, module or sequence")
    return PluginSource(origin, rules, version)


# -- validation ------------------------------------------------------------------------------


def _rules_in(module: ModuleType, origin: str) -> tuple[type[Rule], ...]:
    """``module.RULES`` if declared, else the public rule classes defined in ``module``."""
    declared = getattr(module, "RULES", None)
    if declared is not None:
        if not isinstance(declared, (list, tuple)):
            raise PluginError(f"{origin}: RULES must be a tuple of rule classes")
        return tuple(declared)
    defined = tuple(value for value in vars(module).values() if _defines_rule(module, value))
    if not defined:
        raise PluginError(
            f"{origin}: defines no rule classes (helper modules' names start with '_')"
        )
    return defined


def _defines_rule(module: ModuleType, value: object) -> bool:
    """Whether ``value`` is a public rule class of ``module`` itself (not imported into it)."""
    if not (isinstance(value, type) and issubclass(value, Rule)):
        return False
    return value.__module__ == module.__name__ and not value.__name__.startswith("_")


def _registry(sources: Sequence[PluginSource], reserved: frozenset[str]) -> Registry:
    registry = builtin_registry()
    try:
        for source in sources:
            team = build_registry(source.rules, source.origin, TEAM_CODE)
            for rule in team:
                _check_prefix(rule, source.origin, reserved)
            registry = merge_registries(registry, team, source.origin)
    except RegistryError as error:
        raise PluginError(str(error)) from error
    return registry


def _check_prefix(rule: type[Rule], origin: str, reserved: frozenset[str]) -> None:
    prefix = rule.code.rstrip("0123456789")
    if prefix == "RB" or prefix in reserved:
        owner = "reviewbot's own rules" if prefix == "RB" else "a ruff linter"
        raise PluginError(
            f"{origin}: {rule.__qualname__} uses code {rule.code}, but the prefix {prefix} "
            f"belongs to {owner}; choose a prefix of your own (e.g. your team's name)"
        )


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def iter_team_rules(team: TeamRules) -> Iterator[tuple[str, type[Rule]]]:
    """Each team rule with the origin it was loaded from, in load order."""
    for source in team.sources:
        for rule in source.rules:
            yield source.origin, rule
