"""Command-line options shared by several commands, and the records they become.

``analysis_options`` declares what every auditing command takes (policy flags, jobs, cache,
baseline) and hands the command one ``analysis: CheckOptions`` record instead of loose
keyword arguments. ``debug_option`` is the only declaration of ``--debug``: it records the flag
in the ``Invocation`` that ``main()`` passes to click and reads when a command fails.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from reviewbot.config.policy import CliOverrides
from reviewbot.findings import FailOn
from reviewbot.pipeline.audit import CheckOptions

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class Invocation:
    """What the parsed command line tells ``main()``: whether ``--debug`` was given.

    ``main()`` creates it and passes it to click as the context object; ``--debug`` sets it
    while click parses, so it is known even when the command then fails with an exception.
    """

    debug: bool = False


def debug_option(function: F) -> F:
    """``--debug``: show tracebacks for internal errors.

    Applied once to the group and once to each command that documents it (``check``,
    ``review``, ``baseline``), so ``reviewbot --debug check`` and ``reviewbot check --debug``
    both work. The value is not passed to the command; it is recorded in the ``Invocation``.
    """
    return click.option(
        "--debug",
        is_flag=True,
        is_eager=True,
        expose_value=False,
        callback=_record_debug,
        help="Show tracebacks for internal errors.",
    )(function)


def _record_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.ensure_object(Invocation).debug = True


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
                        help="Worker processes; 0 (the default) uses every core.")(function)


def baseline_option(function: F) -> F:
    """``--no-baseline``: report findings the baseline file accepts too."""
    return click.option("--no-baseline", is_flag=True,
                        help="Ignore the baseline file: report every finding.")(function)


def analysis_options(*, baseline: bool) -> Callable[[F], F]:
    """``policy_options`` and ``run_options`` (and ``--no-baseline`` when ``baseline``).

    The command receives them as one keyword argument, ``analysis: CheckOptions``, with no
    paths (a command that takes PATHS adds them with ``dataclasses.replace``).
    """

    def decorate(function: F) -> F:
        @functools.wraps(function)
        def command(*args: Any, **params: Any) -> Any:  # noqa: ANN401 - click passes values untyped
            return function(*args, analysis=_analysis(params), **params)

        declared: Callable[..., Any] = baseline_option(command) if baseline else command
        return cast(F, policy_options(run_options(declared)))

    return decorate


def _analysis(params: dict[str, Any]) -> CheckOptions:
    """Take the options of ``analysis_options`` out of click's ``params`` as a CheckOptions."""
    fail_on: str | None = params.pop("fail_on")
    overrides = CliOverrides(
        preset=params.pop("preset"),
        select=_codes(params.pop("select")),
        extend_select=_codes(params.pop("extend_select")),
        ignore=_codes(params.pop("ignore")),
        fail_on=FailOn(fail_on) if fail_on else None,
    )
    return CheckOptions(
        config_file=params.pop("config_file"),
        isolated=params.pop("isolated"),
        overrides=overrides,
        jobs=params.pop("jobs"),
        use_cache=not params.pop("no_cache"),
        use_baseline=not params.pop("no_baseline", False),
    )


def _codes(values: Sequence[str]) -> tuple[str, ...] | None:
    codes = tuple(code.strip() for value in values for code in value.split(",") if code.strip())
    return codes or None
