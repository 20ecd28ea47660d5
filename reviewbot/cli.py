"""The command line: parse options into frozen records, call the core, print, return an exit code."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from reviewbot import __version__, commands_info
from reviewbot.audit import CheckOptions, run_check
from reviewbot.config.policy import CliOverrides
from reviewbot.console import Console, progress_bar
from reviewbot.errors import ReviewbotError, UsageError
from reviewbot.findings import FailOn
from reviewbot.reporters import FORMATS, render
from reviewbot.result import CheckResult

F = TypeVar("F", bound=Callable[..., Any])
EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 3


def policy_options(function: F) -> F:
    """Options that shape the effective policy, shared by every command that audits."""
    options = [
        click.option("--config", "config_file", type=click.Path(path_type=Path), help="Use this config file instead of discovering one."),
        click.option("--isolated", is_flag=True, help="Ignore all config files; use the preset's defaults."),
        click.option("--preset", help="Preset to start from (recommended, strict)."),
        click.option("--select", multiple=True, help="Replace the rule selection (comma-separated codes or prefixes)."),
        click.option("--extend-select", multiple=True, help="Add rules to the selection."),
        click.option("--ignore", multiple=True, help="Remove rules from the selection."),
        click.option("--fail-on", type=click.Choice([f.value for f in FailOn]), help="Lowest severity that fails the run (default: error)."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _codes(values: Sequence[str]) -> tuple[str, ...] | None:
    codes = tuple(code.strip() for value in values for code in value.split(",") if code.strip())
    return codes or None


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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="reviewbot", message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """reviewbot: a strict senior reviewer for Python teams."""
    ctx.obj = {"debug": debug}


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True)
@click.option("--output", type=click.Path(path_type=Path), help="Write the report to FILE.")
@click.option("--base", "base_ref", help="Only lines changed since the merge base with REF.")
# -- pre-commit (reviewbot.staged) --
@click.option("--staged", is_flag=True, help="Only the lines staged for commit (the pre-commit hook).")
@click.option("--all-lines", is_flag=True, help="With --staged: every line of the staged files.")
# -- end pre-commit --
@policy_options
@click.option("--jobs", type=click.IntRange(min=0), default=0, help="Worker processes (default: all cores).")
@click.option("--no-cache", is_flag=True, help="Ignore and do not write .reviewbot_cache.")
@click.option("--quiet", is_flag=True, help="No progress bar or summary on stderr.")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@click.pass_context
def check(
    ctx: click.Context, /, paths: tuple[Path, ...], fmt: str, output: Path | None, **params: Any
) -> None:
    """Audit files (default: the repository you are in)."""
    if params.get("debug"):
        ctx.obj["debug"] = True
    console = Console.for_streams(quiet=params["quiet"])
    options = CheckOptions(
        paths=paths,
        config_file=params.get("config_file"),
        isolated=params["isolated"],
        overrides=cli_overrides(params),
        jobs=params["jobs"],
        use_cache=not params["no_cache"],
    )
    if params.get("staged"):  # -- pre-commit (reviewbot.staged) --
        result = _staged_check(options, all_lines=params["all_lines"])
    elif params.get("base_ref"):
        result = _changed_check(options, params["base_ref"])
    else:
        result = run_check(options, progress=progress_bar(console))
    console.clear_progress()
    text = render(result, fmt, color=fmt == "text" and output is None and console.stdout_is_terminal)
    console.emit(text, output)
    ctx.exit(1 if result.blocking else 0)


cli.add_command(commands_info.rules_command)
cli.add_command(commands_info.explain_command)
cli.add_command(commands_info.config_command)


def _add_adoption_commands() -> None:
    """``init``, ``fix`` and ``test-rules``; imported here as they reuse the options above."""
    from reviewbot.commands_adoption import ADOPTION_COMMANDS

    for command in ADOPTION_COMMANDS:
        cli.add_command(command)


_add_adoption_commands()


def _changed_check(options: CheckOptions, base_ref: str) -> CheckResult:
    """``check --base``: imported when used, as it pulls in the review machinery."""
    from reviewbot.review.changed_check import run_changed_check

    return run_changed_check(options, base_ref)


def _staged_check(options: CheckOptions, *, all_lines: bool) -> CheckResult:
    """``check --staged``: imported when used, as it pulls in the review machinery."""
    from reviewbot.staged import run_staged_check

    return run_staged_check(options, all_lines=all_lines)


def _add_review_command() -> None:
    """``review``; imported here as it reuses the options above."""
    from reviewbot.commands_review import review_command

    cli.add_command(review_command)


_add_review_command()


def main(argv: Sequence[str] | None = None) -> int:
    """Run reviewbot with ``argv`` (default: sys.argv[1:]) and return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        returned = cli.main(args=args, prog_name="reviewbot", standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("reviewbot: interrupted", err=True)
        return EXIT_INTERRUPTED
    except ReviewbotError as error:
        if debug:
            traceback.print_exc()
        click.echo(f"reviewbot: error: {error}", err=True)
        return error.exit_code
    except Exception as error:  # noqa: BLE001 - the one place that turns any crash into exit 3
        if debug:
            traceback.print_exc()
        click.echo(
            f"reviewbot: internal error: {type(error).__name__}: {error} (rerun with --debug)",
            err=True,
        )
        return EXIT_INTERNAL
    return returned if isinstance(returned, int) else 0


def entry_point() -> None:
    """Console-script entry point."""
    sys.exit(main())


__all__ = ["UsageError", "cli", "entry_point", "main"]
