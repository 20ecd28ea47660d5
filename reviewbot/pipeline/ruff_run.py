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


#: Not a ruff code: the diagnostic reviewbot makes for a file ruff crashes on when run alone.
RUFF_CRASHED = "ruff-crashed"
_RUST_PANIC = 101


@dataclass(frozen=True)
class _Batch:
    """One ruff process started in the background, with the command and files it was given."""

    command: list[str]  # without the file names
    names: list[str]  # the files after ``--``, or the one name a buffer on stdin stands for
    process: subprocess.Popen[bytes]
    stdin: bytes | None = None  # the buffer ruff reads (``check -``), if any


@dataclass
class RuffRun:
    """The ruff processes started in the background while the libcst analysis runs."""

    batches: list[_Batch]
    root: Path = Path()

    def results(self) -> list[RuffDiagnostic]:
        """Wait for ruff and parse its findings; ToolError when ruff failed.

        When ruff crashes (a stack overflow on a deeply nested file kills the whole process),
        one file is to blame, not the run: the batch runs again in halves until that file is
        found, so every other file keeps its findings.
        """
        diagnostics: list[RuffDiagnostic] = []
        for batch in self.batches:
            raw_out, raw_err = batch.process.communicate(batch.stdin)
            done = (batch.process.returncode, _text(raw_out), _text(raw_err))
            diagnostics += _outcome(batch.command, batch.names, self.root, done)
        return diagnostics


def _outcome(
    command: list[str], names: list[str], root: Path, done: tuple[int, str, str]
) -> list[RuffDiagnostic]:
    """The diagnostics of one ruff run (exit code, stdout, stderr) on ``names``."""
    code, stdout, stderr = done
    if code in (0, 1):
        return _diagnostics(_parse_json(stdout, "check"))
    detail = stderr.strip().splitlines() or ["no output"]
    if not _crashed(code):
        raise ToolError(f"ruff check failed (exit {code}): {detail[0]}")
    if len(names) == 1:
        return [_crash(names[0], detail[-1])]
    middle = len(names) // 2
    return _rerun(command, names[:middle], root) + _rerun(command, names[middle:], root)


def _rerun(command: list[str], names: list[str], root: Path) -> list[RuffDiagnostic]:
    done = subprocess.run([*command, "--", *names], cwd=root, capture_output=True, check=False)
    outcome = (done.returncode, _text(done.stdout), _text(done.stderr))
    return _outcome(command, names, root, outcome)


def _text(raw: bytes) -> str:
    """ruff's output as text: a file name that is not UTF-8 comes back with replacements."""
    return raw.decode("utf-8", errors="replace")


def _crashed(code: int) -> bool:
    """Killed by a signal (a stack overflow aborts) or a Rust panic (exit 101)."""
    return code < 0 or code == _RUST_PANIC


def _crash(name: str, detail: str) -> RuffDiagnostic:
    """Stands for a file ruff crashes on even alone (its last line of stderr says how)."""
    return RuffDiagnostic(
        code=RUFF_CRASHED,
        message=detail[:200],
        filename=name,
        line=1,
        column=1,
        end_line=1,
        end_column=1,
        fix=None,
        url="",
    )


def start_ruff(
    binary: str, files: Sequence[Path], codes: Iterable[str], root: Path, use_cache: bool
) -> RuffRun:
    """Start ``ruff check`` on ``files`` with exactly ``codes`` selected (no-op when empty)."""
    selected = sorted(codes)
    if not files or not selected:
        return RuffRun([])
    base = _command(binary, selected, use_cache)
    names = _batches([str(path) for path in files])
    return RuffRun(
        [_Batch(base, batch, _start([*base, "--", *batch], root)) for batch in names], root
    )


def start_ruff_stdin(
    binary: str, filename: Path, source: bytes, codes: Iterable[str], root: Path
) -> RuffRun:
    """Start ``ruff check -`` on ``source`` as if it stood at ``filename``; never caches."""
    selected = sorted(codes)
    if not selected:
        return RuffRun([])
    command = [*_command(binary, selected, use_cache=False), "--stdin-filename", str(filename)]
    process = _start([*command, "-"], root, stdin=True)
    return RuffRun([_Batch(command, [str(filename)], process, stdin=source)], root)


def _command(binary: str, selected: list[str], use_cache: bool) -> list[str]:
    base = [binary, "check", "--output-format", "json", "--no-fix", "--exit-zero", "--quiet"]
    base += ["--select", ",".join(selected)]
    return base if use_cache else [*base, "--no-cache"]


def _start(command: list[str], root: Path, *, stdin: bool = False) -> subprocess.Popen[bytes]:
    try:
        return subprocess.Popen(
            command,
            cwd=root,
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
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
