"""Building the effective policy: preset + the run's config file + command-line flags.

``load_policy`` turns a :class:`~reviewbot.config.run_config.RunConfig` (read once by
:func:`~reviewbot.config.run_config.read_run_config`) into a :class:`Policy`, which answers
per-file questions.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reviewbot.config.catalog import RuleCatalog
from reviewbot.config.cli_overrides import COMMAND_LINE, CliOverrides, check_cli_preset, cli_layer
from reviewbot.config.effective import Policy, PolicySources
from reviewbot.config.files import ConfigFile
from reviewbot.config.model import LoopSizes
from reviewbot.config.presets import DEFAULT_PRESET, Preset, load_preset, preset_names
from reviewbot.config.review_settings import PrPolicySettings, ReviewSettings
from reviewbot.config.roles import RoleStances
from reviewbot.config.run_config import RunConfig
from reviewbot.config.schema import parse_config
from reviewbot.config.settings import ConfigDocument, Origin, Selector
from reviewbot.findings import FailOn

__all__ = ["CliOverrides", "Policy", "load_policy"]


def load_policy(
    config: RunConfig,
    *,
    cli: CliOverrides,
    catalog: RuleCatalog,
    team_selectors: tuple[Selector, ...] = (),
    preset_dir: Path | None = None,
) -> Policy:
    """The effective policy of a run whose config is ``config``.

    ``team_selectors`` select the team rules, as part of the preset's selection (a config's
    ``select`` replaces them, ``ignore`` removes them). ``preset_dir`` replaces the built-in
    presets (tests). Raises ConfigError for a bad config file and UsageError for bad flags.
    """
    found = config.file
    names = preset_names(preset_dir)
    check_cli_preset(cli, names)
    document = None if found is None else parse_config(found.raw, found.keypath, catalog, names)
    name, origin = _preset_choice(cli, document)
    preset = load_preset(name, catalog, preset_dir)
    roles = preset.roles.layered(document.roles) if document else preset.roles
    sources = PolicySources(
        catalog=catalog,
        preset=_with_team_rules(preset, team_selectors),
        preset_origin=origin,
        document=document,
        cli=cli_layer(cli, catalog),
        config_note=config.note,
    )
    return Policy(
        root=config.root,
        config_path=found.path if found else None,
        preset=name,
        exclude=(document.exclude or ()) if document else (),
        fail_on=_base_fail_on(sources),
        sources=sources,
        review=document.review if document else ReviewSettings(),
        pr_policy=document.pr_policy if document else PrPolicySettings(),
        baseline_path=_baseline_path(found, document),
        roles=roles,
        stances=RoleStances.expand(roles, catalog),
        loops_report=_loops_report(preset, document),
        loop_sizes=document.loop_sizes if document else LoopSizes(),
        handlers_report=_handlers_report(preset, document),
    )


def _handlers_report(preset: Preset, document: ConfigDocument | None) -> tuple[str, ...]:
    """The config's ``[handlers] report`` when it sets one, else the preset's."""
    if document is not None and document.handlers_report is not None:
        return document.handlers_report
    return preset.handlers_report


def _loops_report(preset: Preset, document: ConfigDocument | None) -> tuple[str, ...]:
    """The config's ``[loops] report`` when it sets one, else the preset's."""
    if document is not None and document.loops_report is not None:
        return document.loops_report
    return preset.loops_report


def _with_team_rules(preset: Preset, selectors: tuple[Selector, ...]) -> Preset:
    """``preset`` with ``selectors`` added to its base selection."""
    if not selectors:
        return preset
    base = replace(preset.base, select=(*(preset.base.select or ()), *selectors))
    return replace(preset, base=base)


def _baseline_path(found: ConfigFile | None, document: ConfigDocument | None) -> Path | None:
    """The config's ``baseline`` key, resolved against the config file's folder."""
    if found is None or document is None or document.baseline is None:
        return None
    return (found.path.parent / document.baseline).resolve()


def _preset_choice(cli: CliOverrides, document: ConfigDocument | None) -> tuple[str, Origin]:
    if cli.preset is not None:
        return cli.preset, Origin(COMMAND_LINE, "--preset")
    if document is not None and document.preset is not None and document.preset_origin:
        return document.preset, document.preset_origin
    return DEFAULT_PRESET, Origin("default")


def _base_fail_on(sources: PolicySources) -> FailOn:
    layers = (*sources.base_layers, sources.cli)
    return next(layer.fail_on.value for layer in reversed(layers) if layer.fail_on is not None)
