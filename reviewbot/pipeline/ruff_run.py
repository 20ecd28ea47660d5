"""ruff, run once per audit: the wheel's binary, JSON output, reviewbot's rule selection.

How the project's own ruff configuration is used: ruff is started in the project root, so it
reads the nearest ``ruff.toml`` / ``.ruff.toml`` / ``pyproject.toml [tool.ruff]`` for each file as
usual. Settings (``line-length``, ``target-version``, ``per-file-ignores``, plugin options such
as ``lint.pydocstyle.convention``) are respected. The *selection* is reviewbot's: ``--select``
carries exactly the ruff codes reviewbot's policy enables, which replaces the config's
``select``/``extend-select``/``ignore``. Files are passed explicitly after reviewbot's own
discovery and ``exclude``; ruff's ``exclude`` is not consulted again.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewbot.errors import ToolError

_ARGUMENT_BUDGET = 1_500_000  # bytes of file names per invocation, below Linux's ARG_MAX


@dataclass(frozen=True)
class RuffDiagnostic:
    """One finding as ruff reports it (1-based lines and columns)."""

    code: str
    message: str
    filename: str
    line: int
    column: int
    end_line: int
    end_column: int
    fix: dict[str, Any] | None
    url: str


@dataclass
class RuffRun:
    """A ruff process started in the background while the libcst analysis runs.

    ``stdin`` is the source handed to ruff on its standard input (``check -``), if any.
    """

    processes: list[subprocess.Popen[bytes]]
    stdin: bytes | None = None

    def results(self) -> list[RuffDiagnostic]:
        """Wait for ruff and parse its findings; ToolError when ruff failed."""
        diagnostics: list[RuffDiagnostic] = []
        for process in self.processes:
            raw_out, raw_err = process.communicate(self.stdin)
            stdout = raw_out.decode("utf-8", errors="replace")
            stderr = raw_err.decode("utf-8", errors="replace")
            if process.returncode not in (0, 1):
                detail = (stderr.strip().splitlines() or ["no output"])[0]
                raise ToolError(f"ruff check failed (exit {process.returncode}): {detail}")
            diagnostics += _diagnostics(_parse_json(stdout, "check"))
        return diagnostics


def start_ruff(
    binary: str, files: Sequence[Path], codes: Iterable[str], root: Path, use_cache: bool
) -> RuffRun:
    """Start ``ruff check`` on ``files`` with exactly ``codes`` selected (no-op when empty)."""
    selected = sorted(codes)
    if not files or not selected:
        return RuffRun([])
    base = _command(binary, selected, use_cache)
    batches = _batches([str(path) for path in files])
    return RuffRun([_start([*base, "--", *batch], root) for batch in batches])


def start_ruff_stdin(
    binary: str, filename: Path, source: bytes, codes: Iterable[str], root: Path
) -> RuffRun:
    """Start ``ruff check -`` on ``source`` as if it stood at ``filename``; never caches."""
    selected = sorted(codes)
    if not selected:
        return RuffRun([])
    command = [*_command(binary, selected, use_cache=False), "--stdin-filename", str(filename)]
    return RuffRun([_start([*command, "-"], root, stdin=True)], stdin=source)


def _command(binary: str, selected: list[str], use_cache: bool) -> list[str]:
    base = [binary, "check", "--output-format", "json", "--no-fix", "--exit-zero", "--quiet"]
    base += ["--select", ",".join(selected)]
    return base if use_cache else [*base, "--no-cache"]


def _start(command: list[str], root: Path, *, stdin: bool = False) -> subprocess.Popen[bytes]:
    try:
        return subprocess.Popen(
            command, cwd=root, stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
    except OSError as error:
        raise ToolError(f"cannot run ruff ({command[0]}): {error.strerror or error}") from error


def _batches(names: list[str]) -> Iterable[list[str]]:
    """Split file names so no command line exceeds the OS limit (one batch in practice)."""
    batch: list[str] = []
    size = 0
    for name in names:
        if batch and size + len(name) + 1 > _ARGUMENT_BUDGET:
            yield batch
            batch, size = [], 0
        batch.append(name)
        size += len(name) + 1
    if batch:
        yield batch


def _parse_json(text: str, what: str) -> Any:
    try:
        return json.loads(text or "[]")
    except json.JSONDecodeError as error:
        raise ToolError(f"ruff {what} printed something that is not JSON: {error}") from error


def _diagnostics(raw: list[dict[str, Any]]) -> list[RuffDiagnostic]:
    found = []
    for item in raw:
        if not item.get("code"):
            continue  # syntax errors: reviewbot reports its own parse errors
        start, end = item["location"], item["end_location"]
        found.append(
            RuffDiagnostic(
                code=item["code"],
                message=item["message"],
                filename=item["filename"],
                line=start["row"],
                column=start["column"],
                end_line=end["row"],
                end_column=end["column"],
                fix=item.get("fix"),
                url=item.get("url") or "",
            )
        )
    return found
