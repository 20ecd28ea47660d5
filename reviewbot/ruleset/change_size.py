"""A change's size as a reviewer reads it: the lines of text files a person has to review, and
what was left out, with how many lines, so every figure can be reconciled with the whole diff.

Left out: lockfiles, generated and vendored files, translation catalogues and binary files in
full; a copy's copied lines (the lines it differs from its source by still count).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reviewbot.change.file_kinds import LOCKFILE_NAMES, is_requirements_file, is_translation
from reviewbot.change.model import FileChange


class LeftOutKind(str, enum.Enum):
    """Why a file's lines (or some of them) do not count toward the size."""

    LOCKFILE = "lockfile"
    GENERATED = "generated file"
    VENDORED = "vendored file"
    TRANSLATION = "translation file"
    BINARY = "binary file"
    COPY = "copy"

    def counted(self, count: int) -> str:
        """``2 lockfiles``, ``1 copy``."""
        if count == 1:
            return f"1 {self.value}"
        return f"{count} {'copies' if self is LeftOutKind.COPY else self.value + 's'}"


@dataclass(frozen=True)
class LeftOut:
    """Lines of ``path`` left out of the size, and why; ``kept`` lines of it still count (a
    copy's edits)."""

    path: str
    kind: LeftOutKind
    added: int
    removed: int
    kept_added: int = 0
    kept_removed: int = 0


@dataclass(frozen=True)
class ChangeSize:
    """Counted lines and files, the whole diff's, and what was left out of the count.

    ``files`` counts every changed file but those left out whole (a rename without edits still
    counts, as in the diff's own file count; a copy counts when it has edits of its own)."""

    added: int
    removed: int
    files: int
    total_added: int
    total_removed: int
    left_out: tuple[LeftOut, ...] = ()

    @property
    def lines(self) -> int:
        """Counted changed lines."""
        return self.added + self.removed

    def counted_by_path(self, files: Sequence[FileChange]) -> dict[str, int]:
        """The lines of each of ``files`` that count (none for a file left out whole)."""
        left = {item.path: item for item in self.left_out}
        return {change.path: sum(_kept(change, left.get(change.path))) for change in files}

    def left_out_phrase(self) -> str:
        """``2 lockfiles (+900 -300), 1 copy (+120)``, or empty when nothing was left out."""
        groups: dict[LeftOutKind, list[LeftOut]] = {}
        for item in self.left_out:
            groups.setdefault(item.kind, []).append(item)
        return ", ".join(
            f"{kind.counted(len(items))}{_lines(items)}" for kind, items in groups.items()
        )


def _lines(items: Sequence[LeftOut]) -> str:
    added, removed = sum(i.added for i in items), sum(i.removed for i in items)
    if not added and not removed:
        return ""
    return f" (+{added} -{removed})" if removed else f" (+{added})"


def measure(files: Sequence[FileChange], left_out: Mapping[str, LeftOut]) -> ChangeSize:
    """The size of ``files`` with ``left_out`` (by path) taken out."""
    counted = _counted(files, left_out)
    return ChangeSize(
        added=sum(lines[0] for lines in counted),
        removed=sum(lines[1] for lines in counted),
        files=len(counted),
        total_added=sum(f.additions for f in files),
        total_removed=sum(f.deletions for f in files),
        left_out=_listed(files, left_out),
    )


def _listed(files: Sequence[FileChange], left_out: Mapping[str, LeftOut]) -> tuple[LeftOut, ...]:
    """The items of ``left_out`` for ``files``, grouped by kind, then by path."""
    paths = {change.path for change in files}
    order = {kind: index for index, kind in enumerate(LeftOutKind)}
    items = (item for item in left_out.values() if item.path in paths)
    return tuple(sorted(items, key=lambda item: (order[item.kind], item.path)))


def _counted(files: Sequence[FileChange], left_out: Mapping[str, LeftOut]) -> list[tuple[int, int]]:
    """The counted lines of each file that counts: not left out, or with edits of its own."""
    kept = {change.path: _kept(change, left_out.get(change.path)) for change in files}
    return [lines for path, lines in kept.items() if path not in left_out or any(lines)]


def _kept(change: FileChange, item: LeftOut | None) -> tuple[int, int]:
    """The added and removed lines of ``change`` that count."""
    if item is None:
        return change.additions, change.deletions
    return item.kept_added, item.kept_removed


def measure_by_path(files: Sequence[FileChange], lockfile_names: frozenset[str]) -> ChangeSize:
    """The size of ``files`` leaving out what their paths alone tell (no roles, no copies)."""
    left_out = {
        change.path: whole(change, kind)
        for change in files
        if (kind := by_path(change, lockfile_names)) is not None
    }
    return measure(files, left_out)


def whole(change: FileChange, kind: LeftOutKind) -> LeftOut:
    """All of ``change``'s lines left out as ``kind``."""
    return LeftOut(change.path, kind, change.additions, change.deletions)


def by_path(
    change: FileChange, lockfile_names: frozenset[str], compiled: frozenset[str] = frozenset()
) -> LeftOutKind | None:
    """What the path alone (and git's binary flag) says to leave out: a binary file, a lockfile
    (:data:`LOCKFILE_NAMES`, the config's ``lockfile_names``, and the ``compiled`` requirements
    files: a requirements file the config names is a lockfile only when compiled), a
    translation."""
    name = change.path.rsplit("/", 1)[-1]
    configured = name in lockfile_names and not is_requirements_file(change.path)
    if change.binary:
        return LeftOutKind.BINARY
    if name in LOCKFILE_NAMES or configured or change.path in compiled:
        return LeftOutKind.LOCKFILE
    if is_translation(change.path, ""):
        return LeftOutKind.TRANSLATION
    return None
