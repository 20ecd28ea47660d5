"""Both sides of a change: written to a temporary folder as in the repository, then analysed.

The head and base versions of the changed Python files come from git (the working tree may
differ from the head commit). A base version is written under its *head* path, so a renamed
file's findings get the same fingerprints on both sides. The project's ruff configuration files
(from the head commit, in every folder above a changed file, and every file they ``extend``
inside the repository) are written to both sides, so ruff's per-file-ignores and settings apply
exactly as in the repository.
"""

from __future__ import annotations

import posixpath
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath

from reviewbot import toml as tomllib
from reviewbot.change.blobs import object_name, read_blobs
from reviewbot.change.git import files_at
from reviewbot.change.model import PYTHON_SUFFIXES, Change, FileChange
from reviewbot.pipeline.chain import (
    Analysis,
    RunSettings,
    finish_analysis,
    project_facts,
    start_analysis,
)
from reviewbot.pipeline.discover import SourceFile
from reviewbot.pipeline.project import FactSource
from reviewbot.pipeline.session import Session

RUFF_CONFIG_FILES = ("pyproject.toml", "ruff.toml", ".ruff.toml")


@dataclass(frozen=True)
class SideFiles:
    """One side of a change written to disk: its root and the Python files in it."""

    root: Path
    files: tuple[SourceFile, ...]


def materialise_sides(
    repository: Path, change: Change, files: Sequence[FileChange], folder: Path
) -> tuple[SideFiles, SideFiles]:
    """Write the head and base versions of ``files`` under ``folder``; (head, base)."""
    head_names = {f.path: object_name(change.head, f.path) for f in files}
    base_names = {f.path: object_name(change.base, f.old_path) for f in files if f.old_path}
    config_names = {
        path: object_name(change.head, path) for path in config_candidates(f.path for f in files)
    }
    blobs = read_blobs(
        repository, [*head_names.values(), *base_names.values(), *config_names.values()]
    )
    configs = _with_extended(repository, change.head, _present(config_names, blobs))
    head = write_side(folder / "head", _present(head_names, blobs), configs)
    base = write_side(folder / "base", _present(base_names, blobs), configs)
    return head, base


def config_candidates(paths: Iterable[str]) -> list[str]:
    """Where ruff may find configuration for ``paths``: each folder above them, each name."""
    folders = {str(parent) for path in paths for parent in PurePosixPath(path).parents}
    return [
        name if folder == "." else f"{folder}/{name}"
        for folder in sorted(folders)
        for name in RUFF_CONFIG_FILES
    ]


def _with_extended(repository: Path, commit: str, configs: dict[str, bytes]) -> dict[str, bytes]:
    """``configs`` and every configuration file they ``extend`` (as ruff's ``extend`` key names
    it, relative to the file that names it) that lies inside the repository, read at ``commit``.

    A configuration that extends a file the review folder lacks makes ruff fail on the whole
    side; one outside the repository is left as named (an absolute path still resolves)."""
    pending = dict(configs)
    for _ in range(_EXTEND_DEPTH):
        wanted = {
            target: object_name(commit, target)
            for path, content in pending.items()
            if (target := extended_path(path, content)) is not None and target not in configs
        }
        if not wanted:
            break
        pending = _present(wanted, read_blobs(repository, list(wanted.values())))
        configs |= pending
    return configs


_EXTEND_DEPTH = 8  # ruff follows chains of ``extend``; a cycle stops here


def extended_path(path: str, content: bytes) -> str | None:
    """The repository path of the file the ruff configuration ``path`` extends, if any and
    inside the repository."""
    try:
        data = tomllib.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None  # ruff reports a broken configuration itself
    section = data.get("tool", {}).get("ruff", {}) if path.endswith("pyproject.toml") else data
    target = section.get("extend") if isinstance(section, dict) else None
    if not isinstance(target, str) or PurePosixPath(target).is_absolute():
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
    outside = joined == ".." or joined.startswith("../")
    return None if outside or joined == "." else joined


def write_side(root: Path, sources: Mapping[str, bytes], configs: Mapping[str, bytes]) -> SideFiles:
    """Write ``sources`` and ``configs`` (repo-relative paths) under ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    resolved = root.resolve()
    for relative, content in [*configs.items(), *sources.items()]:
        target = resolved / _safe(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    files = tuple(SourceFile(resolved / _safe(path), path) for path in sorted(sources))
    return SideFiles(resolved, files)


def _present(names: Mapping[str, str], blobs: Mapping[str, bytes]) -> dict[str, bytes]:
    return {path: blobs[name] for path, name in names.items() if name in blobs}


def _safe(relative: str) -> PurePosixPath:
    """A repository path that stays inside the folder it is written to."""
    path = PurePosixPath(relative)
    if path.is_absolute() or ".." in path.parts:
        raise ValueError(f"refusing to write outside the review folder: {relative!r}")
    return path


def analyse_sides(
    session: Session,
    repository: Path,
    change: Change,
    files: Sequence[FileChange],
    settings: RunSettings,
    extra_codes: frozenset[str] = frozenset(),
) -> tuple[Analysis, Analysis]:
    """Run the stage chain on the head and base versions of ``files``: (head, base).

    Both sides' ruff processes start before either side's libcst analysis, so they overlap.
    Each side is analysed under the repository's policy (paths are the head's on both sides).
    """
    if not files:
        return Analysis(), Analysis()
    policy_for = session.file_policy(repository)
    with tempfile.TemporaryDirectory(prefix="reviewbot-review-") as folder:
        sides = materialise_sides(repository, change, files, Path(folder))
        pending = [
            start_analysis(
                session, side.root, side.files, ruff_cache=False, extra_codes=extra_codes
            )
            for side in sides
        ]
        facts = [
            project_facts(session, partial(_fact_source, session, repository, commit), settings)
            for commit in (change.head, change.base)
        ]
        head, base = (
            finish_analysis(session, side, policy_for, settings, side_facts)
            for side, side_facts in zip(pending, facts, strict=True)
        )
    return head, base


def _fact_source(session: Session, repository: Path, commit: str) -> FactSource:
    """The project at ``commit``: its Python files that the policy does not exclude."""
    files = (
        path
        for path in files_at(repository, commit)
        if path.endswith(PYTHON_SUFFIXES) and not session.excluded(repository / path)
    )
    return FactSource(repository, commit, tuple(files))
