"""Post a Review to its pull request: one review, fixed notes, dismissals, one summary comment.

Writes happen in that order, each through the Retrier (paced, retried, and for creates, looked
for before being written again). A 403 on a create or on the summary means the token may not
write (a fork's pull request, a read-only token) and reaches the caller, which falls back to
annotations. Editing a comment or dismissing a review that turns out not to be reviewbot's to
change (403, 404, 422) is reported and skipped: it never blocks the rest of the review.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from http import HTTPStatus

from github.GithubException import GithubException

from reviewbot.deliver.github.bodies import is_summary, review_token
from reviewbot.deliver.github.diff_lines import diff_lines_from_patches
from reviewbot.deliver.github.plan import DeliveryPlan, ReviewDraft, plan_delivery
from reviewbot.deliver.github.prior import load_prior
from reviewbot.deliver.github.retry import Retrier, describe
from reviewbot.deliver.github.thread import Posted, PullThread
from reviewbot.review.model import Review, ReviewEvent

Log = Callable[[str], None]
_NOT_OURS = (HTTPStatus.FORBIDDEN, HTTPStatus.NOT_FOUND, HTTPStatus.UNPROCESSABLE_ENTITY)


@dataclass(frozen=True)
class PostOutcome:
    """What a run wrote: the review (if any), comment counts, and the summary comment."""

    review_id: int | None
    comments_posted: int
    already_posted: int
    marked_fixed: int
    dismissed: int
    summary_id: int
    outside_diff: int


def post_review(review: Review, thread: PullThread, retrier: Retrier, log: Log) -> PostOutcome:
    """Bring the pull request in line with ``review``; GithubException if the token cannot."""
    plan = plan_delivery(
        review,
        diff_lines_from_patches(retrier.read(thread.patches)),
        load_prior(thread, retrier),
    )
    created = _create_review(plan.review, review.head, thread, retrier, log)
    fixed = sum(_try(partial(thread.edit_review_comment, n.comment_id, n.body), retrier, log) for n in plan.fixed)
    dismissed = sum(
        _try(partial(thread.dismiss_review, review_id, plan.dismiss_message), retrier, log)
        for review_id in plan.dismiss
    )
    return PostOutcome(
        review_id=created.id if created else None,
        comments_posted=len(plan.review.comments) if created and plan.review else 0,
        already_posted=plan.already_posted,
        marked_fixed=fixed,
        dismissed=dismissed,
        summary_id=_write_summary(plan, thread, retrier, log),
        outside_diff=len(plan.outside),
    )


def _create_review(
    draft: ReviewDraft | None, head: str, thread: PullThread, retrier: Retrier, log: Log
) -> Posted | None:
    if draft is None:
        return None

    def create(event: ReviewEvent) -> Posted:
        return thread.create_review(head, draft.body, event.value, list(draft.comments))

    def look() -> Posted | None:
        return next((r for r in thread.reviews() if review_token(r.body) == draft.token), None)

    try:
        return retrier.write(partial(create, draft.event), look)
    except GithubException as error:
        if draft.event is not ReviewEvent.APPROVE or error.status != HTTPStatus.UNPROCESSABLE_ENTITY:
            raise
        log(f"GitHub would not approve ({describe(error)}); posting the comments without approval")
        return retrier.write(partial(create, ReviewEvent.COMMENT), look) if draft.comments else None


def _write_summary(plan: DeliveryPlan, thread: PullThread, retrier: Retrier, log: Log) -> int:
    if plan.summary_id is not None:
        if plan.summary_unchanged:
            return plan.summary_id
        if _try(partial(thread.edit_issue_comment, plan.summary_id, plan.summary), retrier, log):
            return plan.summary_id
    known = plan.summary_id

    def look() -> Posted | None:
        return next((c for c in thread.issue_comments() if is_summary(c.body) and c.id != known), None)

    return retrier.write(partial(thread.create_issue_comment, plan.summary), look).id


def _try(write: Callable[[], None], retrier: Retrier, log: Log) -> bool:
    """Make an edit; False (and a note) when GitHub says the item is not reviewbot's to change."""
    try:
        retrier.write(write)
    except GithubException as error:
        if error.status not in _NOT_OURS:
            raise
        log(f"skipped a change GitHub refused ({describe(error)})")
        return False
    return True
