"""The command line: parse options into frozen records, call the core, print, return an exit code."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import click

from reviewbot import __version__
from reviewbot.cli import info as commands_info
from reviewbot.cli.adoption import ADOPTION_COMMANDS
from reviewbot.cli.baseline import baseline_command
from reviewbot.cli.console import Console, progress_bar
from reviewbot.cli.options import Invocation, analysis_options, debug_option
from reviewbot.cli.review import review_command
from reviewbot.errors import ReviewbotError, UsageError
from reviewbot.pipeline.audit import CheckOptions, run_check
from reviewbot.pipeline.result import CheckResult
from reviewbot.report import FORMATS, render

EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 3


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="reviewbot", message="%(prog)s %(version)s")
@debug_option
def cli() -> None:
    """reviewbot: a strict senior reviewer for Python teams."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True)
@click.option("--output", type=click.Path(path_type=Path), help="Write the report to FILE.")
@click.option("--base", "base_ref", help="Only lines changed since the merge base with REF.")
# -- pre-commit (reviewbot.pipeline.changed) --
@click.option("--staged", is_flag=True, help="Only the lines staged for commit (the pre-commit hook).")
@click.option("--all-lines", is_flag=True, help="With --staged: every line of the staged files.")
# -- end pre-commit --
@analysis_options(baseline=True)
@click.option("--quiet", is_flag=True, help="No progress bar or summary on stderr.")
@click.option("--show-dropped", is_flag=True,
              help="List the findings not reported because of the file's role, and why.")
@debug_option
@click.pass_context
def check(  # noqa: PLR0913 - one parameter per option
    ctx: click.Context,
    /,
    paths: tuple[Path, ...],
    *,
    fmt: str,
    output: Path | None,
    base_ref: str | None,
    staged: bool,
    all_lines: bool,
    quiet: bool,
    show_dropped: bool,
    analysis: CheckOptions,
) -> None:
    """Audit files (default: the repository you are in)."""
    _refuse_contradictions(base_ref=base_ref, staged=staged, all_lines=all_lines)
    console = Console.for_streams(quiet=quiet)
    options = replace(analysis, paths=paths)
    if staged:  # -- pre-commit (reviewbot.pipeline.changed) --
        result = _staged_check(options, all_lines=all_lines)
    elif base_ref:
        result = _changed_check(options, base_ref)
    else:
        result = run_check(options, progress=progress_bar(console))
    console.clear_progress()
    _nothing_checked(result, paths, narrowed=staged or bool(base_ref))
    result = replace(result, list_dropped=show_dropped)
    text = render(result, fmt, color=fmt == "text" and output is None and console.stdout_is_terminal)
    console.emit(text, output)
    ctx.exit(1 if result.blocking else 0)


def _refuse_contradictions(*, base_ref: str | None, staged: bool, all_lines: bool) -> None:
    """Flags that cannot both hold: one line naming both, exit 2."""
    if staged and base_ref:
        raise UsageError("--staged and --base contradict: the staged lines or the lines since REF")
    if all_lines and not staged:
        raise UsageError("--all-lines goes with --staged: it widens the staged view to whole files")


cli.add_command(commands_info.rules_command)
cli.add_command(commands_info.explain_command)
cli.add_command(commands_info.config_command)


for command in (*ADOPTION_COMMANDS, review_command, baseline_command):
    cli.add_command(command)


def _nothing_checked(result: CheckResult, paths: tuple[Path, ...], *, narrowed: bool) -> None:
    """Warn when no file was checked; a usage error when the named paths hold none to check.

    A wrong path must not pass green. Files named one by one (as pre-commit passes them) that
    the config all excludes are a warning only, as are ``--staged`` and ``--base`` runs with
    no changed Python file: there is nothing to check, and that is not an error.
    """
    if result.files_checked:
        return
    named = paths or (Path.cwd(),)
    if narrowed or (paths and all(path.is_file() for path in paths)):
        click.echo(f"reviewbot: warning: {_NOTHING_TO_CHECK} (all excluded or unchanged)", err=True)
        return
    shown = ", ".join(str(path) for path in named)
    raise UsageError(f"{_NOTHING_TO_CHECK} in {shown} (nothing was checked)")


_NOTHING_TO_CHECK = "no Python file to check"


def _changed_check(options: CheckOptions, base_ref: str) -> CheckResult:
    """``check --base``: imported when used, as it pulls in the review machinery."""
    from reviewbot.pipeline.changed import run_changed_check

    return run_changed_check(options, base_ref)


def _staged_check(options: CheckOptions, *, all_lines: bool) -> CheckResult:
    """``check --staged``: imported when used, as it pulls in the review machinery."""
    from reviewbot.pipeline.changed import run_staged_check

    return run_staged_check(options, all_lines=all_lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run reviewbot with ``argv`` (default: sys.argv[1:]) and return the exit code.

    Tracebacks are printed when ``--debug`` was parsed: its option records it in ``invocation``,
    the context object handed to click, which is still here when the command raises.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    invocation = Invocation()
    try:
        returned = cli.main(args=args, prog_name="reviewbot", standalone_mode=False, obj=invocation)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.FileError as error:  # a file click opened for us: reviewbot's one line
        click.echo(f"reviewbot: error: {error.ui_filename}: cannot read: {error.message}", err=True)
        return 2
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("reviewbot: interrupted", err=True)
        return EXIT_INTERRUPTED
    except ReviewbotError as error:
        if invocation.debug:
            traceback.print_exc()
        click.echo(f"reviewbot: error: {error}", err=True)
        return error.exit_code
    except Exception as error:  # noqa: BLE001 - the one place that turns any crash into exit 3
        if invocation.debug:
            traceback.print_exc()
        hint = "" if invocation.debug else " (rerun with --debug)"
        click.echo(f"reviewbot: internal error: {type(error).__name__}: {error}{hint}", err=True)
        return EXIT_INTERNAL
    return returned if isinstance(returned, int) else 0


def entry_point() -> None:
    """Console-script entry point."""
    sys.exit(main())


__all__ = ["UsageError", "cli", "entry_point", "main"]
