"""What earlier reviewbot runs left on a pull request, found by the hidden markers in bodies.

Markers, not logins, identify reviewbot's items: under Actions the token's user cannot even
ask who it is (``GET /user`` answers 403 to an installation token), and a personal token is
someone's own account. A marker planted by a person is harmless: reviewbot cannot edit that
comment (403), so it writes a summary of its own, which is the latest one from then on (the
latest summary is the one edited); a planted fingerprint only hides one comment its author
could have silenced with ``# reviewbot: ignore`` anyway.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reviewbot.deliver.github.bodies import fingerprints_in, fixed_in, is_summary, review_token
from reviewbot.deliver.github.retry import Retrier
from reviewbot.deliver.github.thread import Posted, PullThread

CHANGES_REQUESTED = "CHANGES_REQUESTED"


@dataclass(frozen=True)
class PriorState:
    """reviewbot's inline comments, reviews and summary comment, oldest first."""

    comments: tuple[Posted, ...]
    reviews: tuple[Posted, ...]
    summary: Posted | None

    def open_fingerprints(self) -> frozenset[str]:
        """Fingerprints of comments still open (not marked fixed): never posted again."""
        return frozenset(
            fingerprint
            for comment in self.comments
            if fixed_in(comment.body) is None
            for fingerprint in fingerprints_in(comment.body)
        )

    def latest_review_state(self) -> str | None:
        """The state of reviewbot's latest review that was not dismissed."""
        active = [review for review in self.reviews if review.state != "DISMISSED"]
        return active[-1].state if active else None

    def requesting_changes(self) -> tuple[int, ...]:
        """Ids of reviewbot's reviews that still request changes."""
        return tuple(review.id for review in self.reviews if review.state == CHANGES_REQUESTED)


def load_prior(thread: PullThread, retrier: Retrier) -> PriorState:
    """Read the pull request's comments, reviews and conversation, keeping reviewbot's."""
    return prior_from(
        retrier.read(thread.review_comments),
        retrier.read(thread.reviews),
        retrier.read(thread.issue_comments),
    )


def prior_from(
    comments: Iterable[Posted], reviews: Iterable[Posted], issue_comments: Iterable[Posted]
) -> PriorState:
    """reviewbot's items among everything on the pull request."""
    summaries = [item for item in _by_id(issue_comments) if is_summary(item.body)]
    return PriorState(
        comments=tuple(item for item in _by_id(comments) if fingerprints_in(item.body)),
        reviews=tuple(item for item in _by_id(reviews) if review_token(item.body)),
        summary=summaries[-1] if summaries else None,
    )


def _by_id(items: Iterable[Posted]) -> list[Posted]:
    return sorted(items, key=lambda item: item.id)
