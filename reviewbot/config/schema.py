"""Validation of a config table (``.reviewbot.toml`` or ``[tool.reviewbot]``) into settings.

Keys: ``preset``, ``select``, ``extend-select``, ``ignore``, ``exclude``, ``fail-on``,
``[severity]``, ``[thresholds]``, ``[limits]`` (the per-file budgets), ``[[overrides]]``
(``paths`` plus any of the per-path keys) and
``plugins`` (team rule folders or files, relative to the config file's folder), ``baseline``
(the baseline file, relative to the config file's folder), and the run-wide
``[review]`` and ``[policy]`` tables (see :mod:`reviewbot.config.review_schema`), ``[roles]``
(role -> path globs) and ``[role-ignores]`` (role -> selectors; see :mod:`reviewbot.config.roles`),
and ``[loops]`` (``report``: the walks reported; ``large`` / ``small``: declared collections).
Every mistake raises a ConfigError naming the file and dotted key, with a "did you mean" hint.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping
from typing import Any

from reviewbot.config import toml_values as tv
from reviewbot.config.catalog import RuleCatalog, is_reserved_code
from reviewbot.config.model import LoopSizes
from reviewbot.config.review_schema import parse_pr_policy, parse_review
from reviewbot.config.roles import ROLE_NAMES, Role, RoleSettings
from reviewbot.config.settings import (
    LIMIT_FIELDS,
    THRESHOLD_FIELDS,
    ConfigDocument,
    FailOnEntry,
    LimitEntry,
    Override,
    Selector,
    SettingsLayer,
    SeverityEntry,
    ThresholdEntry,
)
from reviewbot.config.toml_values import KeyPath
from reviewbot.findings import FailOn, Severity

SELECTION_KEYS = ("select", "extend-select", "ignore")
LAYER_KEYS = (*SELECTION_KEYS, "severity", "thresholds", "fail-on", "limits")
OVERRIDE_KEYS = ("paths", *LAYER_KEYS)
CONFIG_KEYS = (
    "preset", *LAYER_KEYS, "exclude", "overrides", "plugins", "baseline", "review", "policy",
    "roles", "role-ignores", "loops", "handlers",
)
#: What a loop can walk (``[loops] report`` lists those whose per-iteration findings are
#: reported), smallest first; the engine's classifier uses the same names.
LOOP_WALKS = ("fixed", "schema", "per-object", "unknown", "data")
#: What a broad ``except`` handler does (``[handlers] report`` lists those whose BLE001 findings
#: are reported): raise a plain ``Exception`` in the caught error's place, or handle the error
#: itself (log, report, exit, fall back or ignore it).
HANDLER_KINDS = ("plain-raise", "catch-all")
#: ``[loops]`` keys: a preset sets only ``report``; a config may also declare collection sizes.
LOOP_KEYS = ("report", "large", "small")
#: A declared collection: ``Order``, ``Order.lines``, ``.lines``, ``self.queue``.
_COLLECTION = re.compile(r"^\.?[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$")
SEVERITIES = tuple(s.value for s in Severity)
FAIL_ON_VALUES = tuple(f.value for f in FailOn)


def parse_config(
    value: object, at: KeyPath, catalog: RuleCatalog, presets: Collection[str]
) -> ConfigDocument:
    """Validate a user's config table; ``at`` names its file and table (``tool.reviewbot``)."""
    raw = tv.table(value, at)
    tv.check_keys(raw, CONFIG_KEYS, at)
    preset = raw.get("preset")
    if preset is not None:
        preset = tv.choice(preset, sorted(presets), at.child("preset"), what="preset")
    exclude = raw.get("exclude")
    if "plugins" in raw:  # resolved by reviewbot.config.run_config, before the catalog exists
        tv.string_array(raw["plugins"], at.child("plugins"))
    baseline = raw.get("baseline")
    return ConfigDocument(
        path=at.file,
        base=parse_layer(raw, at, catalog),
        overrides=parse_overrides(raw.get("overrides", []), at.child("overrides"), catalog),
        preset=preset,
        preset_origin=at.child("preset").origin() if preset else None,
        exclude=None if exclude is None else tv.string_array(exclude, at.child("exclude")),
        exclude_origin=None if exclude is None else at.child("exclude").origin(),
        review=parse_review(raw.get("review", {}), at.child("review")),
        pr_policy=parse_pr_policy(raw.get("policy", {}), at.child("policy")),
        baseline=None if baseline is None else tv.string(baseline, at.child("baseline")),
        roles=parse_roles(raw, at, catalog),
        loops_report=parse_loops(raw, at, keys=LOOP_KEYS),
        loop_sizes=parse_loop_sizes(raw, at),
        handlers_report=parse_handlers(raw, at),
    )


