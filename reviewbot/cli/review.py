"""``reviewbot review``: review a change and print exactly what would be posted.

Under GitHub Actions, on a pull request event, it also posts the review (unless ``--dry-run``):
``reviewbot.deliver.github.review_cli`` supplies the refs before the review and delivers it after.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from reviewbot.cli.console import Console
from reviewbot.cli.options import baseline_option, check_options, policy_options, run_options
from reviewbot.deliver.github.review_cli import (
    actions_options,
    begin_actions_review,
    finish_actions_review,
)
from reviewbot.errors import UsageError
from reviewbot.report import sarif
from reviewbot.report.review_json import render_review_json
from reviewbot.report.review_summary import render_summary
from reviewbot.report.review_terminal import render_review_text
from reviewbot.review.run import ReviewOptions, ReviewRun, run_review

REVIEW_FORMATS = ("text", "json", "markdown")


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
@click.option(
    "--format",
    "fmt",
    type=click.Choice(REVIEW_FORMATS),
    default="text",
    show_default=True,
    help="text: the summary and every comment; json: the Review JSON; markdown: the summary.",
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
@policy_options
@run_options
@baseline_option
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@actions_options
@click.pass_context
def review_command(ctx: click.Context, /, **params: Any) -> None:
    """Review the change from the merge base of --base to --head, as a senior reviewer would."""
    console = Console.for_streams(quiet=True)
    # -- GitHub Actions (reviewbot.deliver.github.review_cli): the pull request's refs, skips, history --
    actions = begin_actions_review(params)
    if actions is not None:
        if actions.skipped:
            ctx.exit(0)
        params = dict(actions.params)
    # -- end GitHub Actions --
    run = run_review(
        ReviewOptions(
            base_ref=params["base_ref"],
            head_ref=params["head_ref"],
            description=read_description(params.get("description_file"))
            or params.get("description"),
            max_comments=params.get("max_comments"),
            analysis=check_options((), params),
        ),
        render_summary,
    )
    console.emit(render_run(run, params["fmt"], color=console.stdout_is_terminal), None)
    if params.get("sarif_file"):
        console.emit(sarif.render(run.new_findings_result()), params["sarif_file"])
    finish_actions_review(actions, run)  # -- GitHub Actions: post, or fall back; outputs --
    ctx.exit(1 if run.blocking else 0)


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
