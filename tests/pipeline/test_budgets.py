"""Per-file budgets: a file over ``limits.file-bytes`` or ``limits.file-seconds`` gets one RB903
and the run goes on, in one process and in the pool; bad budget values name their key.

Real trees in tmp_path and the real ``reviewbot.cli.main``.
"""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from reviewbot.cli.main import main
from reviewbot.config.model import DEFAULT_FILE_BYTES, FilePolicy, Limits
from reviewbot.pipeline.scheduler import FileTask, analyze_within_budget
from reviewbot.ruleset.internal_codes import ANALYSIS_SKIPPED
from reviewbot.ruleset.registry import builtin_registry
from tests.pipeline.cache_trees import COMPLEX, recording_analysis, write_tree

# 2 MB in one list: unbudgeted, libcst and radon take tens of seconds and gigabytes on it
HUGE = "import os\n\nDATA = [" + ", ".join(str(i) for i in range(310_000)) + "]\n"
# a few hundred branchy functions: well over a millisecond of analysis
MODERATE = "".join(
    f"def f{i}(a, b):\n    if a > b:\n        for x in range(a):\n"
    f"            if x % 2:\n                b += x\n    return a + b\n\n\n"
    for i in range(150)
)
# enough files that --jobs 2 takes the process pool
OTHERS = {f"pkg/mod{i}.py": COMPLEX for i in range(8)}
OTHERS_FINDINGS = {name: ["RB201"] for name in OTHERS}


def run(root: Path, jobs: int, *extra: str) -> tuple[int, list[dict[str, Any]]]:
    """Exit code and JSON findings of ``reviewbot check`` on ``root``."""
    report = root.parent / f"{root.name}-report.json"
    args = ["check", str(root), "--format", "json", "--jobs", str(jobs), "--output", str(report)]
    code = main([*args, *extra])
    return code, json.loads(report.read_text(encoding="utf-8"))["findings"]


def by_path(findings: list[dict[str, Any]], path: str) -> list[str]:
    return sorted(f["rule"] for f in findings if f["path"] == path)


def test_the_huge_list_fixture_is_over_the_default_budget() -> None:
    assert len(HUGE.encode()) > 2 * 1_000_000 > DEFAULT_FILE_BYTES


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_over_the_size_budget_gets_one_finding_and_the_run_goes_on(
    tmp_path: Path, jobs: int
) -> None:
    root = write_tree(tmp_path / "tree", {"huge.py": HUGE, **OTHERS})
    started = time.monotonic()
    code, findings = run(root, jobs, "--no-cache")
    assert time.monotonic() - started < 15  # unbudgeted, this file alone takes 20 s or more
    assert code == 0
    (skipped,) = [f for f in findings if f["rule"] == ANALYSIS_SKIPPED]
    assert (skipped["path"], skipped["severity"]) == ("huge.py", "warning")
    assert skipped["message"] == (
        "reviewbot's rules and metrics skipped huge.py: "
        f"it is {len(HUGE.encode()):,} bytes, over the budget of {DEFAULT_FILE_BYTES:,} "
        "(limits.file-bytes); ruff's rules still ran"
    )
    assert by_path(findings, "huge.py") == ["F401", ANALYSIS_SKIPPED]  # ruff still ran on it
    assert {name: by_path(findings, name) for name in OTHERS} == OTHERS_FINDINGS


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_over_its_time_budget_gets_one_finding(tmp_path: Path, jobs: int) -> None:
    config = (
        '[tool.reviewbot]\npreset = "recommended"\nextend-select = ["RB201"]\n'
        '[[tool.reviewbot.overrides]]\npaths = ["slow.py"]\n'
        "[tool.reviewbot.overrides.limits]\nfile-seconds = 0.001\n"
    )
    root = write_tree(tmp_path / "tree", {"slow.py": MODERATE, **OTHERS})
    (root / "pyproject.toml").write_text(config, encoding="utf-8")
    code, findings = run(root, jobs, "--no-cache")
    assert code == 0
    assert by_path(findings, "slow.py") == [ANALYSIS_SKIPPED]
    (message,) = [f["message"] for f in findings if f["path"] == "slow.py"]
    assert "more than 0.001 s of CPU time, the budget (limits.file-seconds)" in message
    # the other files keep the default budget
    assert {name: by_path(findings, name) for name in OTHERS} == OTHERS_FINDINGS


def test_skipped_files_are_not_cached_and_analysed_results_are_reused(tmp_path: Path) -> None:
    small = (
        '[tool.reviewbot]\npreset = "recommended"\nextend-select = ["RB201"]\n'
        "[tool.reviewbot.limits]\nfile-bytes = 100\n"
    )
    root = write_tree(tmp_path / "tree", {"a.py": COMPLEX, "b.py": "x = 1\n"})
    with recording_analysis() as runs:
        _, first = run(root, 1)
        (root / "pyproject.toml").write_text(small, encoding="utf-8")
        _, second = run(root, 1)
        (root / "pyproject.toml").write_text(small.replace("100", "false"), encoding="utf-8")
        _, third = run(root, 1)
    assert by_path(first, "a.py") == by_path(third, "a.py") == ["RB201"]
    assert by_path(second, "a.py") == [ANALYSIS_SKIPPED]
    # the budget is not part of the cache key: b.py's result is reused throughout, and a.py,
    # skipped before the cache was asked, comes back from the cache once it fits again
    assert runs == [["a.py", "b.py"], [], []]


