"""Posting through PyGithub to the stand-in: first review, re-runs, new pushes, faults, limits."""

from __future__ import annotations

import time

import pytest

from reviewbot.deliver.github.bodies import (
    MAX_BODY,
    SUMMARY_MARKER,
    TRUNCATION_NOTE,
    fingerprint_marker,
)
from reviewbot.deliver.github.poster import PostOutcome, post_review
from reviewbot.deliver.github.retry import Retrier, RetryPolicy
from reviewbot.deliver.github.thread import PullThread, ThreadAddress
from reviewbot.findings import Severity
from reviewbot.review.model import Review
from tests.deliver.github.builders import comment, finding, review
from tests.deliver.github.pull_state import HUMAN
from tests.deliver.github.scenario import Pull, first_review, line_of, push, second_review
from tests.deliver.github.stand_in import TOKEN, Fault, StandIn


def post(stand_in: StandIn, posted: Review, *, page_size: int = 100, policy: RetryPolicy | None = None) -> PostOutcome:
    address = ThreadAddress(stand_in.url, "octo/demo", stand_in.state.number, TOKEN, page_size=page_size)
    retrier = Retrier(policy or RetryPolicy(backoff=0, write_pause=0), log=lambda _m: None)
    return post_review(posted, PullThread(address), retrier, lambda _m: None)


def test_first_review_is_one_review_with_every_comment_and_one_summary(stand_in: StandIn, pull: Pull) -> None:
    push(stand_in, pull, pull.head1)
    outcome = post(stand_in, first_review(pull))

    assert [call.operation_id for call in stand_in.writes()] == ["pulls/create-review", "issues/create-comment"]
    (created,) = stand_in.calls("pulls/create-review")
    assert created.body["event"] == "REQUEST_CHANGES"
    assert created.body["commit_id"] == pull.head1
    assert [(c["path"], c["line"], c["side"]) for c in created.body["comments"]] == [
        ("app.py", line_of(pull.text1, "order.id in list"), "RIGHT"),
        ("app.py", line_of(pull.text1, "copy.deepcopy"), "RIGHT"),
    ]
    assert fingerprint_marker("fp-membership") in created.body["comments"][0]["body"]
    (state,) = [r["state"] for r in stand_in.state.reviews]
    assert state == "CHANGES_REQUESTED"  # submitted in the same call, never pending
    assert stand_in.state.issue_comments[0]["body"].startswith(SUMMARY_MARKER)
    assert outcome.comments_posted == 2 and outcome.review_id == stand_in.state.reviews[0]["id"]


def test_a_rerun_on_the_same_commit_writes_nothing(stand_in: StandIn, pull: Pull) -> None:
    push(stand_in, pull, pull.head1)
    post(stand_in, first_review(pull))
    before = len(stand_in.writes())

    outcome = post(stand_in, first_review(pull))

    assert stand_in.writes()[before:] == []
    assert outcome.already_posted == 2 and outcome.comments_posted == 0


def test_a_new_push_posts_only_the_new_finding_and_marks_the_fixed_one(stand_in: StandIn, pull: Pull) -> None:
    push(stand_in, pull, pull.head1)
    post(stand_in, first_review(pull))
    push(stand_in, pull, pull.head2)
    before = len(stand_in.log)

    outcome = post(stand_in, second_review(pull))

    (created,) = [c for c in stand_in.log[before:] if c.operation_id == "pulls/create-review"]
    assert [c["line"] for c in created.body["comments"]] == [line_of(pull.text2, "for a in left")]
    assert created.body["event"] == "COMMENT"
    deepcopy_comment, membership_comment = (
        next(c for c in stand_in.state.review_comments if fingerprint_marker(fp) in c["body"])
        for fp in ("fp-deepcopy", "fp-membership")
    )
    assert f"**Fixed** in {pull.head2}" in deepcopy_comment["body"]
    assert "Fixed" not in membership_comment["body"]  # moved, still there: not touched, not re-posted
    assert [r["state"] for r in stand_in.state.reviews] == ["DISMISSED", "COMMENTED"]
    assert len(stand_in.state.issue_comments) == 1
    assert str(pull.head2[:7]) in stand_in.state.issue_comments[0]["body"]
    assert (outcome.comments_posted, outcome.marked_fixed, outcome.dismissed) == (1, 1, 1)


