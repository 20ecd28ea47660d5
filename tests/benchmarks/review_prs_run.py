"""Running one reviewbot executable's ``review`` on a benchmark repository and reading it back.

The same harness runs an older reviewbot and the current one, so the command is built from what
the executable's ``review --help`` offers: an older one may lack ``--output``, and then its
report is read from stdout.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# reviewbot exits 1 when a finding blocks the change: a normal review here.
_OK_CODES = frozenset({0, 1})


@dataclass(frozen=True)
class Reviewbot:
    """A reviewbot executable and the ``review`` flags it understands."""

    executable: str
    version: str
    writes_output_file: bool  # has ``--output``; otherwise the report comes on stdout

    def command(self, report: Path) -> list[str]:
        """The review of ``pr`` against ``main``: dry run, default preset, no cache."""
        flags = ["--base", "main", "--head", "pr", "--dry-run", "--isolated", "--no-cache"]
        output = ["--output", str(report)] if self.writes_output_file else []
        return [self.executable, "review", *flags, "--format", "json", *output]


@dataclass(frozen=True)
class ReviewRun:
    """What one review printed, or why it produced no report."""

    exit_code: int
    wall_seconds: float
    report: dict[str, Any] | None
    error: str | None  # the tail of stderr when the review crashed or printed no report


def describe_reviewbot(executable: str) -> Reviewbot:
    """Ask ``executable`` for its version and its ``review`` options."""
    version = _output([executable, "--version"]).strip()
    commit = _checkout_commit(Path(executable))
    version = f"{version} ({commit})" if commit else version
    help_text = _output([executable, "review", "--help"])
    return Reviewbot(executable, version, writes_output_file="--output" in help_text)


def run_review(reviewbot: Reviewbot, root: Path, report_file: Path) -> ReviewRun:
    """Time one review in ``root``, keeping its JSON report in ``report_file`` (outside the
    repository); the report, or the error when there is none."""
    report_file.parent.mkdir(parents=True, exist_ok=True)
    report_file.unlink(missing_ok=True)
    started = time.perf_counter()
    done = subprocess.run(
        reviewbot.command(report_file),
        cwd=root,
        env=_environment(root),
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    if not reviewbot.writes_output_file:
        report_file.write_text(done.stdout)
    report = _parse_report(report_file.read_text() if report_file.exists() else "")
    if done.returncode not in _OK_CODES or report is None:
        return ReviewRun(done.returncode, wall, report, done.stderr[-2000:] or "no JSON report")
    return ReviewRun(done.returncode, wall, report, None)


def summary_lines(summary: str) -> tuple[int, int]:
    """Non-blank lines of the summary Markdown a reader sees unfolded, and in all.

    Lines inside a ``<details>`` block are folded away, except the one holding its
    ``<summary>`` title, which stays visible.
    """
    visible = total = depth = 0
    for line in summary.splitlines():
        if not line.strip():
            continue
        total += 1
        if depth == 0 or "<summary>" in line:
            visible += 1
        depth += line.count("<details") - line.count("</details>")
    return visible, total


def _environment(root: Path) -> dict[str, str]:
    """The child's environment: never under GitHub Actions, never inside another repository."""
    kept = {key: value for key, value in os.environ.items() if not key.startswith("GITHUB_")}
    return {**kept, "GIT_CEILING_DIRECTORIES": str(root.parent), "NO_COLOR": "1"}


def _parse_report(text: str) -> dict[str, Any] | None:
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        return None
    if isinstance(document, dict) and "comments" in document and "summary" in document:
        return document
    return None


def _output(command: list[str]) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def _checkout_commit(executable: Path) -> str:
    """The commit of the checkout an executable's virtual environment lives in, if any: two
    runs of one version number are told apart by it."""
    done = subprocess.run(
        ["git", "-C", str(executable.parent), "log", "-1", "--format=%h %s"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() if done.returncode == 0 else ""