def parse_loops(
    raw: Mapping[str, Any], at: KeyPath, *, keys: tuple[str, ...] = ("report",)
) -> tuple[str, ...] | None:
    """``[loops] report``: the walks whose per-iteration findings are reported (None: unset).

    ``keys`` are the keys the ``[loops]`` table may hold (a preset's: only ``report``)."""
    return _report_list(raw, at, "loops", keys, LOOP_WALKS, "loop walk")


def parse_handlers(raw: Mapping[str, Any], at: KeyPath) -> tuple[str, ...] | None:
    """``[handlers] report``: the kinds of broad ``except`` handler whose BLE001 findings are
    reported (None: unset)."""
    return _report_list(raw, at, "handlers", ("report",), HANDLER_KINDS, "handler kind")


def _report_list(
    raw: Mapping[str, Any],
    at: KeyPath,
    table_name: str,
    keys: tuple[str, ...],
    choices: tuple[str, ...],
    what: str,
) -> tuple[str, ...] | None:
    """``[TABLE_NAME] report``, each entry one of ``choices`` (None: the table or key unset)."""
    if table_name not in raw:
        return None
    table = tv.table(raw[table_name], at.child(table_name))
    tv.check_keys(table, keys, at.child(table_name))
    if "report" not in table:
        return None
    where = at.child(table_name).child("report")
    entries = tv.string_array(table["report"], where)
    for index, entry in enumerate(entries):
        tv.choice(entry, list(choices), where.item(index), what=what)
    return tuple(entries)


def parse_loop_sizes(raw: Mapping[str, Any], at: KeyPath) -> LoopSizes:
    """``[loops] large`` and ``small``: the collections a team declares data-sized or a handful.

    A name in both lists is an error: the declaration would say two things about one loop.
    """
    table = raw.get("loops")
    if not isinstance(table, dict):
        return LoopSizes()
    where = at.child("loops")
    large = _collections(table.get("large", []), where.child("large"))
    small = _collections(table.get("small", []), where.child("small"))
    for index, name in enumerate(small):
        if name in large:
            raise where.child("small").item(index).error(
                f"'{name}' is also in loops.large; a collection is declared large or small, "
                "not both"
            )
    return LoopSizes(large, small, at.origin().source) if large or small else LoopSizes()


def _collections(value: object, at: KeyPath) -> tuple[str, ...]:
    names = tv.string_array(value, at)
    for index, name in enumerate(names):
        if not _COLLECTION.match(name):
            raise at.item(index).error(
                f"expected a model (Order), a model's attribute (Order.lines or .lines) or an "
                f"attribute path (self.queue), got '{name}'"
            )
    return names


def parse_roles(raw: Mapping[str, Any], at: KeyPath, catalog: RuleCatalog) -> RoleSettings:
    """``[roles]`` (role -> path globs) and ``[role-ignores]`` (role -> rule selectors)."""
    paths = _role_table(raw.get("roles", {}), at.child("roles"))
    ignores = _role_table(raw.get("role-ignores", {}), at.child("role-ignores"))
    return RoleSettings(
        paths={
            Role(name): tv.string_array(globs, at.child("roles").child(name))
            for name, globs in paths.items()
        },
        ignores={
            Role(name): tuple(
                s.text
                for s in parse_selectors(
                    texts, at.child("role-ignores").child(name), catalog, reserved_ok=True
                )
            )
            for name, texts in ignores.items()
        },
    )


def _role_table(value: object, at: KeyPath) -> Mapping[str, Any]:
    raw = tv.table(value, at)
    tv.check_keys(raw, ROLE_NAMES, at)
    return raw


def parse_layer(
    raw: Mapping[str, Any], at: KeyPath, catalog: RuleCatalog, *, reserved_ok: bool = False
) -> SettingsLayer:
    """The per-path settings in ``raw`` (keys other than these are checked by the caller).

    ``reserved_ok`` accepts reviewbot codes that are not registered yet (for built-in presets).
    """

    def selectors(key: str) -> tuple[Selector, ...]:
        return parse_selectors(raw.get(key, []), at.child(key), catalog, reserved_ok=reserved_ok)

    fail_on = raw.get("fail-on")
    severity = raw.get("severity", {})
    return SettingsLayer(
        select=selectors("select") if "select" in raw else None,
        extend_select=selectors("extend-select"),
        ignore=selectors("ignore"),
        severity=parse_severity(severity, at.child("severity"), catalog, reserved_ok=reserved_ok),
        thresholds=parse_thresholds(raw.get("thresholds", {}), at.child("thresholds")),
        fail_on=None if fail_on is None else _fail_on(fail_on, at.child("fail-on")),
        limits=parse_limits(raw.get("limits", {}), at.child("limits")),
    )