def test_a_502_after_the_review_was_created_does_not_duplicate_it(stand_in: StandIn, pull: Pull) -> None:
    push(stand_in, pull, pull.head1)
    stand_in.faults.append(Fault("pulls/create-review", 502, act_first=True, message="Bad Gateway"))
    stand_in.faults.append(Fault("issues/create-comment", 502, act_first=True, message="Bad Gateway"))

    outcome = post(stand_in, first_review(pull))

    assert len(stand_in.state.reviews) == 1
    assert len(stand_in.state.review_comments) == 2
    assert len(stand_in.state.issue_comments) == 1
    assert len(stand_in.calls("pulls/create-review")) == 1  # looked, found it, did not write again
    assert outcome.review_id == stand_in.state.reviews[0]["id"]


def test_a_502_before_anything_happened_is_retried(stand_in: StandIn, pull: Pull) -> None:
    push(stand_in, pull, pull.head1)
    stand_in.faults.append(Fault("pulls/create-review", 502, times=2, message="Bad Gateway"))

    post(stand_in, first_review(pull))

    assert [c.status for c in stand_in.calls("pulls/create-review")] == [502, 502, 200]
    assert len(stand_in.state.reviews) == 1


def test_a_secondary_rate_limit_waits_for_retry_after(stand_in: StandIn, pull: Pull) -> None:
    push(stand_in, pull, pull.head1)
    message = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
    stand_in.faults.append(Fault("pulls/create-review", 403, headers={"Retry-After": "1"}, message=message))

    post(stand_in, first_review(pull))

    first, second = stand_in.calls("pulls/create-review")
    assert (first.status, second.status) == (403, 200)
    assert second.at - first.at >= 1.0
    assert len(stand_in.state.reviews) == 1


def test_a_primary_rate_limit_waits_until_the_reset(stand_in: StandIn, pull: Pull) -> None:
    push(stand_in, pull, pull.head1)
    reset = str(int(time.time()))  # already due: the wait is the one-second margin
    headers = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset}
    stand_in.faults.append(Fault("pulls/list-files", 403, headers=headers, message="API rate limit exceeded for installation"))

    post(stand_in, first_review(pull))

    first, second = stand_in.calls("pulls/list-files")
    assert (first.status, second.status) == (403, 200)
    assert second.at - first.at >= 1.0  # until the reset, plus a second of margin


def test_a_rate_limit_longer_than_the_bound_is_not_waited_for(stand_in: StandIn, pull: Pull) -> None:
    push(stand_in, pull, pull.head1)
    stand_in.faults.append(Fault("pulls/list-files", 429, headers={"Retry-After": "3600"}))

    with pytest.raises(Exception, match="429"):
        post(stand_in, first_review(pull))
    assert len(stand_in.calls("pulls/list-files")) == 1


def test_bodies_over_githubs_limit_are_truncated_with_a_note(stand_in: StandIn, pull: Pull) -> None:
    push(stand_in, pull, pull.head1)
    long_body = "**performance · RB302**\n\n```python\n" + "x = 1\n" * 20_000 + "```\n"
    found = finding("fp-long", line_of(pull.text1, "copy.deepcopy"))
    posted = review(pull.base, pull.head1, [comment(found, body=long_body)], summary="## reviewbot\n\n" + "- item\n" * 20_000)

    post(stand_in, posted)

    (created,) = stand_in.calls("pulls/create-review")
    body = created.body["comments"][0]["body"]
    assert len(body) <= MAX_BODY and TRUNCATION_NOTE.strip() in body
    assert body.rstrip().endswith(fingerprint_marker("fp-long"))
    assert body.count("```") % 2 == 0  # the cut closed the code block before the note
    summary = stand_in.state.issue_comments[0]["body"]
    assert len(summary) <= MAX_BODY and summary.startswith(SUMMARY_MARKER)


