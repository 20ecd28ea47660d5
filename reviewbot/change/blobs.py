"""Read many file versions from git in one ``git cat-file --batch`` process."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reviewbot.change.git import git_bytes

_HEADER_FIELDS = 3  # "<sha> <type> <size>"


def object_name(commit: str, path: str) -> str:
    """The git object name of ``path`` at ``commit`` (``<sha>:<path>``)."""
    return f"{commit}:{path}"


def read_blobs(root: Path, names: Sequence[str]) -> dict[str, bytes]:
    """The contents of the blobs ``names`` (``<commit>:<path>``); missing ones are left out."""
    wanted = [name for name in dict.fromkeys(names) if "\n" not in name]
    if not wanted:
        return {}
    request = "".join(f"{name}\n" for name in wanted).encode("utf-8", "surrogateescape")
    return _parse_batch(git_bytes(root, "cat-file", "--batch", stdin=request), wanted)


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
