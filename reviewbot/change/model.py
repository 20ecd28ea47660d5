"""Immutable records of a change: each file's status, paths and changed lines."""

from __future__ import annotations

import enum
from dataclasses import dataclass

PYTHON_SUFFIXES = (".py", ".pyi")
_REGULAR_MODES = frozenset({"100644", "100755", "100664"})


class FileStatus(str, enum.Enum):
    """What the change did to a file."""

    ADDED = "added"
    MODIFIED = "modified"
    RENAMED = "renamed"
    DELETED = "deleted"


@dataclass(frozen=True)
class FileChange:
    """One changed file.

    ``path`` is the head path (the base path for a deleted file) and ``old_path`` the base path
    (None for an added file). ``added_lines`` are head-side line numbers, ``removed_lines``
    base-side ones; ``hunks`` are the head-side line ranges a diff shows (with context), the only
    lines a review comment can be anchored to.
    """

    path: str
    old_path: str | None
    status: FileStatus
    binary: bool = False
    mode: str = "100644"
    added_lines: frozenset[int] = frozenset()
    removed_lines: frozenset[int] = frozenset()
    hunks: tuple[tuple[int, int], ...] = ()

    @property
    def is_python(self) -> bool:
        """A file named as Python source (not a symlink or submodule). One git calls binary is
        analysed too: it is reported as unreadable (RB901), as ``reviewbot check`` reports it."""
        return self.path.endswith(PYTHON_SUFFIXES) and self.mode in _REGULAR_MODES

    @property
    def additions(self) -> int:
        """Lines added."""
        return len(self.added_lines)

    @property
    def deletions(self) -> int:
        """Lines removed."""
        return len(self.removed_lines)

    def commentable(self, line: int) -> bool:
        """Whether ``line`` (head side) is shown in the diff, so a comment can sit on it."""
        return any(first <= line <= last for first, last in self.hunks)

    def touches(self, first: int, last: int) -> bool:
        """Whether any head line from ``first`` to ``last`` was added by the change (a binary
        file's diff has no lines: all of it counts as changed)."""
        if self.binary:
            return True
        if last - first < len(self.added_lines):
            return any(line in self.added_lines for line in range(first, last + 1))
        return any(first <= line <= last for line in self.added_lines)

    def added_within(self, first: int, last: int) -> int:
        """How many head lines from ``first`` to ``last`` the change added (all of them in a
        binary file)."""
        if self.binary:
            return last - first + 1
        if last - first < len(self.added_lines):
            return sum(1 for line in range(first, last + 1) if line in self.added_lines)
        return sum(1 for line in self.added_lines if first <= line <= last)


@dataclass(frozen=True)
class Change:
    """A change between two commits: the merge base of base and head, and head.

    ``head`` is empty when the head side is the working tree (``check --base``).
    """

    base_ref: str
    head_ref: str
    base: str
    head: str
    files: tuple[FileChange, ...]

    def file(self, path: str) -> FileChange | None:
        """The change to the file now at ``path``, if it changed."""
        return next((f for f in self.files if f.path == path), None)

    @property
    def python_files(self) -> tuple[FileChange, ...]:
        """Changed Python files that still exist at head."""
        return tuple(f for f in self.files if f.is_python and f.status is not FileStatus.DELETED)
