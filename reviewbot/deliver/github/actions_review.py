"""``reviewbot review`` under GitHub Actions: the calls before and after the review.

The command line parses its flags into a ``GithubOptions`` record; nothing of click reaches
here. Before the review, ``begin_actions_review`` reads the runner. On a ``pull_request`` or
``pull_request_target`` event it defaults ``--base``/``--head`` to the pull request's base and
head commits (and the description, for RB503, to its body), skips drafts and bots' pull
requests unless included, and fetches what a shallow checkout lacks. After the review,
``finish_actions_review`` posts it (unless ``--dry-run``) or falls back, and writes the outputs.

This module loads without PyGithub and requests; ``delivery`` (which needs them) is imported
only when a pull request is reviewed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reviewbot.deliver.github.environment import read_runner
from reviewbot.errors import UsageError

if TYPE_CHECKING:  # PyGithub and requests load only when a pull request is reviewed
    from reviewbot.deliver.github.delivery import DeliverySettings, PullRequestRun
    from reviewbot.review.run import ReviewRun

DEFAULT_HEAD = "HEAD"


@dataclass(frozen=True)
class GithubOptions:
    """What ``reviewbot review`` was asked for that the GitHub layer reads.

    ``base_ref``/``head_ref`` as given (under Actions, the pull request fills in what was not);
    ``sarif_file`` is reported in the step outputs; ``write_pause`` is seconds between writes.
    """

    base_ref: str | None = None
    head_ref: str = DEFAULT_HEAD
    dry_run: bool = False
    sarif_file: Path | None = None
    include_drafts: bool = False
    include_bots: bool = False
    write_pause: float = 1.0


@dataclass(frozen=True)
class ActionsReview:
    """The refs a ``review`` compares and, on a pull request event, the pull request.

    ``description`` is the pull request's body (None off a pull request event); ``run`` and
    ``settings`` are None off a pull request event, where nothing is posted.
    """

    options: GithubOptions
    base_ref: str
    head_ref: str
    description: str | None = None
    run: PullRequestRun | None = None
    settings: DeliverySettings | None = None

    @property
    def skipped(self) -> bool:
        """Whether this pull request is not reviewed (a draft or a bot's, by policy)."""
        return self.run is not None and self.run.skip is not None


def begin_actions_review(
    options: GithubOptions, environ: Mapping[str, str] | None = None
) -> ActionsReview:
    """The refs to compare: ``options``', completed from the pull request event under Actions.

    Off a pull request event ``--base`` is required. A skipped pull request gets its one-line
    notice and outputs here.
    """
    runner = read_runner(os.environ if environ is None else environ)
    if runner is None or runner.pull_request is None:
        if not options.base_ref:
            raise UsageError("--base is required outside a GitHub pull_request event")
        return ActionsReview(options, options.base_ref, options.head_ref)
    from reviewbot.deliver.github.delivery import DeliverySettings, pull_request_run, report_skip
    from reviewbot.deliver.github.retry import RetryPolicy

    settings = DeliverySettings(
        include_drafts=options.include_drafts,
        include_bots=options.include_bots,
        retry=RetryPolicy(write_pause=options.write_pause),
    )
    run = pull_request_run(runner, Path.cwd(), settings, _note)
    if run.skip is not None:
        report_skip(run, sys.stdout)
    return ActionsReview(
        options,
        base_ref=options.base_ref or run.pull.base_sha,
        head_ref=run.pull.head_sha if options.head_ref == DEFAULT_HEAD else options.head_ref,
        description=run.pull.description,
        run=run,
        settings=settings,
    )


def finish_actions_review(actions: ActionsReview, review_run: ReviewRun) -> None:
    """Post the review (or fall back) and write the step outputs. Off a pull request event
    nothing is posted, and unless ``--dry-run`` asked for exactly that, a note says so."""
    if actions.run is None or actions.settings is None:
        if not actions.options.dry_run:
            _note(NOT_POSTED)
        return
    from reviewbot.deliver.github.delivery import Streams, deliver
    from reviewbot.deliver.github.outputs import ReviewOutputs, write_outputs
    from reviewbot.deliver.github.redact import Redactor

    sarif_file = actions.options.sarif_file
    outputs = ReviewOutputs(
        new_findings=len(review_run.review.new),
        blocking=len(review_run.blocking),
        verdict=review_run.review.verdict.value,
        sarif_file=str(sarif_file or ""),
    )
    if actions.options.dry_run:
        _note("--dry-run: not posting to the pull request")
        if actions.run.runner.output is not None:
            write_outputs(actions.run.runner.output, outputs, Redactor.of(actions.run.runner.token))
        return
    deliver(review_run.review, actions.run, outputs, actions.settings, Streams(sys.stdout, _note))


NOT_POSTED = (
    "not on a GitHub pull_request event, so nothing was posted; the review above is what would "
    "be (run it from the action, or pass --dry-run to say this is a preview)"
)


def _note(message: str) -> None:
    """A one-line note on stderr."""
    sys.stderr.write(f"reviewbot: {message}\n")
    sys.stderr.flush()
