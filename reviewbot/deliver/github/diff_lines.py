"""Which head lines a pull request comment may sit on, checked before anything is posted.

GitHub accepts a review comment only on a line its diff shows (an added or a context line of a
hunk on the RIGHT side), and a multi-line comment only when ``start_line`` is in the same hunk
as ``line``; anything else fails the whole review with 422. The authoritative hunks are the
patches of ``pulls/{n}/files``; the local diff (``reviewbot.change``, with git's and GitHub's
three lines of context) stands in when the API is not used.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from reviewbot.change.model import Change
from reviewbot.change.patch import parse_hunk
from reviewbot.review.model import ReviewComment

Shown = tuple[int, int]  # the first and last head line a hunk shows
_SUGGESTION_FENCE = "```suggestion"


@dataclass(frozen=True)
class DiffLines:
    """The head lines each hunk shows, for every file a pull request changes, by head path."""

    files: Mapping[str, tuple[Shown, ...]]

    def hunk_of(self, path: str, line: int) -> Shown | None:
        """The hunk showing ``line`` of ``path``, or None when the diff does not show it."""
        return next((h for h in self.files.get(path, ()) if h[0] <= line <= h[1]), None)


@dataclass(frozen=True)
class Placement:
    """Comments GitHub will accept as they are, and those that must go to the summary."""

    inline: tuple[ReviewComment, ...]
    outside: tuple[ReviewComment, ...]


def diff_lines_from_change(change: Change) -> DiffLines:
    """The hunks of a change read from the local git (``reviewbot.change.read.read_change``)."""
    return DiffLines(MappingProxyType({f.path: f.hunks for f in change.files if f.hunks}))


def diff_lines_from_patches(patches: Iterable[tuple[str, str | None]]) -> DiffLines:
    """The hunks of ``(filename, patch)`` pairs from ``pulls/{n}/files``.

    GitHub leaves ``patch`` out for binary files and very large diffs; no comment fits there.
    """
    return DiffLines(
        MappingProxyType({name: shown_hunks(patch) for name, patch in patches if patch})
    )


def shown_hunks(patch: str) -> tuple[Shown, ...]:
    """The head lines each hunk of one file's patch shows (a patch is hunks without headers)."""
    lines = patch.split("\n")
    shown: list[Shown] = []
    index = 0
    while index < len(lines):
        if not lines[index].startswith("@@ "):
            index += 1
            continue
        hunk, index = parse_hunk(lines, index)
        if hunk.shown is not None:
            shown.append(hunk.shown)
    return tuple(shown)


def place_comments(comments: Iterable[ReviewComment], diff: DiffLines) -> Placement:
    """Split ``comments`` into those GitHub accepts and those outside the diff.

    A multi-line range that leaves its hunk shrinks to its last line, unless the body carries a
    ``suggestion`` block: that would replace the wrong lines, so such a comment goes outside.
    """
    inline: list[ReviewComment] = []
    outside: list[ReviewComment] = []
    for comment in comments:
        placed = _placed(comment, diff)
        (outside if placed is None else inline).append(placed or comment)
    return Placement(tuple(inline), tuple(outside))


def _placed(comment: ReviewComment, diff: DiffLines) -> ReviewComment | None:
    hunk = diff.hunk_of(comment.path, comment.line)
    if hunk is None:
        return None
    start = comment.start_line
    if start is None or start == comment.line:
        return replace(comment, start_line=None)
    if hunk[0] <= start < comment.line:
        return comment
    if _SUGGESTION_FENCE in comment.body:
        return None
    return replace(comment, start_line=None)
