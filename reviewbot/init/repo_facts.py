"""What ``reviewbot init`` learns about a repository: Python version, ruff config, tests, Django
and its models."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewbot.change.git import listed_files, repository_root
from reviewbot.config.files import PYPROJECT_TOML, read_toml
from reviewbot.init.django_models import ModelGuess, django_models

RUFF_FILES = ("ruff.toml", ".ruff.toml")
_SKIPPED_DIRS = frozenset({"node_modules", "venv", "env", "build", "dist", "site-packages"})
_FILE_LIMIT = 50_000  # enough to see a repository's shape without walking a huge tree
_DJANGO = re.compile(r"^\s*django\s*(?:[\[<>=!~;@ ]|$)", re.IGNORECASE)
_LOWER_BOUND = re.compile(r"(?:>=|~=|==)\s*(\d+)\.(\d+)")
_TARGET = re.compile(r"^py(\d)(\d+)$")
_TEST_FILE = re.compile(r"(^test_.*|.*_test)\.py$")


@dataclass(frozen=True)
class PythonVersion:
    """The oldest Python the project supports, and where that was read."""

    version: str  # "3.10"
    source: str


@dataclass(frozen=True)
class RuffConfig:
    """The project's own ruff settings that matter to a reviewbot config."""

    file: str
    line_length: int | None
    target_version: str | None
    selected: tuple[str, ...]


@dataclass(frozen=True)
class SuiteLayout:
    """Where the tests are: test folders, test modules, and Django-style ``tests.py`` modules."""

    folders: tuple[str, ...]
    test_files: int
    tests_modules: tuple[str, ...]


@dataclass(frozen=True)
class RepoFacts:
    """Everything ``init`` bases its decisions on."""

    root: Path
    has_pyproject: bool
    python: PythonVersion | None
    ruff: RuffConfig | None
    tests: SuiteLayout
    django: tuple[str, ...]  # evidence that this is a Django project (empty: it is not)
    migrations: bool
    #: A Django project's models with a guess at each one's size (empty for other projects).
    models: tuple[ModelGuess, ...] = ()


def inspect_repository(root: Path) -> RepoFacts:
    """Read ``root``'s pyproject, ruff config and file layout."""
    pyproject_path = root / PYPROJECT_TOML
    pyproject = read_toml(pyproject_path) if pyproject_path.is_file() else {}
    files = list_files(root)
    ruff = ruff_config(root, pyproject)
    django = django_evidence(root, pyproject, files)
    return RepoFacts(
        root=root,
        has_pyproject=pyproject_path.is_file(),
        python=python_version(pyproject, ruff),
        ruff=ruff,
        tests=suite_layout(files),
        django=django,
        migrations=any("/migrations/" in f"/{name}" for name in files),
        models=django_models(root, files) if django else (),
    )


def list_files(root: Path) -> list[str]:
    """The repository's files (git's view when it is a repository), POSIX, relative to ``root``."""
    if repository_root(root) is not None:
        return listed_files(root, ["."])[:_FILE_LIMIT]
    return sorted(_walk(root))[:_FILE_LIMIT]


def _walk(root: Path) -> Iterator[str]:
    count = 0
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS)
        for name in names:
            count += 1
            if count > _FILE_LIMIT:
                return
            yield Path(folder, name).relative_to(root).as_posix()


def python_version(pyproject: Mapping[str, Any], ruff: RuffConfig | None) -> PythonVersion | None:
    """ruff's ``target-version`` (what ruff uses), else ``requires-python``'s lower bound."""
    if ruff is not None and ruff.target_version:
        match = _TARGET.match(ruff.target_version)
        if match:
            version = f"{match.group(1)}.{match.group(2)}"
            return PythonVersion(version, f"target-version {ruff.target_version!r} in {ruff.file}")
    requires = _table(pyproject, "project").get("requires-python")
    match = _LOWER_BOUND.search(requires) if isinstance(requires, str) else None
    if match:
        version = f"{match.group(1)}.{match.group(2)}"
        return PythonVersion(version, f"requires-python {requires!r} in {PYPROJECT_TOML}")
    return None


def ruff_config(root: Path, pyproject: Mapping[str, Any]) -> RuffConfig | None:
    """The project's ruff settings, found as ruff finds them (``ruff.toml``, ``[tool.ruff]``)."""
    for name in RUFF_FILES:
        if (root / name).is_file():
            return _ruff_settings(name, read_toml(root / name))
    tool = _table(pyproject, "tool")
    if isinstance(tool.get("ruff"), dict):
        return _ruff_settings(f"{PYPROJECT_TOML} [tool.ruff]", tool["ruff"])
    return None


def _ruff_settings(file: str, table: Mapping[str, Any]) -> RuffConfig:
    lint = _table(table, "lint")
    selected = [
        code
        for source in (table, lint)
        for key in ("select", "extend-select")
        for code in _strings(source.get(key))
    ]
    length = table.get("line-length")
    target = table.get("target-version")
    return RuffConfig(
        file=file,
        line_length=length if isinstance(length, int) else None,
        target_version=target if isinstance(target, str) else None,
        selected=tuple(dict.fromkeys(selected)),
    )


def suite_layout(files: Sequence[str]) -> SuiteLayout:
    """Test folders (``tests/``, ``test/``), test modules, and Django-style ``tests.py``."""
    folders = sorted(
        {part for name in files for part in name.split("/")[:-1] if part in ("tests", "test")}
    )
    tests_modules = tuple(name for name in files if name.rsplit("/", 1)[-1] == "tests.py")
    count = sum(1 for name in files if _TEST_FILE.match(name.rsplit("/", 1)[-1]))
    return SuiteLayout(tuple(folders), count, tests_modules)


def django_evidence(
    root: Path, pyproject: Mapping[str, Any], files: Sequence[str]
) -> tuple[str, ...]:
    """Why this looks like a Django project: the dependency and ``manage.py`` (empty if neither)."""
    evidence = []
    source = _django_dependency(root, pyproject)
    if source:
        evidence.append(f"django in {source}")
    if any(name.rsplit("/", 1)[-1] == "manage.py" for name in files):
        evidence.append("manage.py")
    if evidence and any(name.endswith("settings.py") or "/settings/" in name for name in files):
        evidence.append("settings.py")
    return tuple(evidence)


def _django_dependency(root: Path, pyproject: Mapping[str, Any]) -> str:
    """Where django is declared as a dependency (``""``: nowhere)."""
    if any(_DJANGO.match(item) for item in _project_dependencies(pyproject)):
        return f"{PYPROJECT_TOML} dependencies"
    poetry = _table(_table(_table(pyproject, "tool"), "poetry"), "dependencies")
    if any(name.lower() == "django" for name in poetry):
        return f"{PYPROJECT_TOML} [tool.poetry.dependencies]"
    for requirements in sorted(root.glob("requirements*.txt")):
        lines = requirements.read_text(encoding="utf-8", errors="replace").splitlines()
        if any(_DJANGO.match(line) for line in lines):
            return requirements.name
    return ""


def _project_dependencies(pyproject: Mapping[str, Any]) -> list[str]:
    project = _table(pyproject, "project")
    extras = _table(project, "optional-dependencies").values()
    return [
        *_strings(project.get("dependencies")),
        *(item for extra in extras for item in _strings(extra)),
    ]


def _table(mapping: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = mapping.get(key)
    return value if isinstance(value, dict) else {}


def _strings(value: object) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []
