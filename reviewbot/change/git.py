"""The few git plumbing commands reviewbot needs, each a small function returning values.

Every git process reviewbot starts is started here (:func:`git`), and each question asked of git
in more than one place (a ref's commit, the merge base, shallowness, the patch format) has one
function.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from reviewbot.errors import ToolError


def git(root: Path, *args: str, check: bool = True) -> str:
    """Run ``git -C root args...`` and return stdout; ToolError with git's message on failure."""
    output = git_bytes(root, *args, check=check)
    return output.decode("utf-8", errors="surrogateescape")


def git_bytes(root: Path, *args: str, stdin: bytes = b"", check: bool = True) -> bytes:
    """Run ``git -C root args...`` with ``stdin``; its stdout as bytes (ToolError on failure)."""
    try:
        completed = subprocess.run(
            ["git", "-C", str(root), *args], input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError as error:
        raise ToolError("git is not installed or not on PATH") from error
    if check and completed.returncode != 0:
        lines = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ToolError(f"git {' '.join(args[:2])} failed: {(lines or ['(no output)'])[-1]}")
    return completed.stdout


def repository_root(path: Path) -> Path | None:
    """The top of the git work tree containing ``path``, or None outside a repository."""
    folder = path if path.is_dir() else path.parent
    try:
        top = git(folder, "rev-parse", "--show-toplevel", check=False).strip()
    except ToolError:  # git is not installed: no repository either
        return None
    return Path(top).resolve() if top else None


def listed_files(root: Path, pathspecs: list[str]) -> list[str]:
    """Tracked and untracked-but-not-ignored files under ``pathspecs``, repo-relative POSIX."""
    output = git(
        root, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *pathspecs
    )
    return sorted({name for name in output.split("\0") if name})


def commit_sha(root: Path, ref: str) -> str | None:
    """The full SHA of the commit ``ref`` names, or None when it is not in the clone."""
    sha = git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False).strip()
    return sha or None


def merge_base(root: Path, base: str, head: str) -> str | None:
    """The best common ancestor of ``base`` and ``head``, or None when the history lacks one."""
    found = git(root, "merge-base", base, head, check=False).strip()
    return found or None


def is_shallow(root: Path) -> bool:
    """Whether the repository's history is cut short (a ``--depth`` clone)."""
    return git(root, "rev-parse", "--is-shallow-repository", check=False).strip() == "true"


def patch_options(context: int) -> tuple[str, ...]:
    """``git diff`` options for a patch :func:`reviewbot.change.patch.parse_patch` reads."""
    return (
        "-p",
        f"-U{context}",
        "--find-renames",
        "--no-color",
        "--no-ext-diff",
        "--no-textconv",
        "--src-prefix=a/",
        "--dst-prefix=b/",
    )


def files_at(root: Path, commit: str) -> list[str]:
    """Every file of the tree at ``commit``, repo-relative POSIX, sorted."""
    output = git(root, "-c", "core.quotePath=false", "ls-tree", "-r", "-z", "--name-only", commit)
    return sorted(name for name in output.split("\0") if name)
