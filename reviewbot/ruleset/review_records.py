"""The records of the review-only rule shapes (``DeltaRule``, ``PolicyRule`` in the rule API).

A PR-level check reads :class:`PullRequestFacts` and answers a :class:`CheckOutcome`; a
DeltaRule's examples are ``DeltaValid`` / ``DeltaInvalid`` (``before`` is the base version,
``code`` the head); a PolicyRule's examples hold a small change scenario (see
:mod:`reviewbot.ruleset.scenario`).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from reviewbot.change.model import FileChange
from reviewbot.findings import Finding
from reviewbot.ruleset.api import Invalid, Valid
from reviewbot.ruleset.change_size import ChangeSize


class CheckStatus(str, enum.Enum):
    """Outcome of one PR-level policy check."""

    PASS = "pass"
    FAIL = "fail"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class PullRequestFacts:
    """What the PR-level checks look at: every changed file and what is known about the PR.

    ``description`` is None when unknown; ``new_todos`` are ruff's TD003 findings on lines the
    change added (not moved, not copied); ``manifests`` are the changed files that declare
    dependencies, ``dependency_edits`` those whose declarations changed; ``lockfiles`` are the lockfile paths that exist at head; ``size`` is
    what the size check counts (None: measured from ``files`` by path alone).
    """

    files: tuple[FileChange, ...]
    description: str | None = None
    new_todos: tuple[Finding, ...] = ()
    manifests: tuple[str, ...] = ()
    dependency_edits: tuple[DependencyEdit, ...] = ()
    lockfiles: frozenset[str] = frozenset()
    size: ChangeSize | None = None


@dataclass(frozen=True)
class DependencyEdit:
    """A manifest whose dependency declarations changed: ``sections`` name the parts that did
    (``[project] dependencies``, ``[options] install_requires``, ``requirements``)."""

    path: str
    sections: tuple[str, ...]


@dataclass(frozen=True)
class CheckOutcome:
    """What a PR-level check concluded; ``detail`` says why it matters (a failure's rationale)."""

    status: CheckStatus
    message: str
    detail: str = ""


@dataclass(frozen=True)
class DeltaValid(Valid):
    """A change a DeltaRule must not flag: ``before`` is the base version of ``code``."""

    before: str = ""
    increase: int = 5


@dataclass(frozen=True)
class DeltaInvalid(Invalid):
    """A change a DeltaRule must flag (on ``lines`` of ``code``, the head version)."""

    before: str = ""
    increase: int = 5


@dataclass(frozen=True)
class CopyValid(Valid):
    """A change a CopyRule must not flag: ``code`` is a file it adds, ``before`` a file that
    was there and still is; ``size`` is ``[review] copied-block-lines``."""

    before: str = ""
    size: int = 8


@dataclass(frozen=True)
class CopyInvalid(Invalid):
    """A change a CopyRule must flag, on ``lines`` of ``code`` (the file it adds)."""

    before: str = ""
    size: int = 8


@dataclass(frozen=True)
class ScenarioValid(Valid):
    """A pull request a PolicyRule must pass or skip; ``settings`` override ``[policy]``."""

    settings: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ScenarioInvalid(Invalid):
    """A pull request a PolicyRule must fail; ``settings`` override ``[policy]``."""

    settings: Mapping[str, Any] = field(default_factory=dict)
