"""The few git plumbing commands reviewbot needs, each a small function returning values."""

from __future__ import annotations

import subprocess
from pathlib import Path

from reviewbot.errors import ToolError


def git(root: Path, *args: str, check: bool = True) -> str:
    """Run ``git -C root args...`` and return stdout; ToolError with git's message on failure."""
    try:
        completed = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            check=False,
        )
    except FileNotFoundError as error:
        raise ToolError("git is not installed or not on PATH") from error
    if check and completed.returncode != 0:
        message = (completed.stderr.strip().splitlines() or ["(no output)"])[-1]
        raise ToolError(f"git {' '.join(args[:2])} failed: {message}")
    return completed.stdout


def repository_root(path: Path) -> Path | None:
    """The top of the git work tree containing ``path``, or None outside a repository."""
    folder = path if path.is_dir() else path.parent
    try:
        completed = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--show-toplevel"],
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        return None
    if completed.returncode != 0:
        return None
    return Path(completed.stdout.strip()).resolve()


def listed_files(root: Path, pathspecs: list[str]) -> list[str]:
    """Tracked and untracked-but-not-ignored files under ``pathspecs``, repo-relative POSIX."""
    output = git(
        root, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *pathspecs
    )
    return sorted({name for name in output.split("\0") if name})
