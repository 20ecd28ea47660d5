"""The built-in presets (``rules/presets/*.toml``): the starting policy a config builds on.

A preset is a config file with every setting filled in, plus what only a preset says:
``description``, ``[categories]`` (which ruff codes belong to which category, longest
selector wins, ``ALL`` as the fallback) and ``[default-severity]`` (by category, for ruff codes).
It may not set ``preset``, ``exclude`` or ``extend-select``.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewbot.config import toml_values as tv
from reviewbot.config.catalog import ALL, RuleCatalog
from reviewbot.config.files import read_toml
from reviewbot.config.roles import RoleSettings
from reviewbot.config.schema import (
    LAYER_KEYS,
    SEVERITIES,
    check_selector,
    parse_handlers,
    parse_layer,
    parse_loops,
    parse_overrides,
    parse_roles,
)
from reviewbot.config.settings import THRESHOLD_FIELDS, Override, SettingsLayer
from reviewbot.config.toml_values import KeyPath
from reviewbot.errors import ConfigError
from reviewbot.findings import Category, Severity

DEFAULT_PRESET = "recommended"
PRESET_KEYS = (
    "description",
    *(key for key in LAYER_KEYS if key != "extend-select"),
    "categories",
    "default-severity",
    "overrides",
    "role-ignores",
    "loops",
    "handlers",
)
REQUIRED_KEYS = ("description", "select", "fail-on", "thresholds", "categories", "default-severity")
RUFF_CATEGORIES = (
    Category.CORRECTNESS,
    Category.PERFORMANCE,
    Category.COMPLEXITY,
    Category.CONVENTION,
)


@dataclass(frozen=True)
class Preset:
    """A validated preset: its base settings, per-path defaults and ruff category map."""

    name: str
    path: Path
    description: str
    base: SettingsLayer
    overrides: tuple[Override, ...]
    categories: tuple[tuple[str, Category], ...]
    default_severity: Mapping[Category, Severity]
    roles: RoleSettings = RoleSettings()
    #: ``[loops] report``: the walks whose per-iteration findings are reported.
    loops_report: tuple[str, ...] = ("data",)
    #: ``[handlers] report``: the broad ``except`` handlers whose BLE001 findings are reported.
    handlers_report: tuple[str, ...] = ("plain-raise",)


def preset_directory() -> Path:
    """The folder holding the built-in presets (``reviewbot.rules/presets``).

    Found without importing ``reviewbot.rules``, whose rule modules pull in libcst.
    """
    spec = importlib.util.find_spec("reviewbot.rules")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - broken install
        raise ConfigError("reviewbot.rules is not installed: no built-in presets")
    return Path(next(iter(spec.submodule_search_locations))) / "presets"


def preset_names(directory: Path | None = None) -> tuple[str, ...]:
    """The names of the presets in ``directory`` (default: the built-in ones), sorted."""
    folder = directory or preset_directory()
    return tuple(sorted(path.stem for path in folder.glob("*.toml")))


def load_preset(name: str, catalog: RuleCatalog, directory: Path | None = None) -> Preset:
    """Read and validate the preset called ``name``."""
    folder = directory or preset_directory()
    path = folder / f"{name}.toml"
    if not path.is_file():
        names = preset_names(folder)
        raise ConfigError(
            f"unknown preset '{name}' (expected one of {', '.join(names)})",
        )
    return parse_preset(name, path, read_toml(path), catalog)


def parse_preset(name: str, path: Path, raw: Mapping[str, Any], catalog: RuleCatalog) -> Preset:
    """Validate a preset's parsed TOML."""
    at = KeyPath(path, "", f"preset {name}")
    tv.check_keys(raw, PRESET_KEYS, at, context="a preset")
    for key in REQUIRED_KEYS:
        if key not in raw:
            raise at.child(key).error("missing; every preset sets it")
    _check_all_thresholds(raw["thresholds"], at.child("thresholds"))
    return Preset(
        name=name,
        path=path,
        description=tv.string(raw["description"], at.child("description")),
        base=parse_layer(raw, at, catalog, reserved_ok=True),
        overrides=parse_overrides(raw.get("overrides", []), at.child("overrides"), catalog),
        categories=_categories(raw["categories"], at.child("categories"), catalog),
        default_severity=_default_severity(raw["default-severity"], at.child("default-severity")),
        roles=parse_roles(raw, at, catalog),
        loops_report=parse_loops(raw, at) or ("data",),
        handlers_report=parse_handlers(raw, at) or ("plain-raise",),
    )


def _check_all_thresholds(value: object, at: KeyPath) -> None:
    missing = [key for key in THRESHOLD_FIELDS if key not in tv.table(value, at)]
    if missing:
        raise at.child(missing[0]).error("missing; a preset sets every threshold")


def _categories(
    value: object, at: KeyPath, catalog: RuleCatalog
) -> tuple[tuple[str, Category], ...]:
    raw = tv.table(value, at)
    names = tuple(c.value for c in RUFF_CATEGORIES)
    tv.check_keys(raw, names, at)
    pairs = []
    for name, selectors in raw.items():
        for index, text in enumerate(tv.string_array(selectors, at.child(name))):
            check_selector(text, at.child(name).item(index), catalog)
            pairs.append((text, Category(name)))
    if not any(text == ALL for text, _ in pairs):
        raise at.error("no category lists 'ALL', the fallback for ruff codes listed nowhere")
    return tuple(pairs)


def _default_severity(value: object, at: KeyPath) -> Mapping[Category, Severity]:
    raw = tv.table(value, at)
    tv.check_keys(raw, tuple(c.value for c in RUFF_CATEGORIES), at)
    levels = {}
    for category in RUFF_CATEGORIES:
        if category.value not in raw:
            raise at.child(category.value).error("missing; every category needs a severity")
        level = tv.choice(raw[category.value], SEVERITIES, at.child(category.value))
        levels[category] = Severity(level)
    return levels
