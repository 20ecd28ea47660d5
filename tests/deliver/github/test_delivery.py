"""Delivery under Actions: posting, the fork fallback, skips, outputs, and the token never shown."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from reviewbot.deliver.github.delivery import (
    DeliverySettings,
    PullRequestRun,
    Streams,
    deliver,
    pull_request_run,
    report_skip,
)
from reviewbot.deliver.github.environment import read_runner
from reviewbot.deliver.github.fallback import fallback_annotations
from reviewbot.deliver.github.outputs import ReviewOutputs
from reviewbot.deliver.github.retry import RetryPolicy
from reviewbot.findings import Category, Severity
from tests.deliver.github.builders import comment, finding, review
from tests.deliver.github.scenario import Pull, first_review, push
from tests.deliver.github.stand_in import TOKEN, Fault, StandIn

SETTINGS = DeliverySettings(retry=RetryPolicy(backoff=0, write_pause=0))


def event(tmp_path: Path, pull: Pull, **overrides: object) -> Path:
    payload = {
        "number": 7, "draft": False, "body": "Adds order lookups.",
        "user": {"login": "octocat", "type": "User"},
        "head": {"sha": pull.head1, "repo": {"full_name": "octo/demo"}},
        "base": {"sha": pull.base, "repo": {"full_name": "octo/demo"}},
    }
    payload.update(overrides)
    path = tmp_path / "event.json"
    path.write_text(json.dumps({"action": "synchronize", "pull_request": payload}), encoding="utf-8")
    return path


def environ(tmp_path: Path, stand_in: StandIn, event_path: Path, token: str | None = TOKEN) -> dict[str, str]:
    values = {
        "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": str(event_path),
        "GITHUB_REPOSITORY": "octo/demo", "GITHUB_API_URL": stand_in.url,
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"), "GITHUB_OUTPUT": str(tmp_path / "output.txt"),
    }
    if token:
        values["GITHUB_TOKEN"] = token
    return values


def run_for(tmp_path: Path, stand_in: StandIn, pull: Pull, **overrides: object) -> PullRequestRun:
    runner = read_runner(environ(tmp_path, stand_in, event(tmp_path, pull, **overrides)))
    assert runner is not None
    return pull_request_run(runner, pull.root, SETTINGS, lambda _m: None)


def run_for_environ(values: dict[str, str], pull: Pull) -> PullRequestRun:
    runner = read_runner(values)
    assert runner is not None
    return pull_request_run(runner, pull.root, SETTINGS, lambda _m: None)


def outputs_of(tmp_path: Path) -> dict[str, str]:
    text = (tmp_path / "output.txt").read_text(encoding="utf-8")
    values: dict[str, str] = {}
    lines = iter(text.splitlines())
    for line in lines:
        name, delimiter = line.split("<<")
        values[name] = "\n".join(iter(lambda: next(lines), delimiter))
    return values


def test_a_pull_request_run_is_read_from_the_runner(tmp_path: Path, stand_in: StandIn, pull: Pull) -> None:
    run = run_for(tmp_path, stand_in, pull)

    assert (run.pull.number, run.pull.head_sha, run.pull.base_sha) == (7, pull.head1, pull.base)
    assert run.merge_base == pull.base and run.skip is None
    assert "ghs_" not in repr(run)  # the token is kept out of every repr


def test_drafts_and_bots_are_skipped_with_a_notice(tmp_path: Path, stand_in: StandIn, pull: Pull) -> None:
    draft = run_for(tmp_path, stand_in, pull, draft=True)
    bot = run_for(tmp_path, stand_in, pull, user={"login": "dependabot[bot]", "type": "Bot"})
    out = io.StringIO()

    report_skip(draft, out)

    assert "is a draft" in (draft.skip or "") and "dependabot[bot]" in (bot.skip or "")
    assert out.getvalue().startswith("::notice title=reviewbot::pull request #7 is a draft")
    assert outputs_of(tmp_path)["verdict"] == "skipped"
    runner = read_runner(environ(tmp_path, stand_in, event(tmp_path, pull, draft=True)))
    assert runner is not None
    included = pull_request_run(runner, pull.root, DeliverySettings(include_drafts=True), lambda _m: None)
    assert included.skip is None


def test_other_events_are_not_pull_request_runs(tmp_path: Path, stand_in: StandIn, pull: Pull) -> None:
    runner = read_runner(environ(tmp_path, stand_in, event(tmp_path, pull)) | {"GITHUB_EVENT_NAME": "push"})
    assert runner is not None and runner.pull_request is None
    assert read_runner({}) is None
    with pytest.raises(ValueError, match="needs a runner on a pull request event"):
        pull_request_run(runner, pull.root, SETTINGS, lambda _m: None)


def test_the_review_is_posted_and_outputs_written(tmp_path: Path, stand_in: StandIn, pull: Pull) -> None:
    push(stand_in, pull, pull.head1)
    notes: list[str] = []
    out = io.StringIO()

    delivery = deliver(first_review(pull), run_for(tmp_path, stand_in, pull), ReviewOutputs(2, 1, "request_changes", "new.sarif"), SETTINGS, Streams(out, notes.append))

    assert delivery.posted is not None and delivery.fallback_reason is None
    assert out.getvalue() == ""
    assert notes[-1].startswith("reviewed #7: 2 new comment(s)")
    assert outputs_of(tmp_path) == {"new-findings": "2", "blocking": "1", "verdict": "request_changes", "sarif-file": "new.sarif"}


def test_a_forks_read_only_token_falls_back_to_annotations_and_the_job_summary(
    tmp_path: Path, stand_in: StandIn, pull: Pull, capsys: pytest.CaptureFixture[str]
) -> None:
    push(stand_in, pull, pull.head1)
    stand_in.read_only = True
    out = io.StringIO()

    delivery = deliver(first_review(pull), run_for(tmp_path, stand_in, pull), ReviewOutputs(2, 1, "request_changes", ""), SETTINGS, Streams(out, print))

    assert delivery.posted is None
    assert delivery.fallback_reason == "the token may not write to this pull request (HTTP 403); give the job `pull-requests: write`"
    commands = out.getvalue().splitlines()
    assert commands[0].startswith("::error file=app.py,line=")
    assert commands[1].startswith("::warning file=app.py,line=")
    assert commands[-1].startswith("::notice title=reviewbot::review not posted")
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "could not post to the pull request" in summary and "## Inline comments" in summary
    assert "`app.py:" in summary
    assert stand_in.state.reviews == [] and stand_in.state.issue_comments == []
    everything = out.getvalue() + summary + capsys.readouterr().out + (tmp_path / "output.txt").read_text()
    assert TOKEN not in everything


def test_no_token_falls_back_too(tmp_path: Path, stand_in: StandIn, pull: Pull) -> None:
    run = run_for_environ(environ(tmp_path, stand_in, event(tmp_path, pull), token=None), pull)
    out = io.StringIO()

    delivery = deliver(first_review(pull), run, ReviewOutputs(2, 1, "request_changes", ""), SETTINGS, Streams(out, print))

    assert delivery.fallback_reason == "no GITHUB_TOKEN was given"
    assert stand_in.log == []


def test_annotations_keep_within_githubs_per_step_limits() -> None:
    findings = [
        finding(f"fp-{severity.value}-{index}", index + 1, severity=severity, category=category)
        for severity in Severity
        for category in (Category.CONVENTION, Category.CORRECTNESS)
        for index in range(12)
    ]

    lines = fallback_annotations(findings)

    kinds = [line.split(" ", 1)[0].split("::")[1] for line in lines]
    assert (kinds.count("error"), kinds.count("warning"), kinds.count("notice")) == (10, 10, 9)
    assert "correctness" in lines[0]  # within a severity, correctness outranks convention
    assert lines[-1] == "::notice title=reviewbot::44 more findings are listed in the job summary"


def test_an_unreachable_api_falls_back(tmp_path: Path, stand_in: StandIn, pull: Pull) -> None:
    values = environ(tmp_path, stand_in, event(tmp_path, pull)) | {"GITHUB_API_URL": "http://127.0.0.1:9"}
    run = run_for_environ(values, pull)
    settings = DeliverySettings(retry=RetryPolicy(attempts=2, backoff=0, write_pause=0))
    out = io.StringIO()

    delivery = deliver(review(pull.base, pull.head1, [comment(finding("fp", 8))]), run, ReviewOutputs(1, 0, "comment", ""), settings, Streams(out, lambda _m: None))

    assert "could not be reached" in (delivery.fallback_reason or "")


def test_a_github_error_that_echoes_the_token_never_shows_it(
    tmp_path: Path, stand_in: StandIn, pull: Pull, capsys: pytest.CaptureFixture[str]
) -> None:
    push(stand_in, pull, pull.head1)
    echo = f"Bad credentials: token {TOKEN} (Authorization: Bearer {TOKEN})"
    stand_in.faults.append(Fault("pulls/create-review", 502, message=echo))  # retried: a note
    stand_in.faults.append(Fault("pulls/create-review", 422, message=echo))  # not: the fallback
    streams = Streams(sys.stdout, lambda message: print(message, file=sys.stderr))

    delivery = deliver(first_review(pull), run_for(tmp_path, stand_in, pull), ReviewOutputs(2, 1, "request_changes", f"{TOKEN}.sarif"), SETTINGS, streams)

    captured = capsys.readouterr()
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    outputs = (tmp_path / "output.txt").read_text(encoding="utf-8")
    assert "GitHub answered HTTP 502 (Bad credentials: token ***" in captured.err
    assert "review not posted: GitHub answered HTTP 422 (Bad credentials: token ***" in captured.out
    assert "GitHub answered HTTP 422 (Bad credentials: token *** (Authorization: Bearer ***))" in summary
    assert outputs_of(tmp_path)["sarif-file"] == "***.sarif"
    for written in (captured.out, captured.err, summary, outputs, delivery.fallback_reason or ""):
        assert TOKEN not in written


def test_the_fallback_shows_control_characters_in_paths_escaped(tmp_path: Path, stand_in: StandIn, pull: Pull) -> None:
    evil = finding("fp", 8, path="a\n::error file=evil.py::x\n.py")
    out = io.StringIO()
    run = run_for_environ(environ(tmp_path, stand_in, event(tmp_path, pull), token=None), pull)

    deliver(review(pull.base, pull.head1, [comment(evil)]), run, ReviewOutputs(1, 0, "comment", ""), SETTINGS, Streams(out, print))

    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "### `a\\n::error file=evil.py::x\\n.py:8`" in summary
    assert all(line.startswith("::") for line in out.getvalue().splitlines())
    assert "\n::error file=evil.py" not in summary + out.getvalue()


def test_the_redactor_hides_the_token_and_its_escaped_forms() -> None:
    from reviewbot.deliver.github.redact import NO_SECRETS, Redactor

    redact = Redactor.of(None, "", "se:cr,et%")
    assert redact("a se:cr,et% b se%3Acr%2Cet%25 c se:cr,et%25") == "a *** b *** c ***"
    assert NO_SECRETS("ghs_x") == "ghs_x" and "se:cr" not in repr(redact)
