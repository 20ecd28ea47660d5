"""The effective policy of a run, and each file's share of it.

Layers apply in this order, each on top of the one before: the preset's base settings, the
config file's base settings, the preset's ``[[overrides]]`` and then the config file's
``[[overrides]]`` that match the file (each in file order), and last the command-line flags.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from reviewbot.config.catalog import RuleCatalog
from reviewbot.config.globs import any_glob_match
from reviewbot.config.model import FilePolicy, LoopSizes
from reviewbot.config.presets import Preset
from reviewbot.config.provenance import ProvenanceLine, resolution_lines
from reviewbot.config.resolve import Resolution, RuleSeverity, resolve, rule_severity
from reviewbot.config.review_settings import PrPolicySettings, ReviewSettings
from reviewbot.config.roles import RoleSettings, RoleStances
from reviewbot.config.selection import Selection, apply_layer
from reviewbot.config.settings import ConfigDocument, Origin, Override, SettingsLayer
from reviewbot.findings import FailOn

_OverrideKey = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class PolicySources:
    """Everything a policy is computed from, with where the config and preset came from."""

    catalog: RuleCatalog
    preset: Preset
    preset_origin: Origin
    document: ConfigDocument | None
    cli: SettingsLayer
    config_note: str

    @property
    def base_layers(self) -> tuple[SettingsLayer, ...]:
        """The preset's and the config's base settings, without overrides or flags."""
        document = (self.document.base,) if self.document else ()
        return (self.preset.base, *document)

    @property
    def overrides(self) -> tuple[tuple[Override, ...], tuple[Override, ...]]:
        """The preset's overrides and the config's overrides."""
        return self.preset.overrides, self.document.overrides if self.document else ()


@dataclass(frozen=True)
class Policy:
    """The effective policy for a run; :meth:`for_path` gives one file's rules and limits.

    ``review`` and ``pr_policy`` are the run-wide ``[review]`` and ``[policy]`` tables;
    ``baseline_path`` is the config's ``baseline`` file (None: the default location).
    """

    root: Path
    config_path: Path | None
    preset: str
    exclude: tuple[str, ...]
    fail_on: FailOn
    sources: PolicySources = field(repr=False, compare=False)
    review: ReviewSettings = ReviewSettings()
    pr_policy: PrPolicySettings = PrPolicySettings()
    baseline_path: Path | None = None
    #: Roles assigned by path and each role's stance: the preset's, replaced role by role by
    #: the config's; ``stances`` holds the stances expanded to codes.
    roles: RoleSettings = RoleSettings()
    stances: RoleStances = RoleStances()
    #: The walks whose per-iteration findings are reported (``[loops] report``): the config's
    #: list, else the preset's.
    loops_report: tuple[str, ...] = ("data",)
    #: ``[loops] large`` / ``small``: the config's declared collection sizes (run-wide).
    loop_sizes: LoopSizes = LoopSizes()
    #: The broad ``except`` handlers whose BLE001 findings are reported (``[handlers] report``).
    handlers_report: tuple[str, ...] = ("plain-raise",)
    _memo: dict[_OverrideKey, Resolution] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _file_policies: dict[_OverrideKey, FilePolicy] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def for_path(self, relpath: str) -> FilePolicy:
        """The policy for one file; ``relpath`` is POSIX and relative to :attr:`root`.

        Files under the same overrides share one FilePolicy object.
        """
        key = self._override_key(relpath)
        found = self._file_policies.get(key)
        if found is None:
            plain = self.resolution(relpath).file_policy()
            found = self._file_policies[key] = replace(plain, loop_sizes=self.loop_sizes)
        return found

    def resolution(self, relpath: str | None = None) -> Resolution:
        """Effective settings with provenance for ``relpath`` (None: no overrides apply).

        Memoised per distinct set of matching overrides.
        """
        key = self._override_key(relpath)
        if key not in self._memo:
            self._memo[key] = resolve(self._layers(key), self.sources.preset, self.sources.catalog)
        return self._memo[key]

    def matching_overrides(self, relpath: str | None) -> tuple[Override, ...]:
        """The preset's and then the config's ``[[overrides]]`` that apply to ``relpath``."""
        preset_ids, config_ids = self._override_key(relpath)
        preset_all, config_all = self.sources.overrides
        return tuple(preset_all[i] for i in preset_ids) + tuple(config_all[i] for i in config_ids)

    def ruff_codes(self) -> frozenset[str]:
        """Every ruff code enabled for any file: run ruff once with these, filter per file."""
        catalog = self.sources.catalog
        return frozenset(code for code in self.enabled_anywhere() if catalog.is_ruff(code))

    def enabled_anywhere(self) -> frozenset[str]:
        """Every code (reviewbot's and ruff's) enabled for at least one path."""
        catalog = self.sources.catalog
        selection: Selection = {}
        for layer in self.sources.base_layers:
            selection = apply_layer(selection, layer, catalog)
        for override in (*self.sources.overrides[0], *self.sources.overrides[1]):
            added = apply_layer({}, _enabling_part(override.layer), catalog)
            selection = {**added, **selection}
        return frozenset(apply_layer(selection, self.sources.cli, catalog))

    def rule_severity(self, code: str, relpath: str | None = None) -> RuleSeverity:
        """The category and severity ``code`` reports at in ``relpath`` (None: no overrides).

        The answer does not depend on whether, or by what, the rule is enabled there (see
        :func:`~reviewbot.config.resolve.rule_severity`).
        """
        layers = self._layers(self._override_key(relpath))
        return rule_severity(code, layers, self.sources.preset, self.sources.catalog)

    def explain(self, relpath: str | None = None) -> list[ProvenanceLine]:
        """Each effective value for ``relpath`` (None: the base policy) and where it came from."""
        document = self.sources.document
        exclude_origin = document.exclude_origin if document else None
        lines = [
            ProvenanceLine("config", str(self.config_path or "none"), self.sources.config_note),
            ProvenanceLine("preset", self.preset, str(self.sources.preset_origin)),
            ProvenanceLine(
                "exclude", ", ".join(self.exclude) or "(none)", str(exclude_origin or "default")
            ),
        ]
        lines += [
            ProvenanceLine("override", ", ".join(o.paths), str(o.origin))
            for o in self.matching_overrides(relpath)
        ]
        return lines + resolution_lines(self.resolution(relpath))

    def _override_key(self, relpath: str | None) -> _OverrideKey:
        if relpath is None:
            return ((), ())
        preset_all, config_all = self.sources.overrides
        return (
            tuple(i for i, o in enumerate(preset_all) if any_glob_match(o.paths, relpath)),
            tuple(i for i, o in enumerate(config_all) if any_glob_match(o.paths, relpath)),
        )

    def _layers(self, key: _OverrideKey) -> list[SettingsLayer]:
        preset_all, config_all = self.sources.overrides
        return [
            *self.sources.base_layers,
            *(preset_all[i].layer for i in key[0]),
            *(config_all[i].layer for i in key[1]),
            self.sources.cli,
        ]


def _enabling_part(layer: SettingsLayer) -> SettingsLayer:
    """Only what ``layer`` could switch on, for the union of rules over every file."""
    return SettingsLayer(extend_select=(*(layer.select or ()), *layer.extend_select))
