"""Which of a change's lines the size check (RB501) leaves out, file by file, and why.

Left out whole: binary files, lockfiles (the built-in names, the config's, and a requirements
``.txt`` whose ``.in`` sits next to it at head), translation catalogues, and files whose role is
generated or vendored (the role classifier's verdict: a ``[roles]`` glob, a generated-code
header, a vendoring folder). A copy keeps only the lines it differs from its source by.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from reviewbot.change.file_kinds import is_translation
from reviewbot.change.model import FileChange, FileStatus
from reviewbot.change.near_copies import Copy
from reviewbot.config.roles import Role
from reviewbot.roles import RoleVerdict
from reviewbot.ruleset.change_size import LeftOut, LeftOutKind, by_path, whole

#: The role of a file from its path and its first characters.
RoleOf = Callable[[str, str], RoleVerdict]

_ROLE_KINDS = {Role.GENERATED: LeftOutKind.GENERATED, Role.VENDORED: LeftOutKind.VENDORED}


@dataclass(frozen=True)
class SizeEvidence:
    """What decides a file's part in the size beyond its path: the config's lockfile names, the
    requirements ``.txt`` files pip-compile writes (``compiled``: their ``.in`` is next to
    them), each file's first characters at head, and the added files that copy another."""

    lockfile_names: frozenset[str]
    compiled: frozenset[str]
    heads: Mapping[str, str]
    copies: Mapping[str, Copy]


def left_out(
    files: Sequence[FileChange], evidence: SizeEvidence, role_of: RoleOf
) -> dict[str, LeftOut]:
    """What each file leaves out of the size, by path."""
    found: dict[str, LeftOut] = {}
    for change in files:
        kind = _whole_kind(change, evidence, role_of)
        copy = evidence.copies.get(change.path)
        if kind is not None:
            found[change.path] = whole(change, kind)
        elif copy is not None and change.status is FileStatus.ADDED:
            found[change.path] = _copied(change, copy)
    return found


def _whole_kind(change: FileChange, evidence: SizeEvidence, role_of: RoleOf) -> LeftOutKind | None:
    kind = by_path(change, evidence.lockfile_names, evidence.compiled)
    if kind is not None:
        return kind
    head = evidence.heads.get(change.path, "")
    if is_translation(change.path, head):
        return LeftOutKind.TRANSLATION
    return _ROLE_KINDS.get(role_of(change.path, head).role)


def _copied(change: FileChange, copy: Copy) -> LeftOut:
    """A copy: the lines it shares with its source are left out, its edits still count."""
    edits = min(copy.added, change.additions)
    return LeftOut(
        change.path,
        LeftOutKind.COPY,
        change.additions - edits,
        0,
        kept_added=edits,
        kept_removed=change.deletions,
    )
