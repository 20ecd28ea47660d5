"""What one run must write, decided from the review, the diff and what earlier runs posted.

A pure function, so every idempotency rule is testable without a server:

- an inline comment whose fingerprint an open reviewbot comment already carries is not posted
  again (a re-run, or code that moved: fingerprints hold no line numbers);
- an open reviewbot comment whose fingerprint this review no longer has is marked fixed;
- a review is created only when it carries new comments, or when its blocking event
  (REQUEST_CHANGES, APPROVE) differs from reviewbot's latest review: a COMMENT review with no
  comments would only add noise;
- earlier REQUEST_CHANGES reviews are dismissed once the review stops requesting changes;
- the summary is edited only when its text changes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from github.PullRequest import ReviewComment as CommentPayload

from reviewbot.deliver.github.bodies import (
    comment_body,
    fingerprints_in,
    fixed_in,
    marked_fixed,
    review_marker,
    summary_body,
)
from reviewbot.deliver.github.diff_lines import DiffLines, place_comments
from reviewbot.deliver.github.prior import PriorState
from reviewbot.review.model import Review, ReviewComment, ReviewEvent

RIGHT = "RIGHT"
_STATE_OF_EVENT = {ReviewEvent.REQUEST_CHANGES: "CHANGES_REQUESTED", ReviewEvent.APPROVE: "APPROVED"}
_VERDICT_WORDS = {
    ReviewEvent.REQUEST_CHANGES: "changes requested",
    ReviewEvent.APPROVE: "approved",
    ReviewEvent.COMMENT: "comments",
}
DISMISS_MESSAGE = "reviewbot: the blocking findings are resolved as of {sha}."


@dataclass(frozen=True)
class ReviewDraft:
    """The one review to create, with its event, inline comments and identifying token."""

    token: str
    event: ReviewEvent
    body: str
    comments: tuple[CommentPayload, ...]


@dataclass(frozen=True)
class FixedNote:
    """An earlier inline comment to edit: its finding is gone."""

    comment_id: int
    body: str


@dataclass(frozen=True)
class DeliveryPlan:
    """Every write of one run, in the order they are made."""

    review: ReviewDraft | None
    fixed: tuple[FixedNote, ...]
    dismiss: tuple[int, ...]
    dismiss_message: str
    summary: str
    summary_id: int | None
    summary_unchanged: bool
    already_posted: int
    outside: tuple[ReviewComment, ...]


def plan_delivery(review: Review, diff: DiffLines, prior: PriorState) -> DeliveryPlan:
    """The writes that bring the pull request in line with ``review``."""
    placement = place_comments(review.comments, diff)
    posted = prior.open_fingerprints()
    fresh = _unique([c for c in placement.inline if c.fingerprint not in posted])
    summary = summary_body(review.summary, placement.outside)
    requesting = review.event is ReviewEvent.REQUEST_CHANGES
    return DeliveryPlan(
        review=_draft(review, fresh, prior),
        fixed=_fixed_notes(review, prior),
        dismiss=() if requesting else prior.requesting_changes(),
        dismiss_message=DISMISS_MESSAGE.format(sha=review.head),
        summary=summary,
        summary_id=prior.summary.id if prior.summary else None,
        summary_unchanged=prior.summary is not None and prior.summary.body == summary,
        already_posted=len(placement.inline) - len(fresh),
        outside=placement.outside,
    )


def comment_payload(comment: ReviewComment) -> CommentPayload:
    """One inline comment as the create-review call takes it (line, side, start_line)."""
    payload = CommentPayload(path=comment.path, body=comment_body(comment), line=comment.line, side=RIGHT)
    if comment.start_line is not None:
        payload["start_line"] = comment.start_line
        payload["start_side"] = RIGHT
    return payload


def draft_token(review: Review, comments: list[ReviewComment]) -> str:
    """A token naming this exact review: the same head, event and comments give the same one."""
    parts = [review.head, review.event.value, *sorted(c.fingerprint for c in comments)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:20]


def _draft(review: Review, fresh: list[ReviewComment], prior: PriorState) -> ReviewDraft | None:
    wanted_state = _STATE_OF_EVENT.get(review.event)
    if not fresh and (wanted_state is None or prior.latest_review_state() == wanted_state):
        return None
    token = draft_token(review, fresh)
    return ReviewDraft(
        token=token,
        event=review.event,
        body=_review_body(review, len(fresh), token),
        comments=tuple(comment_payload(comment) for comment in fresh),
    )


def _review_body(review: Review, new_comments: int, token: str) -> str:
    noun = "comment" if new_comments == 1 else "comments"
    return (
        f"**reviewbot**: {_VERDICT_WORDS[review.event]} for {review.head[:12]}, "
        f"{new_comments} new inline {noun}. The summary comment has the full picture.\n\n"
        f"{review_marker(token)}"
    )


def _fixed_notes(review: Review, prior: PriorState) -> tuple[FixedNote, ...]:
    current = _current_fingerprints(review)
    return tuple(
        FixedNote(comment.id, marked_fixed(comment.body, review.head))
        for comment in prior.comments
        if fixed_in(comment.body) is None and not set(fingerprints_in(comment.body)) & current
    )


def _current_fingerprints(review: Review) -> frozenset[str]:
    """Every finding the review still sees, whether or not it is commented on."""
    findings = (*review.new, *review.existing, *review.overflow)
    from_comments = (f.fingerprint for c in review.comments for f in c.findings)
    return frozenset(
        [*(f.fingerprint for f in findings), *(c.fingerprint for c in review.comments), *from_comments]
    )


def _unique(comments: list[ReviewComment]) -> list[ReviewComment]:
    seen: set[str] = set()
    unique = []
    for comment in comments:
        if comment.fingerprint not in seen:
            seen.add(comment.fingerprint)
            unique.append(comment)
    return unique
