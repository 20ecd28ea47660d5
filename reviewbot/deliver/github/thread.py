"""One pull request's conversation through PyGithub: the only module that calls the library.

The client is lazy (no request until one is needed), pages 100 items at a time, does not retry
or pace by itself (``reviewbot.deliver.github.retry`` does both), and never logs headers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from github import Auth, Github
from github.NamedUser import NamedUser
from github.Organization import Organization
from github.PullRequest import ReviewComment as CommentPayload

from reviewbot import __version__

PAGE_SIZE = 100
TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class Posted:
    """Something on the pull request: a review, an inline comment or an issue comment."""

    id: int
    body: str
    author: str
    state: str = ""  # reviews: APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING
    commit: str = ""  # reviews: the commit reviewed


@dataclass(frozen=True)
class ThreadAddress:
    """Where the pull request lives and how to reach it. The token is kept out of ``repr``."""

    api_url: str
    repository: str
    number: int
    token: str = field(repr=False)
    page_size: int = PAGE_SIZE


class PullThread:
    """Reads and writes one pull request's reviews, review comments and issue comments."""

    def __init__(self, address: ThreadAddress) -> None:
        self._github = Github(
            base_url=address.api_url,
            auth=Auth.Token(address.token),
            user_agent=f"reviewbot/{__version__}",
            per_page=address.page_size,
            timeout=TIMEOUT_SECONDS,
            retry=None,
            seconds_between_requests=None,
            seconds_between_writes=None,
            lazy=True,
        )
        self._repo = self._github.get_repo(address.repository)
        self._pull = self._repo.get_pull(address.number)
        self._issue = self._repo.get_issue(address.number)

    def patches(self) -> list[tuple[str, str | None]]:
        """``(filename, patch)`` for every file the pull request changes."""
        return [(item.filename, item.patch) for item in self._pull.get_files()]

    def review_comments(self) -> list[Posted]:
        """Every inline review comment on the pull request."""
        return [
            Posted(item.id, item.body or "", _login(item.user))
            for item in self._pull.get_review_comments()
        ]

    def reviews(self) -> list[Posted]:
        """Every review on the pull request."""
        return [
            Posted(item.id, item.body or "", _login(item.user), item.state, item.commit_id or "")
            for item in self._pull.get_reviews()
        ]

    def issue_comments(self) -> list[Posted]:
        """Every conversation comment on the pull request."""
        return [
            Posted(item.id, item.body or "", _login(item.user))
            for item in self._issue.get_comments()
        ]

    def create_review(self, commit: str, body: str, event: str, comments: list[CommentPayload]) -> Posted:
        """Create and submit one review in a single call (never left pending)."""
        review = self._pull.create_review(
            commit=self._repo.get_commit(commit), body=body, event=event, comments=comments
        )
        return Posted(review.id, review.body or "", _login(review.user), review.state, commit)

    def edit_review_comment(self, comment_id: int, body: str) -> None:
        """Replace an inline comment's body."""
        self._pull.get_review_comment(comment_id).edit(body)

    def dismiss_review(self, review_id: int, message: str) -> None:
        """Dismiss a review (it stops requesting changes)."""
        self._pull.get_review(review_id).dismiss(message)

    def create_issue_comment(self, body: str) -> Posted:
        """Add a conversation comment."""
        comment = self._issue.create_comment(body)
        return Posted(comment.id, comment.body or "", _login(comment.user))

    def edit_issue_comment(self, comment_id: int, body: str) -> None:
        """Replace a conversation comment's body."""
        self._issue.get_comment(comment_id).edit(body)


def _login(user: NamedUser | Organization | None) -> str:
    return user.login if user is not None else ""
