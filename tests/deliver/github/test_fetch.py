"""A checkout that lacks the base, the head or their merge base gets them fetched (real git)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewbot.change import fetch
from reviewbot.change.fetch import ensure_history
from reviewbot.change.git import is_shallow
from reviewbot.errors import UsageError
from tests.deliver.github.builders import commit_files, git


def origin_with_pull_request(tmp_path: Path) -> tuple[Path, str, str, str]:
    """An origin whose main moved on after a feature branched off: (origin, base, head, merge base)."""
    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q")
    git(origin, "config", "uploadpack.allowAnySHA1InWant", "true")  # as GitHub serves PR heads
    for index in range(6):
        fork_point = commit_files(origin, {"app.py": f"VALUE = {index}\n"}, f"main {index}")
    git(origin, "checkout", "-q", "-b", "feature")
    for index in range(3):
        head = commit_files(origin, {"feature.py": f"STEP = {index}\n"}, f"feature {index}")
    git(origin, "checkout", "-q", "main")
    for index in range(4):
        base = commit_files(origin, {"app.py": f"VALUE = {10 + index}\n"}, f"main later {index}")
    return origin, base, head, fork_point


def test_a_depth_one_checkout_is_deepened_until_the_merge_base_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    origin, base, head, fork_point = origin_with_pull_request(tmp_path)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth=1", "--branch=main", f"file://{origin}", str(clone))
    monkeypatch.setattr(fetch, "FIRST_DEPTH", 1)
    monkeypatch.setattr(fetch, "DEEPEN_STEPS", (1, 2))
    notes: list[str] = []

    assert ensure_history(clone, base, head, note=notes.append) == fork_point

    assert notes[0] == "fetching 1 missing commit(s) from origin"
    assert any(note.startswith("deepening") for note in notes)


def test_a_merge_base_beyond_every_step_is_found_by_unshallowing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    origin, base, head, fork_point = origin_with_pull_request(tmp_path)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth=1", "--branch=main", f"file://{origin}", str(clone))
    monkeypatch.setattr(fetch, "FIRST_DEPTH", 1)
    monkeypatch.setattr(fetch, "DEEPEN_STEPS", (1,))
    notes: list[str] = []

    assert ensure_history(clone, base, head, note=notes.append) == fork_point
    assert notes[-1] == "unshallowing the checkout to find the merge base"
    assert not is_shallow(clone)


def test_a_full_clone_fetches_the_missing_head_without_becoming_shallow(tmp_path: Path) -> None:
    origin, base, head, fork_point = origin_with_pull_request(tmp_path)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--single-branch", "--branch=main", f"file://{origin}", str(clone))

    assert ensure_history(clone, base, head) == fork_point
    assert not is_shallow(clone)


def test_a_complete_checkout_needs_no_fetch(tmp_path: Path) -> None:
    origin, base, head, fork_point = origin_with_pull_request(tmp_path)
    notes: list[str] = []

    assert ensure_history(origin, base, head, note=notes.append) == fork_point
    assert notes == []


def test_unrelated_histories_are_a_usage_error(tmp_path: Path) -> None:
    origin, base, _head, _fork = origin_with_pull_request(tmp_path)
    git(origin, "checkout", "-q", "--orphan", "other")
    unrelated = commit_files(origin, {"other.py": "X = 1\n"}, "unrelated")

    with pytest.raises(UsageError, match="share no history; check out the repository with `fetch-depth: 0`"):
        ensure_history(origin, base, unrelated)