def test_a_skipped_result_is_never_written_to_the_cache(tmp_path: Path) -> None:
    config = (
        '[tool.reviewbot]\npreset = "recommended"\nextend-select = ["RB201"]\n'
        "[tool.reviewbot.limits]\nfile-seconds = 0.001\n"
    )
    root = write_tree(tmp_path / "tree", {"slow.py": MODERATE})
    (root / "pyproject.toml").write_text(config, encoding="utf-8")
    with recording_analysis() as runs:
        _, first = run(root, 1)
        _, second = run(root, 1)
        (root / "pyproject.toml").write_text(config.replace("0.001", "60"), encoding="utf-8")
        _, third = run(root, 1)
    assert by_path(first, "slow.py") == by_path(second, "slow.py") == [ANALYSIS_SKIPPED]
    assert ANALYSIS_SKIPPED not in by_path(third, "slow.py")
    assert runs == [["slow.py"], ["slow.py"], ["slow.py"]]


@pytest.mark.parametrize("seconds", [0.000_1, 60.0])
def test_the_timer_is_always_cleared_and_the_handler_restored(seconds: float) -> None:
    registry = builtin_registry()
    policy = FilePolicy({}, limits=Limits(file_seconds=seconds))
    before = signal.getsignal(signal.SIGPROF)
    result = analyze_within_budget(FileTask(MODERATE.encode(), "m.py", policy), registry)
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGPROF) is before
    skipped = [f.rule for f in result.findings] == [ANALYSIS_SKIPPED]
    assert skipped is (seconds < 1)


def test_no_budget_analyses_whatever_the_size(tmp_path: Path) -> None:
    config = (
        '[tool.reviewbot]\npreset = "recommended"\nextend-select = ["RB201"]\n'
        "[tool.reviewbot.limits]\nfile-bytes = 10\nfile-seconds = 0.001\n"
        '[[tool.reviewbot.overrides]]\npaths = ["a.py"]\n'
        "[tool.reviewbot.overrides.limits]\nfile-bytes = false\nfile-seconds = false\n"
    )
    root = write_tree(tmp_path / "tree", {"a.py": COMPLEX, "b.py": COMPLEX})
    (root / "pyproject.toml").write_text(config, encoding="utf-8")
    _, findings = run(root, 1, "--no-cache")
    assert by_path(findings, "a.py") == ["RB201"]
    assert by_path(findings, "b.py") == [ANALYSIS_SKIPPED]


BYTES = "a positive integer (bytes) or false"
SECONDS = "a positive number of seconds or false"


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ("file-bytes = 0", f"limits.file-bytes: expected {BYTES}, got 0"),
        ("file-bytes = -5", f"limits.file-bytes: expected {BYTES}, got -5"),
        ("file-bytes = 1.5", f"limits.file-bytes: expected {BYTES}, got a float"),
        ('file-bytes = "1MB"', f"limits.file-bytes: expected {BYTES}, got a string"),
        ("file-bytes = true", f"limits.file-bytes: expected {BYTES}, got a boolean"),
        ("file-seconds = 0", f"limits.file-seconds: expected {SECONDS}, got 0"),
        ("file-seconds = -1.5", f"limits.file-seconds: expected {SECONDS}, got -1.5"),
        ("file-seconds = inf", f"limits.file-seconds: expected {SECONDS}, got inf"),
        ("file-seconds = nan", f"limits.file-seconds: expected {SECONDS}, got nan"),
        ('file-seconds = "10"', f"limits.file-seconds: expected {SECONDS}, got a string"),
        ("file-second = 10", "limits.file-second: unknown key; did you mean 'file-seconds'?"),
        ("[limits.x]", "limits.x: unknown key (expected one of: file-bytes, file-seconds)"),
    ],
)
def test_bad_budgets_name_the_file_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], table: str, expected: str
) -> None:
    assert config_error(tmp_path, capsys, f"[limits]\n{table}\n") == expected


def test_a_bad_budget_in_an_override_names_the_override(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = '[[overrides]]\npaths = ["a.py"]\nlimits = 5\n'
    assert (
        config_error(tmp_path, capsys, text)
        == "overrides[0].limits: expected a table, got an integer"
    )


def config_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> str:
    """The key and problem of the config error ``text`` makes ``reviewbot check`` stop with."""
    (tmp_path / "a.py").write_text("x = 1\n", encoding="utf-8")
    config = tmp_path / ".reviewbot.toml"
    config.write_text(text, encoding="utf-8")
    assert main(["check", str(tmp_path), "--no-cache"]) == 2
    message = capsys.readouterr().err.strip()
    prefix = f"reviewbot: error: {config}: "
    assert message.startswith(prefix)
    return message.removeprefix(prefix)
