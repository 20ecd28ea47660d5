"""The changes a developer has not pushed: since the merge base with a ref, or staged for commit.

``since_merge_base`` compares the working tree with the merge base of REF and HEAD (committed,
staged and unstaged edits; untracked files count as wholly added): the view of ``check --base``.
``staged`` reads ``git diff --cached`` with no context, the lines a commit adds: the view of
``check --staged`` and the pre-commit hook. Both map a path to its FileChange; deleted files,
which have no lines to check, are left out of the staged view.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reviewbot.change.git import git, patch_options
from reviewbot.change.model import PYTHON_SUFFIXES, FileChange, FileStatus
from reviewbot.change.patch import parse_patch
from reviewbot.change.read import read_change, untracked_files


def since_merge_base(root: Path, base_ref: str) -> dict[str, FileChange]:
    """The Python files changed in the working tree since the merge base, by path."""
    change = read_change(root, base_ref, head_ref=None)
    found = {f.path: f for f in change.python_files}
    for path in untracked_files(root):
        if path.endswith(PYTHON_SUFFIXES) and path not in found:
            found[path] = _wholly_added(root, path)
    return found


def staged(root: Path, paths: Sequence[Path] = ()) -> dict[str, FileChange]:
    """The staged Python files (limited to ``paths``) and the lines the commit adds to each.

    A Python file named in ``paths`` that has no staged change counts as wholly added: that is
    how ``pre-commit run --all-files`` (and pre-commit.ci) hands the hook every file, and then
    the hook reports what ``reviewbot check`` reports on them instead of passing silently.
    """
    pathspecs = [str(path.resolve()) for path in paths]
    text = git(
        root, "-c", "core.quotePath=false", "diff", "--cached", *patch_options(0), "--", *pathspecs
    )
    found = {
        change.path: change
        for change in parse_patch(text)
        if change.is_python and change.status is not FileStatus.DELETED
    }
    for path in _named_files(root, paths):
        found.setdefault(path, _wholly_added(root, path))
    return found


def _named_files(root: Path, paths: Sequence[Path]) -> list[str]:
    """The Python files among ``paths`` (not folders), relative to ``root``."""
    named: list[str] = []
    for path in paths:
        resolved = path.resolve()
        if resolved.is_file() and resolved.name.endswith(PYTHON_SUFFIXES):
            try:
                named.append(resolved.relative_to(root.resolve()).as_posix())
            except ValueError:
                continue
    return named


def _wholly_added(root: Path, path: str) -> FileChange:
    try:
        lines = (root / path).read_bytes().count(b"\n") + 1
    except OSError:
        lines = 0
    every = frozenset(range(1, lines + 1))
    return FileChange(path, None, FileStatus.ADDED, added_lines=every, hunks=((1, lines),))
