"""Moved and copied code keeps its identity: real repositories, real ruff, ``reviewbot review``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gitrepo import make_repo
from tests.review.test_classification import (
    BRANCHY_BASE,
    BRANCHY_HEAD,
    SMELLY,
    feature,
    review,
    rules_of,
)

CONFIG = 'extend-select = ["RB301", "RB206"]\n\n[thresholds]\ncognitive = 3\ncognitive-min-lines = 1\ncyclomatic = 50\n'

BUSY = BRANCHY_BASE.split("\n\n\n")[0] + "\n"  # cognitive 4: over the limit of 3 (RB202)
OTHER = "def other():\n    return 2\n"


def complexity_of(data: dict, function: str) -> tuple[object, object]:
    [change] = [c for c in data["complexity"] if c["function"] == function]
    return change["path"], (change["before"], change["after"])


def test_function_moved_to_another_file_keeps_its_findings_and_its_complexity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {"a.py": SMELLY + "\n\n" + BUSY, "b.py": OTHER, ".reviewbot.toml": CONFIG}
    root = make_repo(tmp_path / "repo", files)
    helper = "def helper():\n    return 1\n"
    feature(root, {"a.py": helper, "b.py": OTHER + "\n\n" + SMELLY.replace(helper, "") + BUSY})
    code, data = review(root, capsys)
    assert code == 0
    assert data["findings"]["new"] == [] and data["comments"] == []
    assert data["findings"]["fixed"] == []
    assert rules_of(data["findings"]["existing"]) == [
        ("b.py", "B006"), ("b.py", "RB202"), ("b.py", "RB301")
    ]
    assert complexity_of(data, "busy") == (
        "b.py", ({"cognitive": 4, "cyclomatic": 4}, {"cognitive": 4, "cyclomatic": 4})
    )
    assert complexity_of(data, "render")[1][0] is not None  # not "new"


def test_moved_function_that_got_worse_is_judged_against_its_old_self(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo", {"calc.py": BRANCHY_BASE, ".reviewbot.toml": CONFIG})
    busy, calm = BRANCHY_HEAD.split("\n\n\n")
    feature(root, {"calc.py": busy + "\n", "calm.py": calm})
    _, data = review(root, capsys)
    [new] = data["findings"]["new"]  # RB206 replaces RB202's "is 6"
    assert (new["rule"], new["path"], new["line"]) == ("RB206", "calm.py", 1)
    assert new["message"].startswith(
        "`calm()` cognitive complexity rose from 0 to 6 in this change (limit 3)"
    )
    assert complexity_of(data, "calm") == (
        "calm.py", ({"cognitive": 0, "cyclomatic": 1}, {"cognitive": 6, "cyclomatic": 4})
    )
    assert rules_of(data["findings"]["fixed"]) == []


def test_byte_identical_copy_of_an_untouched_file_brings_no_new_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo", {"app.py": SMELLY, ".reviewbot.toml": CONFIG})
    feature(root, {"build/pure/app.py": SMELLY, "build/__init__.py": ""})
    code, data = review(root, capsys)
    assert code == 0
    assert data["findings"]["new"] == [] and data["comments"] == []
    assert rules_of(data["findings"]["existing"]) == [
        ("build/pure/app.py", "B006"), ("build/pure/app.py", "RB301")
    ]


def test_a_file_that_is_not_a_copy_still_brings_new_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo", {"app.py": SMELLY, ".reviewbot.toml": CONFIG})
    feature(root, {"twin.py": SMELLY.replace("return 1", "return 2")})
    _, data = review(root, capsys)
    # its findings are new; its TODO is not (RB506 counts a near copy's copied TODO once)
    assert rules_of(data["findings"]["new"]) == [("twin.py", "B006"), ("twin.py", "RB301")]


def test_function_copied_from_a_changed_file_is_not_new(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo", {"a.py": SMELLY, "b.py": OTHER, ".reviewbot.toml": CONFIG})
    feature(root, {"a.py": SMELLY + "\n\nX = 1\n", "b.py": OTHER + "\n\n" + SMELLY})
    _, data = review(root, capsys)
    assert data["findings"]["new"] == [] and data["findings"]["fixed"] == []
    assert rules_of(data["findings"]["existing"]) == [
        ("a.py", "B006"), ("a.py", "RB301"), ("b.py", "B006"), ("b.py", "RB301")
    ]


def test_a_smell_added_next_to_moved_code_is_still_new(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo", {"a.py": SMELLY, "b.py": OTHER, ".reviewbot.toml": CONFIG})
    added = "\n\ndef extra(items, cache={}):\n    return cache\n"
    feature(root, {"a.py": "X = 1\n", "b.py": OTHER + "\n\n" + SMELLY + added})
    _, data = review(root, capsys)
    [new] = data["findings"]["new"]
    assert (new["rule"], new["path"], new["line"]) == ("B006", "b.py", 17)
    assert data["findings"]["fixed"] == []
