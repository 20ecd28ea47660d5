"""Make a checkout hold a pull request's base and head commits and their merge base.

``actions/checkout`` clones one commit by default (often the PR's merge commit, not its head),
so the commits a review compares may be missing or their history cut short. Missing commits are
fetched by SHA; a shallow history is deepened step by step until ``git merge-base`` answers,
and unshallowed as the last resort. A full clone is never made shallow.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from reviewbot.change.git import commit_sha, git, is_shallow, merge_base
from reviewbot.errors import UsageError

# Commits fetched first, then added per step before giving up and unshallowing.
FIRST_DEPTH = 50
DEEPEN_STEPS = (100, 400, 1600)

Note = Callable[[str], None]


def ensure_history(
    root: Path, base: str, head: str, *, remote: str = "origin", note: Note | None = None
) -> str:
    """Fetch whatever ``root`` lacks to compare ``base`` and ``head``; return their merge base."""
    say = note or (lambda _message: None)
    _fetch_missing(
        root, remote, [sha for sha in (base, head) if commit_sha(root, sha) is None], say
    )
    for step in DEEPEN_STEPS:
        found = merge_base(root, base, head)
        if found or not is_shallow(root):
            return _require(found, base, head)
        say(f"deepening the shallow checkout by {step} commits to find the merge base")
        _fetch(root, remote, [f"--deepen={step}", base, head])
    if is_shallow(root):
        say("unshallowing the checkout to find the merge base")
        _fetch(root, remote, ["--unshallow", base, head])
    return _require(merge_base(root, base, head), base, head)


def _fetch_missing(root: Path, remote: str, missing: list[str], say: Note) -> None:
    if missing:
        say(f"fetching {len(missing)} missing commit(s) from {remote}")
        depth = [f"--depth={FIRST_DEPTH}"] if is_shallow(root) else []
        _fetch(root, remote, [*depth, *missing])


def _fetch(root: Path, remote: str, args: Sequence[str]) -> None:
    git(root, "fetch", "--no-tags", "--quiet", remote, *args)


def _require(found: str | None, base: str, head: str) -> str:
    if found is None:
        raise UsageError(
            f"base {base[:12]} and head {head[:12]} share no history; "
            "check out the repository with `fetch-depth: 0`"
        )
    return found
