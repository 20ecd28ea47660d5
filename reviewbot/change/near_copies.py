"""Files a change adds as copies, exact or near: of a file that was there before, or of another
added file. The review's identity of findings uses only exact copies (:mod:`.copies`); the size
and TODO checks use these, so an edited copy counts only by the lines it changed.

The review's own diff runs without copy detection (a copied module is new code to analyse), so
the size check and the new-TODO check ask git separately, once per review: ``git diff
--find-copies-harder`` finds copies of any base file (at least 90% alike), with the lines the
copy changed, and
added files with the same blob are copies of the first of them by path. A copy counts once:
only the lines that differ from its source are new.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from reviewbot.change.git import git_bytes
from reviewbot.change.model import Change, FileStatus

_PAIRED = frozenset("CR")  # raw statuses that name two paths
#: How alike a new file and a base file must be for the new one to be a copy: git's default
#: (50%) would call a new migration or test module written from a template a copy of it.
COPY_SIMILARITY = 90


@dataclass(frozen=True)
class Copy:
    """An added file at ``path`` copied from ``source`` (at the base when ``from_base``, else
    another file the change adds); ``added`` / ``removed`` are the lines it differs by."""

    path: str
    source: str
    from_base: bool
    added: int
    removed: int


@dataclass(frozen=True)
class _Entry:
    status: str
    paths: tuple[str, ...]
    blob: str


def change_copies(root: Path, change: Change) -> dict[str, Copy]:
    """The change's copies; no git process when it adds no file (nothing can be a copy)."""
    if any(f.status is FileStatus.ADDED for f in change.files):
        return find_copies(root, change)
    return {}


def find_copies(root: Path, change: Change) -> dict[str, Copy]:
    """Each file ``change`` adds as a copy, by its path (one ``git diff``)."""
    targets = [change.base, change.head] if change.head else [change.base]
    output = git_bytes(
        root,
        "-c",
        "core.quotePath=false",
        "diff",
        "-z",
        "--raw",
        "--numstat",
        "--no-abbrev",
        f"--find-copies={COPY_SIMILARITY}%",
        "--find-copies-harder",
        *targets,
        "--",
    ).decode("utf-8", "surrogateescape")
    entries, counts = _parse(output.split("\0"))
    copies = {
        entry.paths[1]: _base_copy(entry, counts[entry.paths[1]])
        for entry in entries
        if entry.status == "C"
    }
    copies.update(_duplicates(entries, counts))
    return copies


def _base_copy(entry: _Entry, counts: tuple[int, int]) -> Copy:
    source, path = entry.paths
    return Copy(path, source, from_base=True, added=counts[0], removed=counts[1])


def _duplicates(
    entries: Sequence[_Entry], counts: dict[str, tuple[int, int]]
) -> Iterator[tuple[str, Copy]]:
    """Added files with the same non-empty content as an earlier added file (by path)."""
    first: dict[str, str] = {}
    for entry in sorted((e for e in entries if e.status == "A"), key=lambda e: e.paths):
        path = entry.paths[0]
        if counts.get(path, (0, 0))[0] == 0:  # empty or binary: nothing to count twice
            continue
        if entry.blob in first:
            yield path, Copy(path, first[entry.blob], from_base=False, added=0, removed=0)
        else:
            first[entry.blob] = path


def _parse(tokens: Sequence[str]) -> tuple[list[_Entry], dict[str, tuple[int, int]]]:
    """The ``--raw`` records and the ``--numstat`` counts (by head path) of ``-z`` output."""
    entries: list[_Entry] = []
    counts: dict[str, tuple[int, int]] = {}
    index = 0
    while index < len(tokens) and tokens[index]:
        token = tokens[index]
        if token.startswith(":"):
            fields = token.split(" ")
            width = 2 if fields[4][:1] in _PAIRED else 1
            paths = tuple(tokens[index + 1 : index + 1 + width])
            entries.append(_Entry(fields[4][:1], paths, fields[3]))
            index += 1 + width
            continue
        added, removed, path = token.split("\t", 2)
        if not path:  # a copy or rename: the source and destination follow
            path = tokens[index + 2]
            index += 2
        counts[path] = (_lines(added), _lines(removed))
        index += 1
    return entries, counts


def _lines(count: str) -> int:
    """A numstat count (``-`` for a binary file: no lines)."""
    return int(count) if count.isdigit() else 0
