"""What a changed file is by its path (and, for Qt, its first bytes): a lockfile, a translation,
a dependency manifest. The PR checks use these to leave files out of a change's size (RB501) and
to know which files declare dependencies (RB504).

A ``.ts`` file is TypeScript far more often than a Qt Linguist catalogue, so it is a translation
only when its first bytes say so (``<!DOCTYPE TS>`` or a ``<TS`` root element). Files under a
``locale/`` or ``locales/`` folder are translations unless they are Python: Django keeps real code
(``formats.py``) in its locale folders.
"""

from __future__ import annotations

from pathlib import PurePosixPath

#: Lockfiles whatever the config says: written by a tool, reviewed by nobody line by line.
LOCKFILE_NAMES = frozenset(
    {
        "poetry.lock",
        "uv.lock",
        "pdm.lock",
        "Pipfile.lock",
        "package-lock.json",
        "npm-shrinkwrap.json",
        "yarn.lock",
        "pnpm-lock.yaml",
        "bun.lock",
        "Cargo.lock",
        "Gemfile.lock",
        "composer.lock",
        "go.sum",
        "conda-lock.yml",
    }
)
_TRANSLATION_SUFFIXES = frozenset({".po", ".pot", ".mo", ".qm", ".xliff", ".xlf"})
_LOCALE_FOLDERS = frozenset({"locale", "locales"})
_QT_MARKERS = ("<!DOCTYPE TS>", "<TS ", "<TS>")
_PYTHON_SUFFIXES = frozenset({".py", ".pyi"})
#: Manifests read by :mod:`reviewbot.review.dependencies`, by file name.
MANIFEST_NAMES = frozenset({"pyproject.toml", "setup.cfg", "setup.py", "Pipfile"})
_REQUIREMENTS_WORD = "requirements"


def is_translation(path: str, head: str) -> bool:
    """Whether ``path`` (holding ``head`` at its start) is a translation catalogue."""
    pure = PurePosixPath(path)
    if pure.suffix in _TRANSLATION_SUFFIXES:
        return True
    if pure.suffix == ".ts":
        return any(marker in head[:1024] for marker in _QT_MARKERS)
    in_locale = any(folder in _LOCALE_FOLDERS for folder in pure.parts[:-1])
    return in_locale and pure.suffix not in _PYTHON_SUFFIXES


def is_requirements_file(path: str) -> bool:
    """A pip requirements file (``requirements*.txt`` / ``.in``, or a ``.txt`` / ``.in`` in a
    ``requirements*/`` folder); ``MANIFEST.in`` and other ``.in`` files are not."""
    pure = PurePosixPath(path)
    if pure.suffix not in (".txt", ".in"):
        return False
    folder = pure.parent.name
    return _REQUIREMENTS_WORD in pure.stem.lower() or folder.lower().startswith(_REQUIREMENTS_WORD)


def compiled_source(path: str) -> str | None:
    """For a requirements ``.txt``, the ``.in`` next to it that pip-compile would build it from."""
    pure = PurePosixPath(path)
    if pure.suffix != ".txt" or not is_requirements_file(path):
        return None
    return str(pure.with_suffix(".in"))


def is_manifest_name(path: str) -> bool:
    """Whether ``path`` is a file whose dependency declarations reviewbot can read."""
    return PurePosixPath(path).name in MANIFEST_NAMES or is_requirements_file(path)
