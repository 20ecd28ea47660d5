"""``reviewbot review``: review a change and print exactly what would be posted.

Under GitHub Actions, on a pull request event, it also posts the review (unless ``--dry-run``):
``reviewbot.deliver.github.actions_review`` takes the ``GithubOptions`` record built here,
supplies the refs before the review and delivers it after.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from reviewbot.cli.console import Console
from reviewbot.cli.options import analysis_options, debug_option
from reviewbot.cli.output import (
    ReportOptions,
    exit_status,
    refuse_exit_zero_clash,
    report_options,
)
from reviewbot.deliver.github.actions_review import (
    GithubOptions,
    begin_actions_review,
    finish_actions_review,
)
from reviewbot.errors import UsageError
from reviewbot.pipeline.audit import CheckOptions
from reviewbot.report import sarif
from reviewbot.report.review_json import render_review_json
from reviewbot.report.review_summary import render_summary
from reviewbot.report.review_terminal import render_review_text
from reviewbot.review.run import ReviewOptions, ReviewRun, run_review

REVIEW_FORMATS = ("text", "json", "markdown")

F = TypeVar("F", bound=Callable[..., Any])


def actions_options(function: F) -> F:
    """The options ``review`` takes for pull requests under GitHub Actions."""
    options = [
        click.option("--include-drafts", is_flag=True, help="Under Actions: review draft pull requests too."),
        click.option("--include-bots", is_flag=True, help="Under Actions: review pull requests opened by bots too."),
        click.option(
            "--write-pause", type=click.FloatRange(min=0), default=1.0, show_default=True,
            envvar="REVIEWBOT_WRITE_PAUSE", help="Seconds between writes to GitHub.",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@click.command("review")
@click.option(
    "--base",
    "base_ref",
    help="Branch or commit to compare with (via its merge base); under Actions, the pull request's base.",
)
@click.option(
    "--head",
    "head_ref",
    default="HEAD",
    show_default=True,
    help="The commit under review; under Actions, the pull request's head.",
)
@click.option("--dry-run", is_flag=True, help="Print what would be posted instead of posting it.")
@report_options(
    REVIEW_FORMATS,
    "text",
    "text: the summary and every comment; json: the Review JSON; markdown: the summary.",
)
@click.option(
    "--max-comments",
    type=click.IntRange(min=0),
    help="Inline comment budget (default: [review] max-comments, 25).",
)
@click.option(
    "--sarif-file",
    type=click.Path(path_type=Path),
    help="Also write the new findings as SARIF to FILE.",
)
@click.option(
    "--description-file",
    type=click.Path(path_type=Path),
    help="The pull request's description, for RB503.",
)
@analysis_options(baseline=True)
@debug_option
@actions_options
@click.pass_context
def review_command(  # noqa: PLR0913 - one parameter per option
    ctx: click.Context,
    /,
    *,
    base_ref: str | None,
    head_ref: str,
    dry_run: bool,
    report: ReportOptions,
    max_comments: int | None,
    sarif_file: Path | None,
    description_file: Path | None,
    include_drafts: bool,
    include_bots: bool,
    write_pause: float,
    analysis: CheckOptions,
) -> None:
    """Review the change from the merge base of --base to --head, as a senior reviewer would."""
    refuse_exit_zero_clash(report, analysis.overrides.fail_on)
    console = Console.for_streams(quiet=True)
    github = GithubOptions(
        base_ref=base_ref,
        head_ref=head_ref,
        dry_run=dry_run,
        sarif_file=sarif_file,
        include_drafts=include_drafts,
        include_bots=include_bots,
        write_pause=write_pause,
    )
    # -- GitHub Actions (deliver.github.actions_review): the pull request's refs, skips, history --
    actions = begin_actions_review(github)
    if actions.skipped:
        ctx.exit(0)
    # -- end GitHub Actions --
    run = run_review(
        ReviewOptions(
            base_ref=actions.base_ref,
            head_ref=actions.head_ref,
            description=read_description(description_file) or actions.description,
            max_comments=max_comments,
            analysis=analysis,
        ),
        render_summary,
    )
    color = report.fmt == "text" and report.colored(stdout_is_terminal=console.stdout.isatty())
    console.emit(render_run(run, report.fmt, color=color), report.output)
    if sarif_file:
        console.emit(sarif.render(run.new_findings_result()), sarif_file)
    finish_actions_review(actions, run)  # -- GitHub Actions: post, or fall back; outputs --
    ctx.exit(exit_status(report, blocking=bool(run.blocking)))


def render_run(run: ReviewRun, fmt: str, *, color: bool = False) -> str:
    """The review in ``fmt``: text (summary and comments), json or markdown (the summary)."""
    if fmt == "json":
        return render_review_json(run.review)
    if fmt == "markdown":
        return run.review.summary
    return render_review_text(run.review, color=color)


def read_description(path: Path | None) -> str | None:
    """The text of ``--description-file`` (None when not given)."""
    if path is None:
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read --description-file {path}: {error}") from error
