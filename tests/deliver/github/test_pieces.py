"""The small pieces: the runner's event, bodies and markers, retry decisions, diff lines, outputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests
from github.GithubException import GithubException, RateLimitExceededException

from reviewbot.deliver.github.bodies import (
    MAX_BODY,
    SUMMARY_MARKER,
    comment_body,
    fingerprints_in,
    fit,
    fixed_in,
    marked_fixed,
    summary_body,
)
from reviewbot.deliver.github.diff_lines import diff_lines_from_patches, place_comments, shown_hunks
from reviewbot.deliver.github.environment import pull_request_from_event, read_runner
from reviewbot.deliver.github.outputs import output_lines
from reviewbot.deliver.github.retry import (
    SECONDARY_LIMIT_DEFAULT_WAIT,
    Retrier,
    RetryPolicy,
    describe,
    retry_wait,
)
from reviewbot.errors import UsageError
from tests.deliver.github.builders import comment, finding

POLICY = RetryPolicy(backoff=2.0)
PATCH = "@@ -1,3 +1,5 @@\n a\n+b\n+c\n d\n-e\n+f\n\\ No newline at end of file\n@@ -20,0 +23,2 @@\n+x\n+y"


def error(status: int, headers: dict[str, str] | None = None, message: str = "x") -> GithubException:
    return GithubException(status, {"message": message}, headers or {})


# -- the runner ------------------------------------------------------------------------


def test_a_fork_is_a_head_repository_other_than_the_base() -> None:
    payload = {
        "number": 3, "draft": False, "body": None, "user": {"login": "someone", "type": "User"},
        "head": {"sha": "h", "repo": {"full_name": "someone/demo"}},
        "base": {"sha": "b", "repo": {"full_name": "octo/demo"}},
    }
    pull = pull_request_from_event({"pull_request": payload})
    assert pull.from_fork and pull.description == "" and not pull.author_is_bot
    deleted_fork = pull_request_from_event({"pull_request": payload | {"head": {"sha": "h", "repo": None}}})
    assert deleted_fork.from_fork


@pytest.mark.parametrize("content", ["not json", "[1]", '{"pull_request": {"number": 1}}'])
def test_an_unusable_event_is_a_usage_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "event.json"
    path.write_text(content, encoding="utf-8")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "pull_request_target", "GITHUB_EVENT_PATH": str(path)}
    with pytest.raises(UsageError, match="event"):
        read_runner(env)


def test_a_missing_event_path_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="GITHUB_EVENT_PATH is not set"):
        read_runner({"GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "pull_request"})


def test_the_runner_defaults_to_api_github_com() -> None:
    runner = read_runner({"GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "push"})
    assert runner is not None and runner.api_url == "https://api.github.com"
    assert not runner.on_pull_request and runner.token is None


# -- bodies ----------------------------------------------------------------------------


def test_a_comment_body_carries_its_fingerprint_once() -> None:
    body = comment_body(comment(finding("fp-1", 3)))
    assert fingerprints_in(body) == ("fp-1",)
    assert fingerprints_in(comment_body(comment(finding("fp-1", 3), body=body))) == ("fp-1",)


def test_a_fixed_note_names_the_commit_and_survives_a_long_body() -> None:
    body = comment_body(comment(finding("fp-1", 3), body="y" * 70_000))
    fixed = marked_fixed(body, "abc123")
    assert len(fixed) <= MAX_BODY and fixed_in(fixed) == "abc123"
    assert fingerprints_in(fixed) == ("fp-1",) and "**Fixed** in abc123" in fixed


def test_fit_counts_utf16_code_units_and_closes_what_it_cut() -> None:
    body = "<details><summary>more</summary>\n\n```\n" + "😀 emoji line\n" * 10_000 + "```\n</details>\n"
    cut = fit(body)
    assert len(cut.encode("utf-16-le")) // 2 <= MAX_BODY
    assert cut.count("```") % 2 == 0 and cut.count("<details") == cut.count("</details>")


def test_the_summary_marker_is_not_doubled() -> None:
    assert summary_body(f"{SUMMARY_MARKER}\n## reviewbot", []).count(SUMMARY_MARKER) == 1
    assert summary_body("## reviewbot", []).startswith(SUMMARY_MARKER)


# -- diff lines ------------------------------------------------------------------------


def test_a_patch_shows_its_hunks_new_side_lines() -> None:
    assert shown_hunks(PATCH) == ((1, 5), (23, 24))
    assert shown_hunks("@@ -4,2 +3,0 @@\n-gone\n-too") == ()


def test_placement_keeps_ranges_in_one_hunk_and_shrinks_the_others() -> None:
    diff = diff_lines_from_patches([("app.py", PATCH), ("image.png", None)])
    ok = comment(finding("ok", 5), start_line=2)
    across = comment(finding("across", 23), start_line=4)
    same = comment(finding("same", 3), start_line=3)
    binary = comment(finding("bin", 1, path="image.png"))
    placed = place_comments([ok, across, same, binary], diff)
    assert [(c.fingerprint, c.start_line) for c in placed.inline] == [("ok", 2), ("across", None), ("same", None)]
    assert [c.fingerprint for c in placed.outside] == ["bin"]


# -- retry decisions -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raised", "attempt", "wait"),
    [
        (error(502), 0, 2.0),
        (error(503), 2, 8.0),
        (error(403, {"Retry-After": "7"}), 0, 7.0),
        (error(429, {"retry-after": "soon"}), 0, SECONDARY_LIMIT_DEFAULT_WAIT),
        (error(403, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1010"}), 0, 11.0),
        (RateLimitExceededException(403, {"message": "You have exceeded a secondary rate limit"}, {}), 0, 60.0),
        (error(429), 0, SECONDARY_LIMIT_DEFAULT_WAIT),
        (error(403, {"X-RateLimit-Remaining": "12"}), 0, None),
        (error(404), 0, None),
        (error(422), 0, None),
        (requests.ConnectionError("reset"), 1, 4.0),
        (ValueError("not an HTTP failure"), 0, None),
    ],
)
def test_retry_waits(raised: Exception, attempt: int, wait: float | None) -> None:
    assert retry_wait(raised, attempt, POLICY, now=1000.0) == wait


def test_describe_never_mentions_headers() -> None:
    raised = error(403, {"Authorization": "token ghs_secret"}, "Resource not accessible by integration")
    assert describe(raised) == "HTTP 403 (Resource not accessible by integration)"
    assert describe(requests.Timeout()) == "Timeout"


def test_writes_are_paced() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    retrier = Retrier(RetryPolicy(write_pause=1.5), log=lambda _m: None, sleep=sleep, clock=lambda: now[0])
    retrier.write(lambda: None)
    now[0] += 0.5
    retrier.write(lambda: None)
    retrier.read(lambda: None)
    assert slept == [1.0]


def test_a_failing_call_is_retried_up_to_the_attempts_then_raised() -> None:
    calls: list[int] = []

    def failing() -> None:
        calls.append(1)
        raise error(500)

    retrier = Retrier(RetryPolicy(attempts=3, backoff=0), log=lambda _m: None, sleep=lambda _s: None)
    with pytest.raises(GithubException):
        retrier.read(failing)
    assert len(calls) == 3


# -- outputs ---------------------------------------------------------------------------


def test_outputs_are_multiline_safe() -> None:
    text = output_lines({"verdict": "comment", "sarif-file": "a\nverdict<<x"})
    name, delimiter = text.splitlines()[0].split("<<")
    assert name == "verdict" and delimiter.startswith("ghadelimiter_")
    assert text.count("ghadelimiter_") == 4
    assert json.dumps(text).count("verdict<<") == 2
