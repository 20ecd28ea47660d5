"""Running reviewbot over a precision corpus with one preset, and reading its findings back."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.benchmarks.precision_corpora import Corpus

PRESETS = ("recommended", "strict")
# reviewbot exits 1 when it reports findings at or above fail-on: a normal run here.
_OK_CODES = frozenset({0, 1})


@dataclass(frozen=True)
class Finding:
    """One finding, as reviewbot's JSON report gives it, tagged with its corpus."""

    corpus: str
    rule: str
    path: str  # relative to the corpus tree
    line: int
    column: int
    message: str
    severity: str
    fingerprint: str

    @property
    def label_id(self) -> str:
        """The finding's id in the labels file: stable while its code does not change."""
        return f"{self.rule}:{self.corpus}:{self.path}:{self.fingerprint}"


def reviewbot_command(preset: str) -> list[str]:
    """The command run in each corpus tree (the tree is the working directory and the target)."""
    executable = shutil.which("reviewbot", path=str(Path(sys.executable).parent)) or "reviewbot"
    flags = ["--format", "json", "--isolated", "--preset", preset, "--no-cache", "--quiet"]
    return [executable, "check", ".", *flags]


def run_reviewbot(corpus: Corpus, preset: str, output: Path, ceiling: Path) -> None:
    """Check ``corpus`` with ``preset`` and keep the JSON report in ``output``.

    ``ceiling`` stops git's search for a repository: the work folder may lie inside reviewbot's
    own checkout, where it is gitignored and discovery would skip every file.
    """
    environment = {**os.environ, "GIT_CEILING_DIRECTORIES": str(ceiling)}
    command = reviewbot_command(preset)
    done = subprocess.run(
        command, cwd=corpus.tree, env=environment, capture_output=True, text=True, check=False
    )
    if done.returncode not in _OK_CODES or not _is_report(done.stdout):
        sys.exit(
            f"{' '.join(command)} in {corpus.tree} exited {done.returncode} without a JSON "
            f"report:\n{done.stderr[-2000:]}"
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(done.stdout)


def _is_report(text: str) -> bool:
    """Whether ``text`` is a reviewbot JSON report (exit code 1 also means a crash)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        return False
    return isinstance(document, dict) and "findings" in document and "summary" in document


def read_findings(corpus: str, report: Path) -> list[Finding]:
    """The findings of one saved JSON report."""
    document: dict[str, Any] = json.loads(report.read_text())
    return [_finding(corpus, raw) for raw in document["findings"]]


def checked_files(report: Path) -> int:
    """How many files the saved report says reviewbot checked."""
    document: dict[str, Any] = json.loads(report.read_text())
    return int(document["summary"]["files"])


def _finding(corpus: str, raw: dict[str, Any]) -> Finding:
    return Finding(
        corpus=corpus,
        rule=str(raw["rule"]),
        path=str(raw["path"]),
        line=int(raw["line"]),
        column=int(raw["column"]),
        message=str(raw["message"]),
        severity=str(raw["severity"]),
        fingerprint=str(raw["fingerprint"]),
    )
