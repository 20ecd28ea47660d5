"""``reviewbot review`` called in-process under a simulated runner: refs, skips, dry runs, posting.

The command line hands the GitHub layer a typed ``GithubOptions`` record; the last tests call
``begin_actions_review`` with one directly.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewbot.cli.main import main
from reviewbot.deliver.github.actions_review import GithubOptions, begin_actions_review
from reviewbot.errors import UsageError
from tests.deliver.github.scenario import Pull, push
from tests.deliver.github.stand_in import TOKEN, StandIn

PUSH_EVENT = {"GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "push"}


@pytest.fixture
def runner(tmp_path: Path, pull: Pull, stand_in: StandIn, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The runner's variables for a pull_request event about ``pull``'s first push."""
    event = {
        "pull_request": {
            "number": 7, "draft": False, "body": "Looks up orders by id.",
            "user": {"login": "ada", "type": "User"},
            "head": {"sha": pull.head1, "repo": {"full_name": "octo/demo"}},
            "base": {"sha": pull.base, "repo": {"full_name": "octo/demo"}},
        }
    }
    (tmp_path / "event.json").write_text(json.dumps(event), encoding="utf-8")
    values = {
        "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_EVENT_PATH": str(tmp_path / "event.json"), "GITHUB_REPOSITORY": "octo/demo",
        "GITHUB_API_URL": stand_in.url, "GITHUB_OUTPUT": str(tmp_path / "output.txt"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"), "GITHUB_TOKEN": TOKEN,
        "REVIEWBOT_WRITE_PAUSE": "0",
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(pull.root)
    push(stand_in, pull, pull.head1)
    return tmp_path


def outputs(folder: Path) -> str:
    return (folder / "output.txt").read_text(encoding="utf-8")


def test_under_actions_the_refs_come_from_the_event_and_the_review_is_posted(
    runner: Path, stand_in: StandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["review", "--isolated"])

    err = capsys.readouterr().err
    assert code in (0, 1), err
    assert "reviewbot: reviewed #7:" in err
    assert len(stand_in.state.issue_comments) == 1
    assert "verdict<<" in outputs(runner)


def test_a_dry_run_under_actions_writes_outputs_but_posts_nothing(
    runner: Path, stand_in: StandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["review", "--isolated", "--dry-run"])

    assert "--dry-run: not posting" in capsys.readouterr().err
    assert stand_in.log == [] and "new-findings<<" in outputs(runner)


def test_a_draft_is_skipped_with_a_notice(runner: Path, stand_in: StandIn, capsys: pytest.CaptureFixture[str]) -> None:
    event = json.loads((runner / "event.json").read_text())
    event["pull_request"]["draft"] = True
    (runner / "event.json").write_text(json.dumps(event), encoding="utf-8")

    assert main(["review"]) == 0

    assert capsys.readouterr().out.startswith("::notice title=reviewbot::pull request #7 is a draft")
    assert stand_in.log == []


def test_include_drafts_reaches_the_github_layer(
    runner: Path, stand_in: StandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    event = json.loads((runner / "event.json").read_text())
    event["pull_request"]["draft"] = True
    (runner / "event.json").write_text(json.dumps(event), encoding="utf-8")

    main(["review", "--isolated", "--include-drafts", "--dry-run"])

    out, err = capsys.readouterr()
    assert "is a draft" not in out and "--dry-run: not posting" in err
    assert stand_in.log == []


def test_outside_a_pull_request_event_base_is_required(
    runner: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GITHUB_EVENT_NAME", "push")

    assert main(["review"]) == 2
    assert "--base is required outside a GitHub pull_request event" in capsys.readouterr().err


def test_off_actions_the_refs_are_the_options_and_nothing_is_delivered() -> None:
    actions = begin_actions_review(GithubOptions(base_ref="main", head_ref="topic"), environ={})

    assert (actions.base_ref, actions.head_ref, actions.description) == ("main", "topic", None)
    assert actions.run is None and not actions.skipped


def test_off_a_pull_request_event_base_is_required() -> None:
    with pytest.raises(UsageError, match="--base is required"):
        begin_actions_review(GithubOptions(), environ=PUSH_EVENT)


def test_the_pull_request_fills_in_only_what_the_options_leave_open(
    runner: Path, pull: Pull
) -> None:
    completed = begin_actions_review(GithubOptions())
    kept = begin_actions_review(GithubOptions(base_ref="main", head_ref=pull.head2, write_pause=0))

    assert (completed.base_ref, completed.head_ref) == (pull.base, pull.head1)
    assert completed.description == "Looks up orders by id."
    assert (kept.base_ref, kept.head_ref) == ("main", pull.head2)
    assert kept.settings is not None and kept.settings.retry.write_pause == 0


@pytest.mark.parametrize("dry_run", [False, True])
def test_off_actions_review_says_it_posted_nothing_unless_asked_for_a_dry_run(
    pull: Pull, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], dry_run: bool
) -> None:
    monkeypatch.chdir(pull.root)
    for name in ("GITHUB_ACTIONS", "GITHUB_EVENT_NAME", "GITHUB_EVENT_PATH"):
        monkeypatch.delenv(name, raising=False)

    main(["review", "--isolated", "--base", pull.base, *(["--dry-run"] if dry_run else [])])
    err = capsys.readouterr().err

    assert ("nothing was posted" in err) is not dry_run
    assert ("pass --dry-run" in err) is not dry_run
