"""RB903 from ruff and RB903 from reviewbot's own budgets on one file are two findings with two
fingerprints, while every fingerprint a baseline from before this change holds still matches.

``fixtures/baseline_before_rb903.json`` was written by ``reviewbot baseline`` on the tree
:func:`legacy_tree` builds, with the code of main before RB903's fingerprints were told apart.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from reviewbot.cli.main import main
from reviewbot.fingerprint import (
    file_fingerprint,
    file_part_fingerprint,
    function_fingerprint,
    node_fingerprint,
    pr_fingerprint,
)
from reviewbot.ruleset.internal_codes import ANALYSIS_SKIPPED
from tests.pipeline.cache_trees import COMPLEX, write_tree

BASELINE_BEFORE = Path(__file__).parent / "fixtures" / "baseline_before_rb903.json"
LATIN = b'# -*- coding: latin-1 -*-\n"""Caf\xe9."""\nimport os\n'
LEGACY = {
    "legacy.py": "import os\n\n\ndef f(x=[]):\n    return x\n\n\n" + COMPLEX,
    "latin.py": LATIN,
}


def legacy_tree(root: Path, config: str = "") -> Path:
    """A tree with node, function and file-level findings, one of them ruff's RB903."""
    tree = write_tree(root, dict(LEGACY))
    with (tree / "pyproject.toml").open("a", encoding="utf-8") as pyproject:
        pyproject.write(config)
    return tree


def check(tree: Path, capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    main(["check", str(tree), "--no-cache", "--quiet", "--format", "json", "--jobs", "1", *args])
    report: dict[str, Any] = json.loads(capsys.readouterr().out)
    return report


def test_the_fingerprint_format_is_unchanged() -> None:
    # Values computed with main before this change.
    assert file_fingerprint("RB903", "legacy/latin.py") == "95b362a04862d5d0155c"
    assert node_fingerprint("F401", "a.py", "<module>", "import os", 0) == "b9bde0c0ea41b8557c27"
    assert function_fingerprint("RB201", "a.py", "f") == "e09353b1eb441521b500"
    assert pr_fingerprint("RB501") == "8175a4b7eb255b12e9af"


def test_a_baseline_written_before_the_change_hides_every_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = legacy_tree(tmp_path / "tree")
    shutil.copy(BASELINE_BEFORE, tree / "reviewbot-baseline.json")

    report = check(tree, capsys)

    assert report["findings"] == []
    entries = json.loads(BASELINE_BEFORE.read_text(encoding="utf-8"))["entries"]
    assert {entry["rule"] for entry in entries} == {"RB903", "RB201", "B006", "F401"}
    assert report["summary"]["baseline"]["hidden"] == len(entries)
    assert report["summary"]["baseline"]["stale"] == 0


def test_ruff_and_a_budget_on_one_file_give_two_distinct_rb903s(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = legacy_tree(tmp_path / "tree", "\n[tool.reviewbot.limits]\nfile-bytes = 40\n")

    skipped = [f for f in check(tree, capsys)["findings"] if f["rule"] == ANALYSIS_SKIPPED]
    on_latin = {
        f["message"].split(" ", 1)[0]: f["fingerprint"] for f in skipped if f["path"] == "latin.py"
    }

    assert on_latin == {
        "reviewbot's": file_fingerprint(ANALYSIS_SKIPPED, "latin.py"),
        "ruff": file_part_fingerprint(ANALYSIS_SKIPPED, "latin.py", "ruff"),
    }
    assert len(set(on_latin.values())) == 2


def test_the_two_rb903s_are_baselined_and_reported_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = legacy_tree(tmp_path / "tree", "\n[tool.reviewbot.limits]\nfile-bytes = 40\n")
    assert main(["baseline", str(tree), "--no-cache", "--jobs", "1"]) == 0
    capsys.readouterr()
    entries = json.loads((tree / "reviewbot-baseline.json").read_text(encoding="utf-8"))["entries"]
    fingerprints = [e["fingerprint"] for e in entries if e["rule"] == ANALYSIS_SKIPPED]
    assert len(set(fingerprints)) == len(fingerprints) >= 3  # latin.py twice, legacy.py once

    assert check(tree, capsys)["findings"] == []
