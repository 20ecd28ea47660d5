"""The progress bar: one step per analysed file (in the pool too), cached files counted at once,
the time since the start shown, and drawn only on an interactive stderr without --quiet."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from reviewbot.cli.console import Console, elapsed, progress_bar
from reviewbot.pipeline.audit import CheckOptions, run_check
from tests.pipeline.cache_trees import COMPLEX, write_tree

FILES = 60  # over the bar's minimum of 50 files


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _tree(root: Path) -> Path:
    return write_tree(root, {f"pkg/mod{i}.py": f"X = {i}\n\n\n{COMPLEX}" for i in range(FILES)})


def _calls(tree: Path, *, jobs: int, use_cache: bool) -> list[tuple[int, int]]:
    seen: list[tuple[int, int]] = []
    run_check(
        CheckOptions(paths=(tree,), jobs=jobs, use_cache=use_cache),
        progress=lambda done, total: seen.append((done, total)),
    )
    return seen


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_advances_one_file_at_a_time(tmp_path: Path, jobs: int) -> None:
    calls = _calls(_tree(tmp_path / "tree"), jobs=jobs, use_cache=False)

    assert calls == [(done, FILES) for done in range(FILES + 1)]


def test_cached_files_are_counted_at_once_and_the_rest_one_by_one(tmp_path: Path) -> None:
    tree = _tree(tmp_path / "tree")
    _calls(tree, jobs=2, use_cache=True)
    for name in ("pkg/mod1.py", "pkg/mod2.py", "pkg/mod3.py"):
        (tree / name).write_text("Y = 1\n", encoding="utf-8")

    calls = _calls(tree, jobs=2, use_cache=True)

    assert calls == [(done, FILES) for done in range(FILES - 3, FILES + 1)]


def test_the_bar_shows_the_count_and_the_elapsed_time() -> None:
    now = [0.0]
    err = io.StringIO()
    console = Console(
        io.StringIO(),
        err,
        show_progress=True,
        stdout_is_terminal=False,
        clock=lambda: now[0],
        started=0.0,
    )

    now[0] = 7.4
    console.progress(30, 120)
    now[0] = 3725.0
    console.progress(120, 120)

    first, second = err.getvalue().split("\r")[1:]
    assert first == "[#######-----------------------] 30/120 files [00:07]"
    assert second == "[##############################] 120/120 files [1:02:05]"
    console.clear_progress()
    assert err.getvalue().endswith("\r" + " " * len(second) + "\r")


def test_elapsed_is_minutes_and_seconds_then_hours() -> None:
    assert [elapsed(s) for s in (0, 59.9, 61, 3599, 3600, -1)] == [
        "00:00", "00:59", "01:01", "59:59", "1:00:00", "00:00",
    ]


def test_few_files_draw_nothing_and_nothing_leaves_nothing_to_clear() -> None:
    err = io.StringIO()
    console = Console(io.StringIO(), err, show_progress=True, stdout_is_terminal=False)
    console.progress(10, 49)
    console.clear_progress()
    assert err.getvalue() == ""


def test_progress_only_on_an_interactive_stderr_and_never_when_quiet(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(sys, "stderr", _Terminal())
    assert progress_bar(Console.for_streams(quiet=False)) is not None
    assert progress_bar(Console.for_streams(quiet=True)) is None
    monkeypatch.setenv("CI", "true")
    assert progress_bar(Console.for_streams(quiet=False)) is None
    monkeypatch.delenv("CI")
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert progress_bar(Console.for_streams(quiet=False)) is None
