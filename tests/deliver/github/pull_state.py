"""The state a GitHub stand-in keeps for one pull request, and the operations that change it.

Objects are built as GitHub builds them: the minimal instance of the operation's response schema
(every required field present) with the fields that matter filled in, so the stand-in's answers
validate against GitHub's own description. Rules GitHub enforces that reviewbot relies on are
enforced here too: a review comment only on a line the diff shows (start_line in the same
hunk), a body for COMMENT and REQUEST_CHANGES reviews, dismissals only of blocking reviews,
and edits only of one's own comments.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from tests.deliver.github.openapi import OpenApi, minimal_instance

BOT = {"login": "github-actions[bot]", "id": 41898282, "type": "Bot"}
HUMAN = {"login": "octocat", "id": 1, "type": "User"}
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)
_DOCS = "https://docs.github.com/rest"
_EVENT_STATES = {"COMMENT": "COMMENTED", "REQUEST_CHANGES": "CHANGES_REQUESTED", "APPROVE": "APPROVED"}


class ApiError(Exception):
    """An error answer: status and GitHub's JSON error body."""

    def __init__(self, status: int, message: str, errors: list[str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.payload: dict[str, Any] = {"message": message, "documentation_url": _DOCS}
        if errors:
            self.payload["errors"] = errors


@dataclass(frozen=True)
class ChangedFile:
    """One file of the pull request, with the patch GitHub shows."""

    filename: str
    patch: str | None
    status: str = "modified"

    def hunks(self) -> list[range]:
        """New-side line ranges of the hunks: GitHub's own reading of its patch."""
        if self.patch is None:
            return []
        return [
            range(int(m.group(1)), int(m.group(1)) + int(m.group(2) or "1"))
            for m in _HUNK.finditer(self.patch)
        ]


@dataclass
class PullState:
    """One repository's one pull request: its commits, files, reviews and comments."""

    api: OpenApi
    base_url: str
    owner: str = "octo"
    repo: str = "demo"
    number: int = 7
    head: str = ""
    commits: set[str] = field(default_factory=set)
    files: list[ChangedFile] = field(default_factory=list)
    reviews: list[dict[str, Any]] = field(default_factory=list)
    review_comments: list[dict[str, Any]] = field(default_factory=list)
    issue_comments: list[dict[str, Any]] = field(default_factory=list)
    approvals_allowed: bool = False
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1001))

    # -- the test's side ---------------------------------------------------------------

    def push(self, head: str, files: list[ChangedFile], *, commits: set[str] | None = None) -> None:
        """The pull request's head moves to ``head`` with these changed files."""
        self.head = head
        self.commits |= {head, *(commits or set())}
        self.files = files

    def add_issue_comment(self, body: str, user: dict[str, Any] = HUMAN) -> dict[str, Any]:
        """Someone else comments on the conversation."""
        comment = self._issue_comment(body, user)
        self.issue_comments.append(comment)
        return comment

    # -- reads -------------------------------------------------------------------------

    def list_files(self) -> list[dict[str, Any]]:
        return [self._file(changed) for changed in self.files]

    def get_commit(self, ref: str) -> dict[str, Any]:
        if ref not in self.commits:
            raise ApiError(422, f"No commit found for SHA: {ref}")
        commit = self._minimal("GET", f"/repos/{self._full}/commits/{ref}", 200)
        commit.update(sha=ref, url=f"{self._repo_url}/commits/{ref}")
        return commit

    def get_review(self, review_id: int) -> dict[str, Any]:
        return self._find(self.reviews, review_id)

    # -- writes ------------------------------------------------------------------------

    def create_review(self, body: dict[str, Any]) -> dict[str, Any]:
        commit = body.get("commit_id", self.head)
        if commit not in self.commits:
            raise ApiError(422, "Unprocessable Entity", ["Commit ID is not part of the pull request"])
        event = body.get("event")
        if event in ("COMMENT", "REQUEST_CHANGES") and not body.get("body"):
            raise ApiError(422, "Unprocessable Entity", [f"Body is required for event {event}"])
        if event == "APPROVE" and not self.approvals_allowed:
            raise ApiError(422, "Unprocessable Entity", ["GitHub Actions is not permitted to approve pull requests."])
        for comment in body.get("comments", []):
            self._check_placement(comment)
        review = self._review(body.get("body", ""), _EVENT_STATES.get(event or "", "PENDING"), commit)
        self.reviews.append(review)
        for comment in body.get("comments", []):
            self.review_comments.append(self._review_comment(comment, review["id"], commit))
        return review

    def edit_review_comment(self, comment_id: int, body: str) -> dict[str, Any]:
        return self._edit(self.review_comments, comment_id, body)

    def dismiss_review(self, review_id: int, message: str) -> dict[str, Any]:
        review = self._find(self.reviews, review_id)
        if review["state"] not in ("CHANGES_REQUESTED", "APPROVED"):
            raise ApiError(422, "Can not dismiss a commented pull request review")
        review["state"] = "DISMISSED"
        review["dismissal_message"] = message
        return review

    def create_issue_comment(self, body: str) -> dict[str, Any]:
        comment = self._issue_comment(body, BOT)
        self.issue_comments.append(comment)
        return comment

    def edit_issue_comment(self, comment_id: int, body: str) -> dict[str, Any]:
        return self._edit(self.issue_comments, comment_id, body)

    # -- GitHub's rules and object shapes -----------------------------------------------

    def _check_placement(self, comment: dict[str, Any]) -> None:
        if "position" in comment or "line" not in comment:
            raise ApiError(422, "Unprocessable Entity", ["line is required (position is deprecated)"])
        hunk = self._hunk_showing(comment["path"], comment["line"])
        if hunk is None or comment.get("side", "RIGHT") != "RIGHT":
            raise ApiError(422, "Unprocessable Entity", ["Pull request review thread line must be part of the diff"])
        start = comment.get("start_line")
        if start is not None and (start not in hunk or start >= comment["line"]):
            raise ApiError(
                422, "Unprocessable Entity",
                ["pull_request_review_thread.start_line must be part of the same hunk as the line."],
            )

    def _hunk_showing(self, path: str, line: int) -> range | None:
        changed = next((f for f in self.files if f.filename == path), None)
        if changed is None:
            raise ApiError(422, "Unprocessable Entity", ["Path could not be resolved"])
        return next((hunk for hunk in changed.hunks() if line in hunk), None)

    def _edit(self, items: list[dict[str, Any]], item_id: int, body: str) -> dict[str, Any]:
        item = self._find(items, item_id)
        if item["user"]["login"] != BOT["login"]:
            raise ApiError(403, "Resource not accessible by integration")
        item["body"] = body
        return item

    def _find(self, items: list[dict[str, Any]], item_id: int) -> dict[str, Any]:
        found = next((item for item in items if item["id"] == item_id), None)
        if found is None:
            raise ApiError(404, "Not Found")
        return found

    @property
    def _full(self) -> str:
        return f"{self.owner}/{self.repo}"

    @property
    def _repo_url(self) -> str:
        return f"{self.base_url}/repos/{self._full}"

    @property
    def _pull_url(self) -> str:
        return f"{self._repo_url}/pulls/{self.number}"

    def _schema(self, method: str, path: str, status: int) -> dict[str, Any]:
        operation = self.api.resolve(method, path)
        schema = operation.spec["responses"][str(status)]["content"]["application/json"]["schema"]
        return dict(schema.get("items", schema))

    def _minimal(self, method: str, path: str, status: int) -> dict[str, Any]:
        instance = minimal_instance(self._schema(method, path, status))
        assert isinstance(instance, dict)
        return instance

    def _user(self, user: dict[str, Any]) -> dict[str, Any]:
        schema = self._schema("GET", f"{self._pull_path}/reviews", 200)["properties"]["user"]
        filled = minimal_instance({key: value for key, value in schema.items() if key != "nullable"})
        filled.update(user, node_id=f"U_{user['id']}")
        return dict(filled)

    def _file(self, changed: ChangedFile) -> dict[str, Any]:
        item = self._minimal("GET", f"{self._pull_path}/files", 200)
        item.update(filename=changed.filename, status=changed.status)
        if changed.patch is not None:
            item["patch"] = changed.patch
        return item

    @property
    def _pull_path(self) -> str:
        return f"/repos/{self._full}/pulls/{self.number}"

    def _review(self, body: str, state: str, commit: str) -> dict[str, Any]:
        review = self._minimal("POST", f"{self._pull_path}/reviews", 200)
        review_id = next(self._ids)
        review.update(
            id=review_id, body=body, state=state, commit_id=commit, user=self._user(BOT),
            pull_request_url=self._pull_url, html_url=f"https://github.invalid/pull/{review_id}",
            submitted_at="2026-01-01T00:00:00Z",
        )
        return review

    def _review_comment(self, comment: dict[str, Any], review_id: int, commit: str) -> dict[str, Any]:
        item = self._minimal("GET", f"{self._pull_path}/comments", 200)
        comment_id = next(self._ids)
        item.update(
            id=comment_id, url=f"{self._repo_url}/pulls/comments/{comment_id}",
            pull_request_review_id=review_id, path=comment["path"], body=comment["body"],
            line=comment["line"], original_line=comment["line"], side=comment.get("side", "RIGHT"),
            start_line=comment.get("start_line"), start_side=comment.get("start_side"),
            commit_id=commit, original_commit_id=commit, user=self._user(BOT),
            pull_request_url=self._pull_url,
        )
        return item

    def _issue_comment(self, body: str, user: dict[str, Any]) -> dict[str, Any]:
        item = self._minimal("GET", f"/repos/{self._full}/issues/{self.number}/comments", 200)
        comment_id = next(self._ids)
        item.update(
            id=comment_id, url=f"{self._repo_url}/issues/comments/{comment_id}", body=body,
            user=self._user(user), issue_url=f"{self._repo_url}/issues/{self.number}",
        )
        return item
