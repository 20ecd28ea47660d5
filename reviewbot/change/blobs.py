"""Read many file versions from git in one ``git cat-file --batch`` process."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reviewbot.change.git import git_bytes
from reviewbot.errors import ToolError

_HEADER_FIELDS = 3  # "<sha> <type> <size>"


def object_name(commit: str, path: str) -> str:
    """The git object name of ``path`` at ``commit`` (``<sha>:<path>``)."""
    return f"{commit}:{path}"


def read_blobs(root: Path, names: Sequence[str]) -> dict[str, bytes]:
    """The contents of the blobs ``names`` (``<commit>:<path>``); missing ones are left out."""
    unique = list(dict.fromkeys(names))
    wanted = [name for name in unique if "\n" not in name]
    found = {name: blob for name in unique if "\n" in name for blob in _read_one(root, name)}
    if not wanted:
        return found
    request = "".join(f"{name}\n" for name in wanted).encode("utf-8", "surrogateescape")
    found.update(_parse_batch(git_bytes(root, "cat-file", "--batch", stdin=request), wanted))
    return found


def _read_one(root: Path, name: str) -> list[bytes]:
    """The blob ``name`` as a one-item list (none when missing), asked for on the command line:
    ``--batch`` reads one name a line, so a path with a line break cannot go through it."""
    try:
        return [git_bytes(root, "cat-file", "blob", name)]
    except ToolError:
        return []


def _parse_batch(output: bytes, names: Sequence[str]) -> dict[str, bytes]:
    """Split ``--batch`` output: per request a header line, then (for objects) the content."""
    found: dict[str, bytes] = {}
    position = 0
    for name in names:
        end = output.index(b"\n", position)
        header = output[position:end].split(b" ")
        position = end + 1
        if len(header) != _HEADER_FIELDS:  # "<name> missing" or "<name> ambiguous"
            continue
        size = int(header[2])
        if header[1] == b"blob":
            found[name] = output[position : position + size]
        position += size + 1
    return found
