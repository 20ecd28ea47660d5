"""Which files an audit reads: git-aware discovery of ``.py`` and ``.pyi`` files."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from reviewbot.change.git import listed_files, repository_root
from reviewbot.config.files import resolved
from reviewbot.errors import UsageError

PYTHON_SUFFIXES = (".py", ".pyi")
_SKIPPED_DIRS = frozenset(
    {
        ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "__pycache__", "node_modules",
        ".mypy_cache", ".ruff_cache", ".pytest_cache", ".reviewbot_cache", "build", "dist",
        ".eggs", "site-packages",
    }
)


@dataclass(frozen=True)
class SourceFile:
    """A file to analyse: its absolute path and its path relative to the project root."""

    absolute: Path
    relative: str  # POSIX, relative to the workspace root


@dataclass(frozen=True)
class Workspace:
    """The root that finding paths are relative to, and the files to analyse."""

    root: Path
    in_git: bool
    files: tuple[SourceFile, ...]


def discover(
    paths: Sequence[Path], fallback_root: Path, excluded: Callable[[Path], bool]
) -> Workspace:
    """Find the Python files under ``paths``; gitignored files are skipped inside a repository.

    A path named explicitly is analysed even when gitignored, but ``exclude`` always applies.
    """
    targets = [resolved(path) for path in (paths or [Path.cwd()])]
    for target in targets:
        if not target.exists():
            raise UsageError(f"path does not exist: {target}")
    git_root = repository_root(targets[0])
    root = git_root or fallback_root.resolve()
    found: dict[str, Path] = {}
    for target in targets:
        for absolute in _files_under(target, git_root):
            relative = _relative(absolute, root)
            if relative is not None and not excluded(absolute):
                found[relative] = absolute
    files = tuple(SourceFile(found[rel], rel) for rel in sorted(found))
    return Workspace(root, git_root is not None, files)


def _files_under(target: Path, git_root: Path | None) -> Iterator[Path]:
    if target.is_file():
        yield target
        return
    if git_root is not None and target.is_relative_to(git_root):
        spec = target.relative_to(git_root).as_posix()
        for name in listed_files(git_root, [spec if spec != "." else "."]):
            absolute = git_root / name
            if absolute.suffix in PYTHON_SUFFIXES and absolute.is_file():
                yield absolute
        return
    yield from _walk(target)


def _walk(folder: Path) -> Iterator[Path]:
    """Regular files only (a symlink counts as its target): reading a FIFO named ``x.py`` would
    wait forever for a writer, and a device or a dangling link has no source to read."""
    for current, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED_DIRS and not d.endswith(".egg-info"))
        for name in sorted(names):
            path = Path(current) / name
            if name.endswith(PYTHON_SUFFIXES) and path.is_file():
                yield path


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return None
