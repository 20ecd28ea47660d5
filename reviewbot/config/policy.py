"""Loading the effective policy: preset + nearest config file + command-line flags.

``load_policy`` is the entry point the CLI calls; :class:`Policy` answers per-file questions.
"""

from __future__ import annotations

from pathlib import Path

from reviewbot.config.catalog import RuleCatalog
from reviewbot.config.cli_overrides import COMMAND_LINE, CliOverrides, check_cli_preset, cli_layer
from reviewbot.config.effective import Policy, PolicySources
from reviewbot.config.files import ConfigFile, find_config, load_config_file
from reviewbot.config.presets import DEFAULT_PRESET, load_preset, preset_names
from reviewbot.config.review_settings import PrPolicySettings, ReviewSettings
from reviewbot.config.schema import parse_config
from reviewbot.config.settings import ConfigDocument, Origin
from reviewbot.errors import UsageError
from reviewbot.findings import FailOn

__all__ = ["CliOverrides", "Policy", "load_policy"]


def load_policy(
    target: Path,
    *,
    config_file: Path | None,
    isolated: bool,
    cli: CliOverrides,
    catalog: RuleCatalog,
    preset_dir: Path | None = None,
) -> Policy:
    """The effective policy for auditing ``target`` (a file or folder).

    The config is ``config_file`` if given, none if ``isolated``, else the nearest one at or
    above ``target``. ``preset_dir`` replaces the built-in presets (tests). Raises ConfigError
    for a bad config file and UsageError for bad flags.
    """
    found, note = _config_source(target, config_file=config_file, isolated=isolated)
    names = preset_names(preset_dir)
    check_cli_preset(cli, names)
    document = None if found is None else parse_config(found.raw, found.keypath, catalog, names)
    name, origin = _preset_choice(cli, document)
    sources = PolicySources(
        catalog=catalog,
        preset=load_preset(name, catalog, preset_dir),
        preset_origin=origin,
        document=document,
        cli=cli_layer(cli, catalog),
        config_note=note,
    )
    return Policy(
        root=found.path.parent if found else _folder(target),
        config_path=found.path if found else None,
        preset=name,
        exclude=(document.exclude or ()) if document else (),
        fail_on=_base_fail_on(sources),
        sources=sources,
        review=document.review if document else ReviewSettings(),
        pr_policy=document.pr_policy if document else PrPolicySettings(),
        baseline_path=_baseline_path(found, document),
    )


def _baseline_path(found: ConfigFile | None, document: ConfigDocument | None) -> Path | None:
    """The config's ``baseline`` key, resolved against the config file's folder."""
    if found is None or document is None or document.baseline is None:
        return None
    return (found.path.parent / document.baseline).resolve()


def _config_source(
    target: Path, *, config_file: Path | None, isolated: bool
) -> tuple[ConfigFile | None, str]:
    """The config file to use and a note on how it was chosen."""
    if isolated and config_file is not None:
        raise UsageError("--config and --isolated cannot be used together")
    if isolated:
        return None, "--isolated: no config file, preset defaults only"
    if config_file is not None:
        return load_config_file(config_file), "--config"
    found = find_config(target)
    if found is None:
        return None, f"no config file at or above {target}: preset defaults only"
    return found, f"nearest config at or above {target}"


def _preset_choice(cli: CliOverrides, document: ConfigDocument | None) -> tuple[str, Origin]:
    if cli.preset is not None:
        return cli.preset, Origin(COMMAND_LINE, "--preset")
    if document is not None and document.preset is not None and document.preset_origin:
        return document.preset, document.preset_origin
    return DEFAULT_PRESET, Origin("default")


def _base_fail_on(sources: PolicySources) -> FailOn:
    layers = (*sources.base_layers, sources.cli)
    return next(layer.fail_on.value for layer in reversed(layers) if layer.fail_on is not None)


def _folder(target: Path) -> Path:
    resolved = target.resolve()
    return resolved if resolved.is_dir() else resolved.parent
