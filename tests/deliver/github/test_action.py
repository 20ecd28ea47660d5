"""The action as a runner runs it: action.yml's steps, the runner's variables and files, a real
repository checked out shallow at its base, the demo pull request, and the GitHub stand-in.

setup-python is not run (this Python stands in for it). The install step is run for real only
in the slow test, as installing reviewbot and its dependencies from PyPI into a fresh virtualenv
takes most of a minute; the other tests use the reviewbot installed next to this Python.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from reviewbot.deliver.github.bodies import SUMMARY_MARKER
from tests.deliver.github.action_runner import ActionRun, run_action, runner_environment
from tests.deliver.github.builders import changed_files, git
from tests.deliver.github.stand_in import TOKEN, StandIn

ROOT = Path(__file__).resolve().parents[3]
REVIEWBOT = Path(sys.executable).parent / "reviewbot"


def _demo_module() -> object:
    spec = importlib.util.spec_from_file_location("make_demo_pr", ROOT / "examples" / "demo-pr" / "make_demo_pr.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Checkout:
    """The demo pull request's origin, and a depth-1 checkout of its base as the workspace."""

    origin: Path
    workspace: Path
    base: str
    head: str
    temp: Path


@pytest.fixture
def checkout(tmp_path: Path, stand_in: StandIn) -> Checkout:
    origin = tmp_path / "origin"
    _demo_module().make_demo_pr(origin)  # type: ignore[attr-defined]
    git(origin, "config", "uploadpack.allowAnySHA1InWant", "true")  # GitHub serves PR heads by SHA
    base = git(origin, "rev-parse", "main").strip()
    head = git(origin, "rev-parse", "feature/refunds").strip()
    workspace = tmp_path / "workspace"
    git(tmp_path, "clone", "-q", "--depth=1", "--branch=main", f"file://{origin}", str(workspace))
    stand_in.state.push(head, changed_files(origin, base, head), commits={base, head})
    temp = tmp_path / "runner"
    (temp / "home").mkdir(parents=True)
    return Checkout(origin, workspace, base, head, temp)


def event_file(checkout: Checkout, *, fork: bool = False) -> Path:
    head_repo = "someone/demo" if fork else "octo/demo"
    payload = {
        "action": "synchronize",
        "pull_request": {
            "number": 7, "draft": False, "body": "Refunds for returned lines.",
            "user": {"login": "ada", "type": "User"},
            "head": {"sha": checkout.head, "repo": {"full_name": head_repo}},
            "base": {"sha": checkout.base, "repo": {"full_name": "octo/demo"}},
        },
    }
    path = checkout.temp / "event.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


def run_the_action(
    checkout: Checkout, stand_in: StandIn, inputs: Mapping[str, str] | None = None, *, fork: bool = False, install: bool = False
) -> ActionRun:
    summary = checkout.temp / "step_summary.md"
    environ = runner_environment(
        checkout.workspace,
        checkout.temp,
        {
            "GITHUB_EVENT_NAME": "pull_request",
            "GITHUB_EVENT_PATH": str(event_file(checkout, fork=fork)),
            "GITHUB_REPOSITORY": "octo/demo",
            "GITHUB_API_URL": stand_in.url,
            "GITHUB_STEP_SUMMARY": str(summary),
            "GITHUB_ACTION_PATH": str(ROOT),
            "REVIEWBOT_WRITE_PAUSE": "0",  # the runner's default pause is a second per write
        },
    )
    return run_action(
        ROOT / "action.yml",
        inputs=inputs or {},
        github={"token": TOKEN, "action_path": str(ROOT), "workspace": str(checkout.workspace)},
        environ=environ,
        workspace=checkout.workspace,
        temp=checkout.temp,
        uses_outputs={"python": {"python-path": sys.executable}, "install": {"reviewbot": str(REVIEWBOT)}},
        skip=frozenset() if install else frozenset({"install"}),
    )


def test_the_action_reviews_the_pull_request_from_a_shallow_checkout(checkout: Checkout, stand_in: StandIn) -> None:
    done = run_the_action(checkout, stand_in, {"sarif-file": "reviewbot.sarif"})

    assert done.returncode == 1, done.stderr  # a new error-level finding: fail-on error fails the step
    (created,) = stand_in.calls("pulls/create-review")
    assert created.body["event"] == "REQUEST_CHANGES" and created.body["commit_id"] == checkout.head
    rules = [c["body"].split("**")[1] for c in created.body["comments"]]
    assert len(rules) == 5 and all(c["side"] == "RIGHT" for c in created.body["comments"])
    (summary,) = stand_in.state.issue_comments
    assert summary["body"].startswith(SUMMARY_MARKER)
    assert int(done.outputs.pop("new-findings")) > len(rules)  # the rest are in the summary
    assert done.outputs == {"blocking": "1", "verdict": "request_changes", "sarif-file": "reviewbot.sarif"}
    assert json.loads((checkout.workspace / "reviewbot.sarif").read_text())["version"] == "2.1.0"
    assert TOKEN not in done.stdout + done.stderr


def test_running_the_action_again_on_the_same_commit_posts_nothing(checkout: Checkout, stand_in: StandIn) -> None:
    run_the_action(checkout, stand_in)
    writes = len(stand_in.writes())

    again = run_the_action(checkout, stand_in)

    assert again.returncode == 1
    assert stand_in.writes()[writes:] == []
    assert "5 already posted" in again.stderr


def test_a_fork_gets_annotations_and_the_job_summary_and_the_exit_follows_fail_on(checkout: Checkout, stand_in: StandIn) -> None:
    stand_in.read_only = True

    done = run_the_action(checkout, stand_in, {"fail-on": "never"}, fork=True)

    assert done.returncode == 0
    assert "::error file=orders/refunds.py,line=12" in done.stdout
    assert "::notice title=reviewbot::review not posted" in done.stdout
    summary = (checkout.temp / "step_summary.md").read_text(encoding="utf-8")
    assert "could not post to the pull request (the pull request comes from a fork" in summary
    assert "orders/refunds.py" in summary
    assert done.outputs["verdict"] == "comment"
    assert stand_in.state.reviews == [] and stand_in.state.issue_comments == []
    assert TOKEN not in done.stdout + done.stderr + summary


@pytest.mark.slow
def test_the_install_step_installs_reviewbot_from_the_action_path(checkout: Checkout, stand_in: StandIn) -> None:
    done = run_the_action(checkout, stand_in, install=True)

    installed = done.step_outputs["install"]["reviewbot"]
    assert installed.startswith(str(checkout.temp)) and Path(installed).exists()
    assert done.returncode == 1, done.stderr
    assert len(stand_in.calls("pulls/create-review")) == 1
