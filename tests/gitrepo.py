"""Real git repositories in a temporary folder, for tests."""

from __future__ import annotations

import subprocess
from pathlib import Path

_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z",
    "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
    "HOME": "/nonexistent",
    "PATH": "/usr/bin:/bin:/usr/local/bin",
}


def git(root: Path, *args: str) -> str:
    """Run git in ``root`` with a fixed identity and dates; return stdout."""
    done = subprocess.run(
        ["git", "-C", str(root), "-c", "init.defaultBranch=main", *args],
        capture_output=True, text=True, check=True, env=_ENV,
    )
    return done.stdout


def make_repo(root: Path, files: dict[str, str | bytes]) -> Path:
    """A git repository at ``root`` with ``files`` committed."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q")
    write_files(root, files)
    commit_all(root, "initial")
    return root


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    """Write (or overwrite) files under ``root``."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def commit_all(root: Path, message: str) -> str:
    """Commit everything; returns the new commit's SHA."""
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD").strip()
