"""Parse ``git diff`` patch output into FileChanges: statuses, paths and changed lines.

The text is split on ``\\n`` only: a CRLF file's lines keep their ``\\r`` and a form feed or
U+2028 inside a line does not start a new one (``str.splitlines`` would miscount both). Hunk
bodies are consumed by the counts in their ``@@`` headers, so an added line that reads like a
header (``+diff --git ...``) is never mistaken for one; ``\\ No newline at end of file`` markers
are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reviewbot.change.model import FileChange, FileStatus
from reviewbot.change.quoting import split_quoted, unquote_path

_DIFF_HEADER = "diff --git "
_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_NULL = "/dev/null"
_BODY_TAGS = frozenset(" +-\\")


@dataclass(frozen=True)
class Hunk:
    """One hunk: head lines added, base lines removed, and the head lines it shows."""

    added: tuple[int, ...]
    removed: tuple[int, ...]
    shown: tuple[int, int] | None


def parse_patch(text: str) -> list[FileChange]:
    """Every file section of a ``git diff -p`` output, in order."""
    lines = text.split("\n")
    changes: list[FileChange] = []
    index = 0
    while index < len(lines):
        if lines[index].startswith(_DIFF_HEADER):
            change, index = _section(lines, index)
            changes.append(change)
        else:
            index += 1
    return changes


def _section(lines: Sequence[str], index: int) -> tuple[FileChange, int]:
    header = [lines[index]]
    index += 1
    while index < len(lines) and not lines[index].startswith(("@@ ", _DIFF_HEADER)):
        header.append(lines[index])
        index += 1
    hunks: list[Hunk] = []
    while index < len(lines) and lines[index].startswith("@@ "):
        hunk, index = parse_hunk(lines, index)
        hunks.append(hunk)
    return _file_change(header, hunks), index


def parse_hunk(lines: Sequence[str], index: int) -> tuple[Hunk, int]:
    """The hunk whose ``@@`` header is ``lines[index]``, and the index after its body."""
    match = _HUNK.match(lines[index])
    if match is None:
        raise ValueError(f"not a hunk header: {lines[index]!r}")
    old_line, new_line, new_count = int(match[1]), int(match[3]), int(match[4] or 1)
    tags, index = _hunk_tags(lines, index + 1, int(match[2] or 1), new_count)
    added: list[int] = []
    removed: list[int] = []
    for tag in tags:
        if tag == "+":
            added.append(new_line)
        elif tag == "-":
            removed.append(old_line)
        new_line += tag in "+ "
        old_line += tag in "- "
    shown = (int(match[3]), int(match[3]) + new_count - 1) if new_count else None
    return Hunk(tuple(added), tuple(removed), shown), index


def _hunk_tags(
    lines: Sequence[str], index: int, old_left: int, new_left: int
) -> tuple[list[str], int]:
    """The first character of each body line (`` ``, ``+``, ``-``, ``\\``), and where it ends.

    An empty line is a context line (``diff.suppressBlankEmpty`` writes them so)."""
    tags: list[str] = []
    while index < len(lines) and (old_left or new_left or lines[index].startswith("\\")):
        tag = lines[index][:1] or " "
        if tag not in _BODY_TAGS:
            break
        old_left -= tag in "- "
        new_left -= tag in "+ "
        tags.append(tag)
        index += 1
    return tags, index


def _file_change(header: Sequence[str], hunks: Sequence[Hunk]) -> FileChange:
    facts = _header_facts(header)
    old_path, new_path = _paths(header[0], facts)
    status = _status(facts)
    return FileChange(
        path=old_path if status is FileStatus.DELETED else new_path,
        old_path=None if status is FileStatus.ADDED else old_path,
        status=status,
        binary="binary" in facts,
        mode=facts.get("mode", "100644"),
        added_lines=frozenset(line for hunk in hunks for line in hunk.added),
        removed_lines=frozenset(line for hunk in hunks for line in hunk.removed),
        hunks=tuple(hunk.shown for hunk in hunks if hunk.shown is not None),
    )


def _paths(first_line: str, facts: dict[str, str]) -> tuple[str, str]:
    """Old and new path from the header lines, else from the ``diff --git`` line itself."""
    old_path, new_path = facts.get("old"), facts.get("new")
    if old_path is not None and new_path is not None:
        return old_path, new_path
    fallback_old, fallback_new = _diff_git_paths(first_line[len(_DIFF_HEADER) :])
    return old_path or fallback_old, new_path or fallback_new


def _status(facts: dict[str, str]) -> FileStatus:
    for key, status in (
        ("deleted", FileStatus.DELETED),
        ("added", FileStatus.ADDED),
        ("renamed", FileStatus.RENAMED),
    ):
        if key in facts:
            return status
    return FileStatus.MODIFIED


def _header_facts(header: Sequence[str]) -> dict[str, str]:
    """What the extended header lines say: paths, status, mode and whether it is binary."""
    facts: dict[str, str] = {}
    for line in header[1:]:
        for prefix, read in _HEADER_LINES:
            if line.startswith(prefix):
                read(facts, line[len(prefix) :])
                break
    return facts


def _mode(facts: dict[str, str], rest: str) -> None:
    """``index abc..def 100644`` or ``new mode 100755``: the last word, when it is a mode."""
    word = rest.rsplit(" ", 1)[-1]
    if word.isdigit():
        facts["mode"] = word


def _file_line(facts: dict[str, str], side: str, value: str) -> None:
    """A ``--- a/path`` or ``+++ b/path`` line (git adds a tab when the path has a space)."""
    value = value.removesuffix("\t")
    path = unquote_path(value)
    if path != _NULL:
        facts.setdefault(side, path[2:])


def _diff_git_paths(rest: str) -> tuple[str, str]:
    """Both paths of a ``diff --git a/X b/Y`` header (used when nothing else names them)."""
    if rest.startswith('"'):
        old, tail = split_quoted(rest)
        tail = tail.lstrip(" ")
        new = split_quoted(tail)[0] if tail.startswith('"') else tail
        return old[2:], new[2:]
    length = (len(rest) - 5) // 2
    old, new = rest[2 : 2 + length], rest[5 + length :]
    if rest.startswith("a/") and rest[2 + length : 5 + length] == " b/" and old == new:
        return old, new
    old, _, new = rest[2:].partition(" b/")
    return old, unquote_path(new)


HeaderReader = Callable[[dict[str, str], str], None]
_HEADER_LINES: tuple[tuple[str, HeaderReader], ...] = (
    ("rename from ", lambda facts, rest: facts.update(old=unquote_path(rest), renamed="yes")),
    ("rename to ", lambda facts, rest: facts.update(new=unquote_path(rest))),
    ("--- ", lambda facts, rest: _file_line(facts, "old", rest)),
    ("+++ ", lambda facts, rest: _file_line(facts, "new", rest)),
    ("new file mode ", lambda facts, rest: facts.update(added="yes", mode=rest)),
    ("deleted file mode ", lambda facts, rest: facts.update(deleted="yes", mode=rest)),
    ("new mode ", _mode),
    ("index ", _mode),
    ("Binary files ", lambda facts, _: facts.update(binary="yes")),
    ("GIT binary patch", lambda facts, _: facts.update(binary="yes")),
)
