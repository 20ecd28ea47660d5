"""Folding settings layers into one file's effective rules, thresholds, limits and fail-on.

A rule's category and severity are resolved in one place, :func:`rule_severity`, the same way
whatever switched the rule on (see its docstring).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reviewbot.config.catalog import RuleCatalog
from reviewbot.config.model import FilePolicy, Limits, RuleSettings, Thresholds
from reviewbot.config.presets import Preset
from reviewbot.config.selection import Enabled, Selection, apply_layer, most_specific
from reviewbot.config.settings import (
    LIMIT_FIELDS,
    THRESHOLD_FIELDS,
    FailOnEntry,
    LimitEntry,
    Origin,
    SettingsLayer,
    ThresholdEntry,
)
from reviewbot.findings import Category, Severity

RULE_DEFAULT = Origin("the rule's default")


@dataclass(frozen=True)
class RuleResolution:
    """One enabled rule, with where its selection and its severity came from."""

    code: str
    category: Category
    severity: Severity
    enabled_by: Enabled
    severity_origin: Origin


@dataclass(frozen=True)
class Resolution:
    """The effective settings for one set of layers (a file's), with their provenance."""

    rules: Mapping[str, RuleResolution]
    thresholds: Thresholds
    threshold_origins: Mapping[str, Origin]
    fail_on: FailOnEntry
    limits: Limits = field(default_factory=Limits)
    limit_origins: Mapping[str, Origin] = field(default_factory=dict)

    def file_policy(self) -> FilePolicy:
        """The plain record the analyzers consume."""
        rules = {
            code: RuleSettings(code, rule.category, rule.severity)
            for code, rule in sorted(self.rules.items())
        }
        return FilePolicy(rules, self.thresholds, self.fail_on.value, self.limits)


def resolve(layers: Sequence[SettingsLayer], preset: Preset, catalog: RuleCatalog) -> Resolution:
    """Apply ``layers`` in order (the preset's base first) and resolve every enabled rule."""
    selection: Selection = {}
    for layer in layers:
        selection = apply_layer(selection, layer, catalog)
    rules = {
        code: _rule(code, enabled, layers, preset, catalog)
        for code, enabled in sorted(selection.items())
    }
    thresholds, origins = _thresholds(layers)
    fail_on = next(layer.fail_on for layer in reversed(layers) if layer.fail_on is not None)
    limits, limit_origins = _limits(layers)
    return Resolution(rules, thresholds, origins, fail_on, limits, limit_origins)


@dataclass(frozen=True)
class RuleSeverity:
    """A rule's category and severity under a set of layers, and where the severity came from."""

    category: Category
    severity: Severity
    origin: Origin


def rule_severity(
    code: str, layers: Sequence[SettingsLayer], preset: Preset, catalog: RuleCatalog
) -> RuleSeverity:
    """The category and severity of ``code`` under ``layers`` (the preset's base first).

    This is the one place a rule's severity is decided, and what switched the rule on plays no
    part in it: the preset's ``select``, a config's ``select`` or ``extend-select``, an
    override, ``--select`` and ``--extend-select`` all give the same answer. Selection decides
    whether a rule runs; this decides how loud it is:

    1. An explicit ``[severity]`` entry: the most specific selector matching ``code`` in the
       latest layer that has one (a matching config override, then a matching preset override,
       then the config's ``[severity]``, then the preset's). The preset's ``[severity]`` is its
       declared severity for a rule and applies however the rule was enabled: a rule the preset
       does not select but declares (``RB304`` in ``recommended``) reports at that severity when
       a config or ``--extend-select`` turns it on, as it does in a preset that selects it.
    2. Else the rule's own default, for reviewbot's rules and team rules (the class's
       ``severity``).
    3. Else, for a ruff code, the preset's ``[default-severity]`` for the code's category.

    The category is the rule's own for reviewbot's and team rules, else the preset's
    ``[categories]`` (:func:`category_of`).
    """
    category = category_of(code, preset, catalog)
    for layer in reversed(layers):
        entries = ((entry.selector, entry) for entry in layer.severity)
        chosen = most_specific(entries, code, catalog)
        if chosen is not None:
            return RuleSeverity(category, chosen.severity, chosen.origin)
    if code in catalog.rb_rules:
        return RuleSeverity(category, catalog.rb_rules[code][1], RULE_DEFAULT)
    origin = Origin(f"preset {preset.name}", f"default-severity.{category.value}")
    return RuleSeverity(category, preset.default_severity.get(category, Severity.INFO), origin)


def category_of(code: str, preset: Preset, catalog: RuleCatalog) -> Category:
    """A code's category: reviewbot's rule declares it; a ruff code's comes from the preset."""
    if code in catalog.rb_rules:
        return catalog.rb_rules[code][0]
    found = most_specific(preset.categories, code, catalog)
    return Category.CONVENTION if found is None else found


def _rule(
    code: str,
    enabled: Enabled,
    layers: Sequence[SettingsLayer],
    preset: Preset,
    catalog: RuleCatalog,
) -> RuleResolution:
    level = rule_severity(code, layers, preset, catalog)
    return RuleResolution(code, level.category, level.severity, enabled, level.origin)


def _thresholds(layers: Sequence[SettingsLayer]) -> tuple[Thresholds, dict[str, Origin]]:
    values, origins = _latest((layer.thresholds for layer in layers), THRESHOLD_FIELDS)
    return Thresholds(**values), origins


def _limits(layers: Sequence[SettingsLayer]) -> tuple[Limits, dict[str, Origin]]:
    """The per-file budgets: the latest layer that sets a key wins; unset keys keep the default."""
    values, origins = _latest((layer.limits for layer in layers), LIMIT_FIELDS)
    return Limits(**values), origins


def _latest(
    entries_by_layer: Iterable[Iterable[ThresholdEntry | LimitEntry]], fields: Mapping[str, str]
) -> tuple[dict[str, Any], dict[str, Origin]]:
    """Each key's value from the latest layer that sets it (by record field), and its origin."""
    values: dict[str, Any] = {}
    origins: dict[str, Origin] = {}
    for entries in entries_by_layer:
        for entry in entries:
            values[fields[entry.key]] = entry.value
            origins[entry.key] = entry.origin
    return values, origins
