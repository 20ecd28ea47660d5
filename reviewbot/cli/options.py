"""Command-line options shared by every command that audits, and the records they become."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from reviewbot.config.policy import CliOverrides
from reviewbot.findings import FailOn
from reviewbot.pipeline.audit import CheckOptions

F = TypeVar("F", bound=Callable[..., Any])


def policy_options(function: F) -> F:
    """Options that shape the effective policy."""
    options = [
        click.option("--config", "config_file", type=click.Path(path_type=Path),
                     help="Use this config file instead of discovering one."),
        click.option("--isolated", is_flag=True,
                     help="Ignore all config files; use the preset's defaults."),
        click.option("--preset", help="Preset to start from (recommended, strict)."),
        click.option("--select", multiple=True,
                     help="Replace the rule selection (comma-separated codes or prefixes)."),
        click.option("--extend-select", multiple=True, help="Add rules to the selection."),
        click.option("--ignore", multiple=True, help="Remove rules from the selection."),
        click.option("--fail-on", type=click.Choice([f.value for f in FailOn]),
                     help="Lowest severity that fails the run (default: error)."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def run_options(function: F) -> F:
    """Options for how an analysis runs: worker processes and the cache."""
    function = click.option("--no-cache", is_flag=True,
                            help="Ignore and do not write .reviewbot_cache.")(function)
    return click.option("--jobs", type=click.IntRange(min=0), default=0,
                        help="Worker processes (default: all cores).")(function)


def baseline_option(function: F) -> F:
    """``--no-baseline``: report findings the baseline file accepts too."""
    return click.option("--no-baseline", is_flag=True,
                        help="Ignore the baseline file: report every finding.")(function)


def cli_overrides(params: dict[str, Any]) -> CliOverrides:
    """The policy flags of a command as a CliOverrides record."""
    fail_on = params.get("fail_on")
    return CliOverrides(
        preset=params.get("preset"),
        select=_codes(params.get("select") or ()),
        extend_select=_codes(params.get("extend_select") or ()),
        ignore=_codes(params.get("ignore") or ()),
        fail_on=FailOn(fail_on) if fail_on else None,
    )


def check_options(paths: tuple[Path, ...], params: dict[str, Any]) -> CheckOptions:
    """The CheckOptions record of a command given ``policy_options`` and ``run_options``."""
    return CheckOptions(
        paths=paths,
        config_file=params.get("config_file"),
        isolated=params["isolated"],
        overrides=cli_overrides(params),
        jobs=params["jobs"],
        use_cache=not params["no_cache"],
        use_baseline=not params.get("no_baseline", False),
    )


def _codes(values: Sequence[str]) -> tuple[str, ...] | None:
    codes = tuple(code.strip() for value in values for code in value.split(",") if code.strip())
    return codes or None
