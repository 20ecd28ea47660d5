"""The fingerprint format is a contract: a baseline written by an earlier reviewbot still matches.

The fixture repository and the baseline that reviewbot wrote for it before moved and copied code
kept its identity in reviews are committed under ``fixtures/`` (see its README). Today's code must
write the same baseline byte for byte, and find none of its entries stale.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.gitrepo import commit_all, make_repo, write_files

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_repo(root: Path) -> Path:
    spec = json.loads((FIXTURES / "baseline_repo.json").read_text(encoding="utf-8"))
    return make_repo(root, spec["files"])


def reviewbot(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reviewbot", *args, "--no-cache", "--jobs", "1"],
        cwd=root, capture_output=True, text=True, check=False,
    )


def test_todays_code_writes_the_committed_baseline_byte_for_byte(tmp_path: Path) -> None:
    root = fixture_repo(tmp_path / "repo")
    done = reviewbot(root, "baseline", "--output", str(tmp_path / "today.json"))
    assert done.returncode == 0, done.stderr
    committed = (FIXTURES / "baseline_repo.baseline.json").read_text(encoding="utf-8")
    assert (tmp_path / "today.json").read_text(encoding="utf-8") == committed


def test_the_committed_baseline_has_no_stale_entry_and_accepts_every_finding(
    tmp_path: Path,
) -> None:
    root = fixture_repo(tmp_path / "repo")
    committed = (FIXTURES / "baseline_repo.baseline.json").read_text(encoding="utf-8")
    write_files(root, {"reviewbot-baseline.json": committed})
    commit_all(root, "baseline")
    stale = reviewbot(root, "baseline", "--check")
    assert stale.returncode == 0, stale.stdout + stale.stderr
    assert "48 entries, none stale" in stale.stdout + stale.stderr
    checked = reviewbot(root, "check", "--format", "json", "--fail-on", "info")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert json.loads(checked.stdout)["findings"] == []
