"""The two calls behind ``reviewbot review`` under GitHub Actions: before and after the review.

``actions_review`` (which the command line calls with its ``GithubOptions``) makes them.

``pull_request_run`` takes a runner on a ``pull_request(_target)`` event and says whether to
skip (drafts and bots' pull requests, unless included); otherwise it fetches what the checkout
lacks so the head can be compared with its merge base. ``deliver`` posts the finished review,
or falls back to annotations and the job summary, and writes the step outputs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import TextIO

import requests
from github.GithubException import GithubException

from reviewbot.change.fetch import ensure_history
from reviewbot.deliver.github.environment import PullRequest, Runner, skip_reason
from reviewbot.deliver.github.fallback import (
    append_step_summary,
    fallback_annotations,
    ranked,
    step_summary,
)
from reviewbot.deliver.github.outputs import ReviewOutputs, write_outputs
from reviewbot.deliver.github.poster import PostOutcome, post_review
from reviewbot.deliver.github.redact import NO_SECRETS, Redactor
from reviewbot.deliver.github.retry import Retrier, RetryPolicy, describe
from reviewbot.deliver.github.thread import PullThread, ThreadAddress
from reviewbot.report.github import escape_data
from reviewbot.review.model import Review

Note = Callable[[str], None]
SKIPPED_VERDICT = "skipped"


@dataclass(frozen=True)
class DeliverySettings:
    """How the review reaches the pull request."""

    include_drafts: bool = False
    include_bots: bool = False
    retry: RetryPolicy = field(default_factory=RetryPolicy)


@dataclass(frozen=True)
class Streams:
    """Where delivery writes: workflow commands (stdout) and one-line notes (stderr).

    Everything goes through ``command`` and ``say``, which hide ``redact``'s secrets; ``deliver``
    adds the runner's token to them, so no caller can forget it.
    """

    commands: TextIO
    note: Note
    redact: Redactor = NO_SECRETS

    def redacting(self, token: str | None) -> Streams:
        """These streams, also hiding ``token``."""
        return Streams(self.commands, self.note, self.redact.adding(token))

    def command(self, line: str) -> None:
        """Write one workflow command line."""
        self.commands.write(self.redact(line) + "\n")

    def say(self, message: str) -> None:
        """Write one note."""
        self.note(self.redact(message))


@dataclass(frozen=True)
class PullRequestRun:
    """A run on a pull request event: the runner, the pull request, and what to compare."""

    runner: Runner
    pull: PullRequest
    skip: str | None
    merge_base: str | None


@dataclass(frozen=True)
class Delivery:
    """Where the review went: posted (and what was written), or the reason it fell back."""

    posted: PostOutcome | None
    fallback_reason: str | None


def pull_request_run(runner: Runner, root: Path, settings: DeliverySettings, note: Note) -> PullRequestRun:
    """The pull request ``runner`` is about, with its history made complete unless it is skipped."""
    pull = runner.pull_request
    if pull is None:
        raise ValueError("pull_request_run needs a runner on a pull request event")
    skip = skip_reason(pull, include_drafts=settings.include_drafts, include_bots=settings.include_bots)
    merge_base = None if skip else ensure_history(root, pull.base_sha, pull.head_sha, note=note)
    return PullRequestRun(runner, pull, skip, merge_base)


def report_skip(run: PullRequestRun, out: TextIO) -> None:
    """The one-line notice for a skipped pull request, and outputs saying nothing was found."""
    redact = Redactor.of(run.runner.token)
    out.write(redact(f"::notice title=reviewbot::{escape_data(run.skip or '')}") + "\n")
    if run.runner.output is not None:
        write_outputs(run.runner.output, ReviewOutputs(0, 0, SKIPPED_VERDICT, ""), redact)


def deliver(
    review: Review, run: PullRequestRun, outputs: ReviewOutputs, settings: DeliverySettings, out: Streams
) -> Delivery:
    """Post ``review`` to the pull request, or fall back; then write the step outputs.

    The runner's token is hidden from everything written (and from the returned reason).
    """
    out = out.redacting(run.runner.token)
    delivery = _post_or_fall_back(review, run, settings, out)
    if run.runner.output is not None:
        write_outputs(run.runner.output, outputs, out.redact)
    reason = delivery.fallback_reason
    return Delivery(delivery.posted, None if reason is None else out.redact(reason))


def _post_or_fall_back(
    review: Review, run: PullRequestRun, settings: DeliverySettings, out: Streams
) -> Delivery:
    token = run.runner.token
    if not token:
        return _fall_back(review, run, "no GITHUB_TOKEN was given", out)
    address = ThreadAddress(run.runner.api_url, run.runner.repository, run.pull.number, token)
    try:
        thread = PullThread(address)
        posted = post_review(review, thread, Retrier(settings.retry, log=out.say), out.say)
    except GithubException as error:
        return _fall_back(review, run, _refusal(error, run.pull), out)
    except requests.RequestException as error:
        return _fall_back(review, run, f"GitHub could not be reached: {describe(error)}", out)
    out.say(_posted_line(posted, run.pull.number))
    return Delivery(posted, None)


def _refusal(error: GithubException, pull: PullRequest) -> str:
    """Why GitHub refused, in words that say what to do."""
    if error.status != HTTPStatus.FORBIDDEN:
        return f"GitHub answered {describe(error)}"
    if pull.from_fork:
        return "the pull request comes from a fork, whose token may not write (HTTP 403)"
    return "the token may not write to this pull request (HTTP 403); give the job `pull-requests: write`"


def _fall_back(review: Review, run: PullRequestRun, reason: str, out: Streams) -> Delivery:
    for line in fallback_annotations(ranked(review.new)):
        out.command(line)
    out.command(f"::notice title=reviewbot::{escape_data(f'review not posted: {reason}')}")
    if run.runner.step_summary is not None:
        append_step_summary(run.runner.step_summary, step_summary(review, reason), out.redact)
    return Delivery(None, reason)


def _posted_line(posted: PostOutcome, number: int) -> str:
    return (
        f"reviewed #{number}: {posted.comments_posted} new comment(s), "
        f"{posted.already_posted} already posted, {posted.marked_fixed} marked fixed, "
        f"{posted.dismissed} review(s) dismissed, {posted.outside_diff} outside the diff "
        "(in the summary)"
    )
