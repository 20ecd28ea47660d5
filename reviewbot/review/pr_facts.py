"""Gather what the PR-level checks need from git: dependency edits and which lockfiles exist."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath

from reviewbot.change.blobs import object_name, read_blobs
from reviewbot.change.model import Change, FileChange, FileStatus
from reviewbot.config.review_settings import PrPolicySettings, lockfile_paths
from reviewbot.findings import Finding
from reviewbot.review.dependencies import dependencies_changed
from reviewbot.ruleset.review_records import PullRequestFacts


def pull_request_facts(
    repository: Path,
    change: Change,
    settings: PrPolicySettings,
    description: str | None,
    new_todos: Sequence[Finding],
) -> PullRequestFacts:
    """The facts about ``change`` that the RB5xx rules judge (one ``git cat-file`` at most)."""
    manifests = [f for f in change.files if _is_manifest(f, settings)]
    versions = {f.path: _versions(change, f) for f in manifests}
    locks = _lock_names(change.head, manifests, settings)
    before_after = [name for pair in versions.values() for name in pair]
    blobs = read_blobs(repository, [*filter(None, before_after), *locks.values()])
    return PullRequestFacts(
        files=change.files,
        description=description,
        new_todos=tuple(new_todos),
        dependency_manifests=_edited_manifests(versions, blobs),
        lockfiles=frozenset(lock for lock, name in locks.items() if name in blobs),
    )


def _lock_names(
    head: str, manifests: Sequence[FileChange], settings: PrPolicySettings
) -> dict[str, str]:
    """Each possible lockfile path of ``manifests`` and its object name at head."""
    paths = (lock for f in manifests for lock in lockfile_paths(f.path, settings))
    return {lock: object_name(head, lock) for lock in paths}


def _is_manifest(change: FileChange, settings: PrPolicySettings) -> bool:
    name = PurePosixPath(change.path).name
    return change.status is not FileStatus.DELETED and bool(settings.lockfiles_for(name))


def _versions(change: Change, file: FileChange) -> tuple[str, str]:
    """Object names of the manifest before (empty when added) and after the change."""
    before = object_name(change.base, file.old_path) if file.old_path else ""
    return before, object_name(change.head, file.path)


def _edited_manifests(
    versions: Mapping[str, tuple[str, str]], blobs: Mapping[str, bytes]
) -> tuple[str, ...]:
    return tuple(
        path
        for path, (before, after) in versions.items()
        if dependencies_changed(PurePosixPath(path).name, blobs.get(before), blobs.get(after))
    )
