"""Finding and calling the ruff binary (the ruff wheel's, or ``$REVIEWBOT_RUFF``)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence

from reviewbot.errors import ToolError


def ruff_binary() -> str:
    """Path to the ruff binary: ``$REVIEWBOT_RUFF`` if set, else the one in the ruff wheel."""
    override = os.environ.get("REVIEWBOT_RUFF")
    if override:
        return override
    try:
        from ruff.__main__ import find_ruff_bin
    except ImportError as error:
        raise ToolError("ruff is not installed; run `pip install ruff`") from error
    try:
        return str(find_ruff_bin())
    except FileNotFoundError as error:
        raise ToolError(f"the ruff binary is missing from the ruff package: {error}") from error


def run_ruff(binary: str, args: Sequence[str]) -> str:
    """Run ruff and return its stdout; ToolError (exit 3) when it cannot run or fails."""
    try:
        completed = subprocess.run([binary, *args], capture_output=True, text=True, check=False)
    except OSError as error:
        raise ToolError(f"cannot run ruff ({binary}): {error.strerror or error}") from error
    if completed.returncode not in (0, 1):
        detail = (completed.stderr.strip().splitlines() or ["no output"])[0]
        raise ToolError(f"ruff {args[0]} failed (exit {completed.returncode}): {detail}")
    return completed.stdout


def ruff_version(binary: str) -> str:
    """The ruff version string, e.g. ``0.17.6``."""
    words = run_ruff(binary, ["version"]).split()
    if len(words) < 2:
        raise ToolError(f"ruff at {binary} did not print a version")
    return words[1]
