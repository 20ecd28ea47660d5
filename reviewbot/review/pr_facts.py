"""Gather what the PR-level checks need from git: dependency edits, which lockfiles exist, the
change's size with what it leaves out, and the TODOs that are really new.

Two git processes at most: one ``git diff`` for copies (only when the change adds files) and
one ``git cat-file --batch`` for every file version read (manifests on both sides, possible
lockfiles, the ``.in`` next to a requirements ``.txt``, the head of each file whose role decides
whether it counts (the base version of a deleted one), copies' sources).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from reviewbot.change.blobs import object_name, read_blobs
from reviewbot.change.file_kinds import compiled_source, is_manifest_name
from reviewbot.change.model import Change, FileChange, FileStatus
from reviewbot.change.near_copies import Copy
from reviewbot.config.review_settings import PrPolicySettings, lockfile_paths
from reviewbot.findings import Finding
from reviewbot.review.dependencies import changed_sections
from reviewbot.review.scope import ReviewScope
from reviewbot.review.size import RoleOf, SizeEvidence, left_out
from reviewbot.roles import RoleVerdict
from reviewbot.roles.classify import HEAD_CHARS
from reviewbot.ruleset.change_size import by_path, measure
from reviewbot.ruleset.review_records import DependencyEdit, PullRequestFacts


@dataclass(frozen=True)
class _Read:
    """The file versions read, by what they are to the facts (``<commit>:<path>`` names) and,
    once read, their contents."""

    heads: Mapping[str, str]  # changed file still there at head -> its head version
    gone: Mapping[str, str]  # deleted file -> its base version (its role decides its size too)
    bases: Mapping[str, str]  # manifest -> its base version
    sources: Mapping[str, str]  # requirements .txt -> the .in next to it, at head
    locks: Mapping[str, str]  # possible lockfile path -> its head version
    copy_sources: Mapping[str, str]  # copy -> its source's version
    blobs: Mapping[str, bytes]

    def text(self, table: Mapping[str, str], path: str) -> str:
        return self.blobs.get(table.get(path, ""), b"").decode("utf-8", "replace")

    def present(self, table: Mapping[str, str]) -> frozenset[str]:
        """The paths of ``table`` whose version exists."""
        return frozenset(path for path, name in table.items() if name in self.blobs)


def pull_request_facts(
    scope: ReviewScope,
    settings: PrPolicySettings,
    description: str | None,
    new_todos: Sequence[Finding],
    copies: Mapping[str, Copy],
) -> PullRequestFacts:
    """The facts about the scope's change that the RB5xx rules judge; ``copies`` are the files
    it adds as copies (:func:`reviewbot.change.near_copies.change_copies`)."""
    files = scope.change.files
    read = _read(scope, settings, copies)
    compiled = read.present(read.sources)
    manifests = tuple(f.path for f in files if _declares(f.path, read, settings, compiled))
    heads = {
        path: read.text(table, path)[:HEAD_CHARS]
        for table in (read.heads, read.gone)
        for path in table
    }
    evidence = SizeEvidence(settings.lockfile_names, compiled, heads, copies)
    return PullRequestFacts(
        files=files,
        description=description,
        new_todos=tuple(_not_copied(new_todos, copies, read)),
        manifests=manifests,
        dependency_edits=tuple(_edits(manifests, read)),
        lockfiles=read.present(read.locks),
        size=measure(files, left_out(files, evidence, role_of(scope))),
    )


def role_of(scope: ReviewScope) -> RoleOf:
    """A changed file's role by its path anchored where the config's globs are (as the
    analysis anchors it) and its first characters."""
    session = scope.session

    def role(path: str, head: str) -> RoleVerdict:
        return session.file_role(scope.root / path, path, head)

    return role


def _read(scope: ReviewScope, settings: PrPolicySettings, copies: Mapping[str, Copy]) -> _Read:
    """Every file version the facts need, read in one ``git cat-file --batch``."""
    change = scope.change
    present = _readable(change)
    manifests = [f for f in present if _is_manifest(f.path, settings)]
    tables = (
        _heads(change, present, settings),
        _gone(change, settings),
        _bases(change, manifests),
        _compiled_sources(change, present),
        _locks(change, manifests, settings),
        {path: _source_name(change, copy) for path, copy in copies.items()},
    )
    blobs = read_blobs(scope.root, [name for table in tables for name in table.values()])
    return _Read(*tables, blobs=blobs)


def _readable(change: Change) -> list[FileChange]:
    """The changed text files still there at head."""
    return [f for f in change.files if f.status is not FileStatus.DELETED and not f.binary]


def _heads(
    change: Change, present: Sequence[FileChange], settings: PrPolicySettings
) -> dict[str, str]:
    """The head versions to read: manifests, and every file its path does not already leave
    out of the size (a lockfile is not read)."""
    return {
        f.path: object_name(change.head, f.path)
        for f in present
        if by_path(f, settings.lockfile_names) is None or _is_manifest(f.path, settings)
    }


def _gone(change: Change, settings: PrPolicySettings) -> dict[str, str]:
    """The base version of each deleted text file its path does not already leave out."""
    return {
        f.path: object_name(change.base, f.path)
        for f in change.files
        if f.status is FileStatus.DELETED and by_path(f, settings.lockfile_names) is None
    }


def _bases(change: Change, manifests: Sequence[FileChange]) -> dict[str, str]:
    """The base version of each manifest the change did not add."""
    return {f.path: object_name(change.base, f.old_path) for f in manifests if f.old_path}


def _locks(
    change: Change, manifests: Sequence[FileChange], settings: PrPolicySettings
) -> dict[str, str]:
    """Each lockfile that would pin one of ``manifests``, to look for at head."""
    paths = (lock for f in manifests for lock in lockfile_paths(f.path, settings))
    return {lock: object_name(change.head, lock) for lock in paths}


def _compiled_sources(change: Change, present: Sequence[FileChange]) -> dict[str, str]:
    """For each changed requirements ``.txt``, the ``.in`` pip-compile would build it from."""
    sources = {f.path: compiled_source(f.path) for f in present}
    return {path: object_name(change.head, src) for path, src in sources.items() if src}


def _source_name(change: Change, copy: Copy) -> str:
    return object_name(change.base if copy.from_base else change.head, copy.source)


def _is_manifest(path: str, settings: PrPolicySettings) -> bool:
    """A file that declares dependencies: one whose format reviewbot reads, or one the config's
    ``lockfiles`` table names."""
    return is_manifest_name(path) or bool(settings.lockfiles_for(PurePosixPath(path).name))


def _declares(path: str, read: _Read, settings: PrPolicySettings, compiled: frozenset[str]) -> bool:
    """A manifest still there at head, not a requirements file pip-compile wrote (a lockfile)."""
    return path in read.heads and path not in compiled and _is_manifest(path, settings)


def _edits(manifests: Iterable[str], read: _Read) -> Iterable[DependencyEdit]:
    """Each manifest whose dependency declarations changed, with the sections that did."""
    for path in manifests:
        before = read.blobs.get(read.bases.get(path, ""))
        sections = changed_sections(path, before, read.blobs.get(read.heads[path]))
        if sections:
            yield DependencyEdit(path, sections)


def _not_copied(
    todos: Iterable[Finding], copies: Mapping[str, Copy], read: _Read
) -> Iterable[Finding]:
    """``todos`` without those a copy brought along: a TODO in a copied file is new only when
    its line is not in the copy's source (which is counted itself when the change adds it)."""
    for todo in todos:
        if todo.path not in copies or not _in_source(todo, read):
            yield todo


def _in_source(todo: Finding, read: _Read) -> bool:
    lines = read.text(read.heads, todo.path).split("\n")
    line = lines[todo.line - 1].strip() if 0 < todo.line <= len(lines) else ""
    source = read.text(read.copy_sources, todo.path).split("\n")
    return bool(line) and line in {text.strip() for text in source}
