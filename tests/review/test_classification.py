"""New, still open, fixed: real repositories, real ruff, ``reviewbot review --format json``."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from reviewbot.cli.main import main
from tests.gitrepo import commit_all, git, make_repo, write_files

# RB301 is advisory ("strict" only): these repositories opt in to it.
OPT_IN_RB301 = 'extend-select = ["RB301"]\n'

SMELLY = """\
def render(orders, seen=[]):
    report = ""
    for order in orders:
        report += str(order)
    # TODO: paginate
    return report


def helper():
    return 1
"""

MOVED = """\
def helper():
    return 1


def render(orders, seen=[]):
    report = ""
    for order in orders:
        report += str(order)
    # TODO: paginate
    return report
"""


def review(
    root: Path, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, dict[str, Any]]:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        code = main(
            # The PR-level checks (RB501-RB505) are tested elsewhere; these tests are about
            # classifying findings, so they are left out.
            ["review", "--base", "main", "--format", "json", "--jobs", "1", "--no-cache",
             "--ignore", "RB501,RB502,RB503,RB504,RB505", *args]
        )
    captured = capsys.readouterr()
    return code, json.loads(captured.out) if captured.out else {"stderr": captured.err}


def rules_of(findings: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return sorted((f["path"], f["rule"]) for f in findings)


def feature(root: Path, files: dict[str, str | bytes], moves: dict[str, str] | None = None) -> None:
    git(root, "checkout", "-q", "-b", "feature")
    for old, new in (moves or {}).items():
        (root / new).parent.mkdir(parents=True, exist_ok=True)
        git(root, "mv", old, new)
    write_files(root, files)
    commit_all(root, "feature")


def test_moved_but_unchanged_code_is_not_new(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = '[tool.reviewbot]\nextend-select = ["RB506", "RB301"]\n'
    root = make_repo(tmp_path / "repo", {"app.py": SMELLY, "pyproject.toml": config})
    feature(root, {"core/app.py": MOVED}, moves={"app.py": "core/app.py"})
    code, data = review(root, capsys)
    assert code == 0
    assert data["findings"]["new"] == [] and data["comments"] == []
    assert rules_of(data["findings"]["existing"]) == [
        ("core/app.py", "B006"),
        ("core/app.py", "RB301"),
    ]
    assert data["findings"]["fixed"] == []
    assert {
        "rule": "RB506",
        "status": "pass",
        "message": "no new TODO/FIXME comments without an issue link",
    } in data["checks"]
    assert (data["verdict"], data["event"]) == ("approve", "COMMENT")


def test_fixed_smell_is_listed_as_fixed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_repo(
        tmp_path / "repo",
        {"app.py": SMELLY, ".reviewbot.toml": OPT_IN_RB301 + "\n[review]\napprove = true\n"},
    )
    fixed = SMELLY.replace(
        '    report = ""\n    for order in orders:\n        report += str(order)\n',
        '    report = "".join(str(order) for order in orders)\n',
    )
    feature(root, {"app.py": fixed})
    code, data = review(root, capsys)
    assert code == 0
    assert rules_of(data["findings"]["fixed"]) == [("app.py", "RB301")]
    assert data["findings"]["new"] == []
    assert (data["verdict"], data["event"]) == ("approve", "APPROVE")
    assert "1 finding fixed by this change" in data["summary"]


def test_renamed_and_edited_file_keeps_its_findings_identity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo", {"old.py": SMELLY, ".reviewbot.toml": OPT_IN_RB301})
    edited = SMELLY.replace(
        "    return 1\n", "    value = 1\n    return value + 0 if value else 0\n"
    )
    feature(root, {"pkg/new.py": edited}, moves={"old.py": "pkg/new.py"})
    _, data = review(root, capsys)
    assert data["findings"]["new"] == []
    existing = {f["rule"]: f for f in data["findings"]["existing"]}
    assert set(existing) == {"B006", "RB301"} and existing["B006"]["path"] == "pkg/new.py"
    assert data["findings"]["fixed"] == []
    assert [c["function"] for c in data["complexity"]] == ["helper"]


BRANCHY_BASE = """\
def busy(a, b, c):
    if a:
        if b:
            return 1
        elif c:
            return 2
    return 0


def calm(a):
    return a
"""

BRANCHY_HEAD = """\
def busy(a, b, c):
    if a:
        if b:
            return 1
        elif c:
            return 2
        else:
            return 4
    return 0


def calm(a):
    for item in a:
        if item:
            if item > 1:
                return item
    return a
"""


def test_complexity_finding_is_new_only_when_the_limit_is_newly_crossed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = 'extend-select = ["RB206"]\n\n[thresholds]\ncognitive = 3\ncognitive-min-lines = 1\ncyclomatic = 50\n'
    root = make_repo(tmp_path / "repo", {"calc.py": BRANCHY_BASE, ".reviewbot.toml": config})
    feature(root, {"calc.py": BRANCHY_HEAD})
    _, data = review(root, capsys)
    assert rules_of(data["findings"]["existing"]) == [("calc.py", "RB202")]  # busy: 5 -> 6
    [new] = data["findings"]["new"]  # calm crosses: RB206 replaces RB202's "is 6"
    assert (new["rule"], new["line"]) == ("RB206", 12)
    assert new["message"].startswith(
        "`calm()` cognitive complexity rose from 0 to 6 in this change (limit 3)"
    )
    complexity = {c["function"]: (c["before"], c["after"]) for c in data["complexity"]}
    assert complexity["calm"] == (
        {"cognitive": 0, "cyclomatic": 1},
        {"cognitive": 6, "cyclomatic": 4},
    )
    [comment] = data["comments"]
    # the def line is only context: the comment sits on the `for` the change added
    assert comment["line"] == 13 and comment["finding"]["rule"] == "RB206"
    assert "at the end of line 12 (the function's `def` line)" in comment["body"]


def test_shallow_clone_exits_2_with_the_fetch_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    origin = make_repo(tmp_path / "origin", {"app.py": SMELLY})
    feature(origin, {"app.py": MOVED})
    git(origin, "checkout", "-q", "main")
    write_files(origin, {"later.py": "x = 1\n"})
    commit_all(origin, "main moves on")
    clone = tmp_path / "clone"
    subprocess.run(
        [
            "git",
            "clone",
            "-q",
            "--depth",
            "1",
            "--no-single-branch",
            f"file://{origin}",
            str(clone),
        ],
        check=True,
        capture_output=True,
    )
    git(clone, "checkout", "-q", "feature")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(clone)
        code = main(["review", "--base", "origin/main", "--dry-run"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert (
        "not in this shallow clone; run `git fetch --unshallow`" in err and "fetch-depth: 0" in err
    )


def test_unknown_base_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_repo(tmp_path / "repo", {"app.py": SMELLY})
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        code = main(["review", "--base", "origin/trunk"])
    assert code == 2
    assert (
        "--base origin/trunk is not a commit in this clone; run `git fetch origin trunk`"
        in capsys.readouterr().err
    )


def test_check_base_audits_working_tree_changes_and_untracked_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo", {"app.py": SMELLY})
    git(root, "checkout", "-q", "-b", "feature")
    write_files(
        root,
        {
            "app.py": SMELLY + "\n\ndef late(x=[]):\n    x.append(1)\n    return x\n",
            "scratch.py": "import os\n",
        },
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        code = main(["check", "--base", "main", "--format", "json", "--jobs", "1", "--no-cache"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert code == 1
    assert sorted((f["path"], f["rule"], f["line"]) for f in findings) == [
        ("app.py", "B006", 13),
        ("scratch.py", "F401", 1),
    ]
