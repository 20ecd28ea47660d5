"""Read a change from git: resolve the refs, find the merge base, parse the diff.

A base that is not in the clone, or a merge base cut off by a shallow clone, is a usage error
whose one line says what to fetch.
"""

from __future__ import annotations

from pathlib import Path

from reviewbot.change.git import commit_sha, git, is_shallow, merge_base, patch_options
from reviewbot.change.model import Change
from reviewbot.change.patch import parse_patch
from reviewbot.errors import UsageError

WORKTREE = "(working tree)"
_CHECKOUT_HINT = "in GitHub Actions give actions/checkout `fetch-depth: 0`"


def read_change(root: Path, base_ref: str, head_ref: str | None = "HEAD") -> Change:
    """The change from the merge base of ``base_ref`` and ``head_ref`` to ``head_ref``.

    ``head_ref`` None compares with the working tree (the merge base is taken with HEAD).
    Raises UsageError with a fetch hint when a commit is missing from the clone.
    """
    head = resolve_commit(root, head_ref or "HEAD", "--head")
    base = resolve_commit(root, base_ref, "--base")
    merge_base = find_merge_base(root, base, head, base_ref, head_ref or "HEAD")
    targets = [merge_base] if head_ref is None else [merge_base, head]
    patch = git(root, "-c", "core.quotePath=false", "diff", *patch_options(3), *targets, "--")
    return Change(
        base_ref=base_ref,
        head_ref=head_ref or WORKTREE,
        base=merge_base,
        head="" if head_ref is None else head,
        files=tuple(parse_patch(patch)),
    )


def resolve_commit(root: Path, ref: str, option: str) -> str:
    """The full SHA of ``ref``; a UsageError saying what to fetch when it is not in the clone."""
    sha = commit_sha(root, ref)
    if sha:
        return sha
    branch = ref.split("/", 1)[1] if ref.startswith("origin/") else ref
    raise UsageError(
        f"{option} {ref} is not a commit in this clone; run `git fetch origin {branch}` "
        f"({_CHECKOUT_HINT})"
    )


def find_merge_base(root: Path, base: str, head: str, base_ref: str, head_ref: str) -> str:
    """The merge base of two commits; a UsageError when history is missing or unrelated."""
    found = merge_base(root, base, head)
    if found:
        return found
    if is_shallow(root):
        raise UsageError(
            f"the merge base of {base_ref} and {head_ref} is not in this shallow clone; run "
            f"`git fetch --unshallow` (or `git fetch --deepen=200`), or {_CHECKOUT_HINT}"
        )
    raise UsageError(f"{base_ref} and {head_ref} share no history; check --base")


def untracked_files(root: Path) -> list[str]:
    """Files in the working tree that git does not track and does not ignore."""
    output = git(root, "ls-files", "-z", "--others", "--exclude-standard")
    return sorted(name for name in output.split("\0") if name)
