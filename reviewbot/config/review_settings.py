"""The ``[review]`` and ``[policy]`` tables: how a pull request is reviewed, and its PR checks.

Run-wide settings (not per path): a review is one verdict over the whole change.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

#: manifest file name -> lockfiles that pin it (any one of them counts), in the same folder. A
#: requirements ``.in`` file not named here is pinned by the ``.txt`` of its name (pip-compile's).
DEFAULT_LOCKFILES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("pyproject.toml", ("poetry.lock", "uv.lock", "pdm.lock")),
    ("requirements.in", ("requirements.txt",)),
    ("Pipfile", ("Pipfile.lock",)),
)
DEFAULT_SOURCE_PATTERNS = ("*.py",)
DEFAULT_TEST_PATTERNS = ("tests/", "test/", "test_*.py", "*_test.py", "conftest.py")
DEFAULT_MIGRATION_PATTERNS = ("**/migrations/*.py",)


@dataclass(frozen=True)
class ReviewSettings:
    """``[review]``: the comment budget, the complexity increase RB206 allows, and which
    GitHub events the verdict may use."""

    max_comments: int = 25
    request_changes: bool = True
    approve: bool = False
    complexity_increase: int = 5
    #: A convention rule the untouched code breaks at least this often in files of one role is
    #: the code base's convention there: its new findings are not commented (None: off).
    convention_threshold: int | None = 10
    #: The fewest normalised lines a block the change copies must have for RB207 (None: off).
    copied_block_lines: int | None = 8


@dataclass(frozen=True)
class PrPolicySettings:
    """``[policy]``: the PR-level checks (RB501-RB506) and their limits.

    ``None`` / ``False`` / ``0`` values turn a check off: ``pr_size_lines`` (RB501),
    ``tests_required`` (RB502), ``description_min_length`` (RB503), ``lockfiles`` (RB504),
    ``migrations`` (RB505), ``todos`` (RB506).
    """

    pr_size_lines: int | None = 400
    tests_required: bool = True
    source_patterns: tuple[str, ...] = DEFAULT_SOURCE_PATTERNS
    test_patterns: tuple[str, ...] = DEFAULT_TEST_PATTERNS
    description_min_length: int = 30
    lockfiles: tuple[tuple[str, tuple[str, ...]], ...] = DEFAULT_LOCKFILES
    migrations: bool = True
    migration_patterns: tuple[str, ...] = DEFAULT_MIGRATION_PATTERNS
    todos: bool = True

    def lockfiles_for(self, manifest_name: str) -> tuple[str, ...]:
        """The lockfile names that pin the manifest called ``manifest_name`` (may be empty)."""
        return next((locks for name, locks in self.lockfiles if name == manifest_name), ())

    @property
    def lockfile_names(self) -> frozenset[str]:
        """Every lockfile name the table mentions."""
        return frozenset(lock for _, locks in self.lockfiles for lock in locks)


def lockfile_paths(manifest: str, settings: PrPolicySettings) -> list[str]:
    """The lockfiles that would pin ``manifest``, next to it: the table's, else for a ``.in``
    file the ``.txt`` pip-compile writes from it (a ``[]`` entry in the table pins nothing)."""
    path = PurePosixPath(manifest)
    folder = "" if str(path.parent) == "." else f"{path.parent}/"
    configured = dict(settings.lockfiles)
    if path.name in configured:
        locks = configured[path.name]
    elif path.suffix == ".in" and settings.lockfiles:
        locks = (f"{path.stem}.txt",)
    else:
        locks = ()
    return [f"{folder}{lock}" for lock in locks]
