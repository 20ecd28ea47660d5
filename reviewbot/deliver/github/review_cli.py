"""``reviewbot review`` under GitHub Actions: the options it adds, and the calls around the review.

Before the review, ``begin_actions_review`` reads the runner. On a ``pull_request`` or
``pull_request_target`` event it defaults ``--base``/``--head`` to the pull request's base and
head commits (and the description, for RB503, to its body), skips drafts and bots' pull
requests unless included, and fetches what a shallow checkout lacks. After the review,
``finish_actions_review`` posts it (unless ``--dry-run``) or falls back, and writes the outputs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from reviewbot.deliver.github.environment import read_runner
from reviewbot.errors import UsageError

if TYPE_CHECKING:  # PyGithub and requests load only when a pull request is reviewed
    from reviewbot.deliver.github.delivery import DeliverySettings, PullRequestRun
    from reviewbot.review.run import ReviewRun

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


@dataclass(frozen=True)
class ActionsReview:
    """A ``review`` run on a pull request event, and the options it was given."""

    run: PullRequestRun
    settings: DeliverySettings
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def skipped(self) -> bool:
        """Whether this pull request is not reviewed (a draft or a bot's, by policy)."""
        return self.run.skip is not None


def begin_actions_review(
    params: Mapping[str, Any], environ: Mapping[str, str] | None = None
) -> ActionsReview | None:
    """The pull request under review with ``params`` completed from its event; None off Actions.

    A skipped pull request gets its one-line notice and outputs here.
    """
    runner = read_runner(os.environ if environ is None else environ)
    if runner is None or runner.pull_request is None:
        if not params.get("base_ref"):
            raise UsageError("--base is required outside a GitHub pull_request event")
        return None
    from reviewbot.deliver.github.delivery import DeliverySettings, pull_request_run, report_skip
    from reviewbot.deliver.github.retry import RetryPolicy

    settings = DeliverySettings(
        include_drafts=bool(params.get("include_drafts")),
        include_bots=bool(params.get("include_bots")),
        retry=RetryPolicy(write_pause=float(params.get("write_pause", 1.0))),
    )
    run = pull_request_run(runner, Path.cwd(), settings, _note)
    if run.skip is not None:
        report_skip(run, sys.stdout)
    completed = {
        **params,
        "base_ref": params.get("base_ref") or run.pull.base_sha,
        "head_ref": run.pull.head_sha if params.get("head_ref") in (None, "HEAD") else params["head_ref"],
        "description": run.pull.description,
    }
    return ActionsReview(run, settings, completed)


def finish_actions_review(actions: ActionsReview | None, review_run: ReviewRun) -> None:
    """Post the review (or fall back) and write the step outputs; nothing off Actions."""
    if actions is None:
        return
    from reviewbot.deliver.github.delivery import Streams, deliver
    from reviewbot.deliver.github.outputs import ReviewOutputs, write_outputs

    sarif_file = actions.params.get("sarif_file")
    outputs = ReviewOutputs(
        new_findings=len(review_run.review.new),
        blocking=len(review_run.blocking),
        verdict=review_run.review.verdict.value,
        sarif_file=str(sarif_file or ""),
    )
    if actions.params.get("dry_run"):
        _note("--dry-run: not posting to the pull request")
        if actions.run.runner.output is not None:
            write_outputs(actions.run.runner.output, outputs)
        return
    deliver(review_run.review, actions.run, outputs, actions.settings, Streams(sys.stdout, _note))


def _note(message: str) -> None:
    click.echo(f"reviewbot: {message}", err=True)