def parse_selectors(
    value: object, at: KeyPath, catalog: RuleCatalog, *, reserved_ok: bool = False
) -> tuple[Selector, ...]:
    """An array of rule selectors, each checked against ``catalog``."""
    texts = tv.string_array(value, at)
    for index, text in enumerate(texts):
        check_selector(text, at.item(index), catalog, reserved_ok=reserved_ok)
    return tuple(Selector(text, at.origin()) for text in texts)


def check_selector(
    text: str, at: KeyPath, catalog: RuleCatalog, *, reserved_ok: bool = False
) -> None:
    """Fail unless ``text`` is a selector the catalog knows (or, if allowed, a reserved code)."""
    if catalog.is_valid(text) or (reserved_ok and is_reserved_code(text)):
        return
    if text in catalog.unavailable:
        raise at.error(f"'{text}' {catalog.unavailable[text]}")
    raise at.error(f"unknown rule selector '{text}'", catalog.closest(text))


def parse_severity(
    value: object, at: KeyPath, catalog: RuleCatalog, *, reserved_ok: bool = False
) -> tuple[SeverityEntry, ...]:
    """A ``[severity]`` table: selector -> ``error`` | ``warning`` | ``info``."""
    entries = []
    for selector, level in tv.table(value, at).items():
        check_selector(selector, at.child(selector), catalog, reserved_ok=reserved_ok)
        name = tv.choice(level, SEVERITIES, at.child(selector), what="severity")
        entries.append(SeverityEntry(selector, Severity(name), at.child(selector).origin()))
    return tuple(entries)


def parse_thresholds(value: object, at: KeyPath) -> tuple[ThresholdEntry, ...]:
    """A ``[thresholds]`` table: positive integers, ``maintainability`` from 0 to 100."""
    raw = tv.table(value, at)
    tv.check_keys(raw, tuple(THRESHOLD_FIELDS), at)
    entries = []
    for key, number in raw.items():
        read = tv.percentage if key == "maintainability" else tv.positive_int
        entries.append(ThresholdEntry(key, read(number, at.child(key)), at.child(key).origin()))
    return tuple(entries)


def parse_limits(value: object, at: KeyPath) -> tuple[LimitEntry, ...]:
    """A ``[limits]`` table: ``file-bytes`` a positive integer, ``file-seconds`` a positive
    number; ``false`` turns a budget off."""
    raw = tv.table(value, at)
    tv.check_keys(raw, tuple(LIMIT_FIELDS), at)
    entries = []
    for key, number in raw.items():
        entries.append(LimitEntry(key, _limit(key, number, at.child(key)), at.child(key).origin()))
    return tuple(entries)


def _limit(key: str, value: object, at: KeyPath) -> int | float | None:
    """One budget: ``file-bytes`` a positive integer, ``file-seconds`` a positive number."""
    if value is False:
        return None
    seconds = key == "file-seconds"
    expected = "a positive number of seconds" if seconds else "a positive integer (bytes)"
    number = _number(value, integer=not seconds)
    if number is None:
        raise at.error(f"expected {expected} or false, got {tv.toml_type(value)}")
    if not 0 < number < math.inf:
        raise at.error(f"expected {expected} or false, got {number}")
    return float(number) if seconds else number


def _number(value: object, *, integer: bool) -> int | float | None:
    """``value`` if it is an integer (or, unless ``integer``, a float), else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return None if integer and isinstance(value, float) else value


def parse_overrides(value: object, at: KeyPath, catalog: RuleCatalog) -> tuple[Override, ...]:
    """The ``[[overrides]]`` array of tables."""
    if not isinstance(value, list):
        raise at.error(f"expected an array of tables ([[overrides]]), got {tv.toml_type(value)}")
    return tuple(_override(item, at.item(index), catalog) for index, item in enumerate(value))


def _override(value: object, at: KeyPath, catalog: RuleCatalog) -> Override:
    raw = tv.table(value, at)
    for key in raw:
        if key in CONFIG_KEYS and key not in OVERRIDE_KEYS:
            allowed = ", ".join(OVERRIDE_KEYS)
            raise at.child(key).error(f"cannot be set per path (an override takes {allowed})")
    tv.check_keys(raw, OVERRIDE_KEYS, at)
    if "paths" not in raw:
        raise at.child("paths").error("missing; every [[overrides]] entry needs paths = [globs]")
    paths = tv.string_array(raw["paths"], at.child("paths"), non_empty=True)
    return Override(paths, parse_layer(raw, at, catalog), at.origin())


def _fail_on(value: object, at: KeyPath) -> FailOnEntry:
    return FailOnEntry(FailOn(tv.choice(value, FAIL_ON_VALUES, at)), at.origin())
