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
    """A file to analyse: its absolute path and its path relative to the project root.

    ``content`` holds the source when it did not come from the disk (``check -`` with
    ``--stdin-filename``): the file is analysed as if it stood at ``absolute``.
    """

    absolute: Path
    relative: str  # POSIX, relative to the workspace root
    content: bytes | None = None


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
    targets = [_target(path) for path in (paths or [Path.cwd()])]
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


def discover_stdin(
    filename: Path, content: bytes, fallback_root: Path, excluded: Callable[[Path], bool]
) -> Workspace:
    """The one file read from stdin, standing at ``filename`` (which need not exist).

    Its root is the repository around ``filename``'s nearest existing folder, else
    ``fallback_root`` (the policy's root) when it lies inside it, else its own folder. The
    config's ``exclude`` applies, as to a file named on the command line.
    """
    absolute = _absolute(filename)
    folder = next(parent for parent in absolute.parents if parent.is_dir())
    git_root = repository_root(folder)
    root = git_root or fallback_root.resolve()
    relative = _relative(absolute, root)
    if relative is None:
        root, relative = absolute.parent, absolute.name
    files = () if excluded(absolute) else (SourceFile(absolute, relative, content),)
    return Workspace(root, git_root is not None, files)


def _absolute(path: Path) -> Path:
    """``path`` made absolute, its existing folders' symlinks resolved, its name kept."""
    return resolved(path.parent) / path.name if path.name else resolved(path)


def _target(path: Path) -> Path:
    """A named path, resolved; a dangling symlink is kept by its own name, to be reported as
    unreadable (once) rather than refused as missing."""
    target = resolved(path)
    if target.exists():
        return target
    if path.is_symlink():
        return _absolute(path)
    raise UsageError(f"path does not exist: {target}")


def _files_under(target: Path, git_root: Path | None) -> Iterator[Path]:
    if target.is_file() or target.is_symlink():
        yield target
        return
    if git_root is not None and target.is_relative_to(git_root):
        spec = target.relative_to(git_root).as_posix()
        for name in listed_files(git_root, [spec if spec != "." else "."]):
            absolute = git_root / name
            if absolute.suffix in PYTHON_SUFFIXES and _is_file_or_dangling(absolute):
                yield absolute
        return
    yield from _walk(target)


def _is_file_or_dangling(path: Path) -> bool:
    """A file, or a symlink leading nowhere (reported as unreadable, as ruff reports it)."""
    return path.is_file() or (path.is_symlink() and not path.exists())


def _walk(folder: Path) -> Iterator[Path]:
    """Regular files (a symlink counts as its target) and dangling links (reported unreadable,
    as inside git): reading a FIFO or device named ``x.py`` would wait forever for a writer."""
    for current, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED_DIRS and not d.endswith(".egg-info"))
        for name in sorted(names):
            path = Path(current) / name
            if name.endswith(PYTHON_SUFFIXES) and _is_file_or_dangling(path):
                yield path


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return None
