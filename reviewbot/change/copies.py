"""Files a change adds as byte-identical copies of files already in the base tree.

A copy (a vendored twin, a module duplicated for a compiled build) carries the findings of its
original, which the change did not write. Comparing git blob ids is exact and cheap: one
``ls-tree`` of the base tree and one ``cat-file --batch-check`` for the added files, with no
content read. Near-identical copies are not detected here (git's ``--find-copies-harder``
compares every added file with every file of the tree, too slow for large repositories); their
moved lines are matched finding by finding instead (:mod:`reviewbot.review.moves`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reviewbot.change.blobs import object_name
from reviewbot.change.git import git, git_bytes
from reviewbot.change.model import Change, FileStatus

#: The blob of an empty file: every empty ``__init__.py`` is a "copy" of every other one.
EMPTY_BLOB = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"
#: ``<mode> <type> <id>`` in ``ls-tree`` and ``<id> <type> <size>`` in ``--batch-check``.
_FIELDS = 3


def copied_files(root: Path, change: Change) -> frozenset[str]:
    """Head paths of the Python files ``change`` adds whose content is, byte for byte, that of
    a file in the base tree (empty files excepted)."""
    added = [f.path for f in change.python_files if f.status is FileStatus.ADDED]
    if not added:
        return frozenset()
    names = {path: object_name(change.head, path) for path in added}
    heads = blob_ids(root, list(names.values()))
    originals = tree_blobs(root, change.base) - {EMPTY_BLOB}
    return frozenset(path for path, name in names.items() if heads.get(name, "") in originals)


def tree_blobs(root: Path, commit: str) -> frozenset[str]:
    """The blob ids of every file in the tree of ``commit``."""
    output = git(root, "ls-tree", "-r", "-z", commit)
    entries = (entry.split("\t", 1)[0].split(" ") for entry in output.split("\0") if entry)
    return frozenset(
        fields[2] for fields in entries if len(fields) == _FIELDS and fields[1] == "blob"
    )


def blob_ids(root: Path, names: Sequence[str]) -> dict[str, str]:
    """The blob id of each object name (``<commit>:<path>``) that exists; missing ones left out."""
    wanted = [name for name in dict.fromkeys(names) if "\n" not in name]
    request = "".join(f"{name}\n" for name in wanted).encode("utf-8", "surrogateescape")
    output = git_bytes(root, "cat-file", "--batch-check", stdin=request).decode("ascii", "replace")
    found = {}
    for name, line in zip(wanted, output.splitlines(), strict=False):
        fields = line.split(" ")
        if len(fields) == _FIELDS and fields[1] == "blob":
            found[name] = fields[0]
    return found