def test_comments_outside_the_diff_go_to_the_summary(stand_in: StandIn, pull: Pull) -> None:
    push(stand_in, pull, pull.head1)
    inside = finding("fp-in", line_of(pull.text1, "copy.deepcopy"))
    outside = finding("fp-out", 1, rule="RB101")  # the base's docstring: not in the diff
    spanning = finding("fp-span", line_of(pull.text1, "copy.deepcopy"))
    suggestion = comment(spanning, start_line=1, body="Use this:\n```suggestion\nx\n```")

    post(stand_in, review(pull.base, pull.head1, [comment(inside), comment(outside), suggestion]))

    (created,) = stand_in.calls("pulls/create-review")
    (sent,) = created.body["comments"]
    assert fingerprint_marker("fp-in") in sent["body"]
    summary = stand_in.state.issue_comments[0]["body"]
    assert "<details><summary>Outside the diff: 2 findings</summary>" in summary
    assert "`app.py:1`" in summary and "**RB101**" in summary
    assert f"`app.py:1-{spanning.line}`" in summary


def test_a_multi_line_comment_within_one_hunk_keeps_its_range(stand_in: StandIn, pull: Pull) -> None:
    push(stand_in, pull, pull.head1)
    found = finding("fp-range", line_of(pull.text1, "copy.deepcopy"))

    post(stand_in, review(pull.base, pull.head1, [comment(found, start_line=found.line - 2)]))

    (created,) = stand_in.calls("pulls/create-review")
    (sent,) = created.body["comments"]
    assert (sent["start_line"], sent["start_side"], sent["line"]) == (found.line - 2, "RIGHT", found.line)


def test_the_stand_in_answers_422_for_a_line_outside_the_diff(stand_in: StandIn, pull: Pull) -> None:
    from github import Auth, Github, GithubException

    push(stand_in, pull, pull.head1)
    repo = Github(base_url=stand_in.url, auth=Auth.Token(TOKEN), retry=None, lazy=True).get_repo("octo/demo")
    pr, commit = repo.get_pull(7), repo.get_commit(pull.head1)
    with pytest.raises(GithubException) as raised:
        pr.create_review(commit=commit, body="x", event="COMMENT", comments=[{"path": "app.py", "line": 1, "side": "RIGHT", "body": "x"}])
    assert raised.value.status == 422
    assert stand_in.state.reviews == []


def test_lists_are_read_page_by_page(stand_in: StandIn, pull: Pull) -> None:
    push(stand_in, pull, pull.head1)
    post(stand_in, first_review(pull), page_size=1)
    for index in range(3):
        stand_in.state.add_issue_comment(f"human comment {index}")

    post(stand_in, first_review(pull), page_size=1)

    assert len(stand_in.state.reviews) == 1 and len(stand_in.state.issue_comments) == 4
    assert len(stand_in.calls("issues/list-comments")) >= 4


def test_an_approval_github_refuses_becomes_a_comment_review(stand_in: StandIn, pull: Pull) -> None:
    from dataclasses import replace

    from reviewbot.review.model import ReviewEvent, Verdict

    push(stand_in, pull, pull.head1)
    found = finding("fp-nit", line_of(pull.text1, "copy.deepcopy"), severity=Severity.INFO)
    approving = replace(review(pull.base, pull.head1, [comment(found)]), verdict=Verdict.APPROVE, event=ReviewEvent.APPROVE)

    post(stand_in, approving)

    assert [c.status for c in stand_in.calls("pulls/create-review")] == [422, 200]
    assert [r["state"] for r in stand_in.state.reviews] == ["COMMENTED"]


def test_a_summary_someone_else_planted_is_not_edited(stand_in: StandIn, pull: Pull) -> None:
    push(stand_in, pull, pull.head1)
    stand_in.state.add_issue_comment(f"{SUMMARY_MARKER}\nnot reviewbot's", HUMAN)

    post(stand_in, first_review(pull))

    bodies = [c["body"] for c in stand_in.state.issue_comments]
    assert bodies[0].endswith("not reviewbot's") and bodies[1].startswith(SUMMARY_MARKER)
