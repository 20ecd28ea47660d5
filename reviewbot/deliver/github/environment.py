"""The GitHub Actions runner as reviewbot sees it: variables, files, and the pull request event."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewbot.errors import UsageError

PULL_REQUEST_EVENTS = ("pull_request", "pull_request_target")
DEFAULT_API_URL = "https://api.github.com"
# The action passes its `github-token` input under this name; a workflow may set it directly.
TOKEN_VARIABLE = "GITHUB_TOKEN"


@dataclass(frozen=True)
class PullRequest:
    """The pull request a ``pull_request`` or ``pull_request_target`` event is about."""

    number: int
    head_sha: str
    base_sha: str
    draft: bool
    author_login: str
    author_is_bot: bool
    description: str
    from_fork: bool


@dataclass(frozen=True)
class Runner:
    """What the runner provides. The token is never part of ``repr``, so it cannot leak in logs."""

    event_name: str
    repository: str
    api_url: str
    step_summary: Path | None
    output: Path | None
    pull_request: PullRequest | None
    token: str | None = field(default=None, repr=False)

    @property
    def on_pull_request(self) -> bool:
        """Whether this run reviews a pull request (and may post to it)."""
        return self.pull_request is not None


def read_runner(environ: Mapping[str, str]) -> Runner | None:
    """The runner described by ``environ``; None outside GitHub Actions."""
    if environ.get("GITHUB_ACTIONS") != "true":
        return None
    event_name = environ.get("GITHUB_EVENT_NAME", "")
    pull_request = None
    if event_name in PULL_REQUEST_EVENTS:
        pull_request = pull_request_from_event(_read_event(environ.get("GITHUB_EVENT_PATH", "")))
    return Runner(
        event_name=event_name,
        repository=environ.get("GITHUB_REPOSITORY", ""),
        api_url=(environ.get("GITHUB_API_URL") or DEFAULT_API_URL).rstrip("/"),
        step_summary=_optional_path(environ.get("GITHUB_STEP_SUMMARY")),
        output=_optional_path(environ.get("GITHUB_OUTPUT")),
        pull_request=pull_request,
        token=environ.get(TOKEN_VARIABLE) or None,
    )


def pull_request_from_event(event: Mapping[str, Any]) -> PullRequest:
    """The pull request of a ``pull_request(_target)`` event payload."""
    try:
        pull = event["pull_request"]
        user = pull.get("user") or {}
        return PullRequest(
            number=int(pull["number"]),
            head_sha=str(pull["head"]["sha"]),
            base_sha=str(pull["base"]["sha"]),
            draft=bool(pull.get("draft", False)),
            author_login=str(user.get("login", "")),
            author_is_bot=_is_bot(user),
            description=str(pull.get("body") or ""),
            from_fork=_from_fork(pull),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise UsageError(f"the GitHub event has no usable pull_request ({error!r})") from error


def skip_reason(pull: PullRequest, *, include_drafts: bool, include_bots: bool) -> str | None:
    """Why this pull request is not reviewed (one line), or None to review it."""
    if pull.draft and not include_drafts:
        return f"pull request #{pull.number} is a draft; not reviewing it (--include-drafts reviews drafts)"
    if pull.author_is_bot and not include_bots:
        return (
            f"pull request #{pull.number} was opened by the bot {pull.author_login}; "
            "not reviewing it (--include-bots reviews bots' pull requests)"
        )
    return None


def _read_event(path: str) -> Mapping[str, Any]:
    if not path:
        raise UsageError("GITHUB_EVENT_PATH is not set; cannot read the pull request event")
    try:
        event = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise UsageError(f"cannot read the GitHub event at {path}: {error}") from error
    if not isinstance(event, dict):
        raise UsageError(f"the GitHub event at {path} is not a JSON object")
    return event


def _is_bot(user: Mapping[str, Any]) -> bool:
    return user.get("type") == "Bot" or str(user.get("login", "")).endswith("[bot]")


def _from_fork(pull: Mapping[str, Any]) -> bool:
    """A head repository that differs from the base (or was deleted) is a fork."""
    head_repo = (pull.get("head") or {}).get("repo")
    base_repo = (pull.get("base") or {}).get("repo") or {}
    if not head_repo:
        return True
    return bool(head_repo.get("full_name") != base_repo.get("full_name"))


def _optional_path(value: str | None) -> Path | None:
    return Path(value) if value else None
