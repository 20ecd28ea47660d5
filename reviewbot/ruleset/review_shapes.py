"""The two shapes of review-only rules, registry-compatible with the single-file shapes.

A review compares two versions of the code and looks at the change as a whole, which a
single-file rule cannot. So:

* ``DeltaRule`` (a FunctionRule that never fires on one version) judges how a changed
  function's metrics moved between the base and head commits: ``check_delta``.
* ``PolicyRule`` (a ModuleRule that never fires on one file) judges the pull request as a
  whole (RB5xx): ``check_pull_request`` returns a pass / fail / skipped outcome.

Both carry the usual code, docs and VALID / INVALID examples. A DeltaRule's examples are
``DeltaValid`` / ``DeltaInvalid`` (``before`` is the base version, ``code`` the head); a
PolicyRule's examples hold a small change scenario (see :mod:`reviewbot.ruleset.scenario`).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from reviewbot.change.model import FileChange
from reviewbot.config.model import Thresholds
from reviewbot.config.review_settings import PrPolicySettings
from reviewbot.findings import Finding
from reviewbot.metrics.model import FunctionMetrics, ModuleMetrics
from reviewbot.ruleset.api import FunctionRule, Invalid, ModuleRule, Valid, Violation


class CheckStatus(str, enum.Enum):
    """Outcome of one PR-level policy check."""

    PASS = "pass"
    FAIL = "fail"
    SKIPPED = "skipped"


class DeltaRule(FunctionRule):
    """A review-only rule on a changed function: its metrics before and after the change."""

    review_only = True

    #: Function-level rules whose *new* finding on the same ``def`` line this rule's finding
    #: replaces (it says the same, plus by how much the change moved it).
    supersedes: ClassVar[tuple[str, ...]] = ()

    def check_function(self, function: FunctionMetrics, thresholds: Thresholds) -> None:
        """Never fires: one version of a function has no change to judge."""
        return

    def check_delta(
        self,
        before: FunctionMetrics | None,
        after: FunctionMetrics,
        thresholds: Thresholds,
        increase_limit: int,
    ) -> Violation | None:
        """A violation when the change from ``before`` (None: a new function) to ``after``
        breaks this rule's limit."""
        raise NotImplementedError


@dataclass(frozen=True)
class PullRequestFacts:
    """What the PR-level checks look at: every changed file and what is known about the PR.

    ``description`` is None when unknown; ``new_todos`` are ruff's TD003 findings on lines the
    change added (not moved); ``dependency_manifests`` are manifests whose dependency
    declarations changed; ``lockfiles`` are the lockfile paths that exist at head.
    """

    files: tuple[FileChange, ...]
    description: str | None = None
    new_todos: tuple[Finding, ...] = ()
    dependency_manifests: tuple[str, ...] = ()
    lockfiles: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CheckOutcome:
    """What a PR-level check concluded; ``detail`` says why it matters (a failure's rationale)."""

    status: CheckStatus
    message: str
    detail: str = ""


class PolicyRule(ModuleRule):
    """A review-only rule on the pull request as a whole (RB5xx)."""

    review_only = True

    def check_module(self, module: ModuleMetrics, thresholds: Thresholds) -> None:
        """Never fires: a PR-level check has nothing to say about one file."""
        return

    def check_pull_request(
        self, facts: PullRequestFacts, settings: PrPolicySettings
    ) -> CheckOutcome:
        """Pass, fail or skip this check for the pull request described by ``facts``."""
        raise NotImplementedError


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
class ScenarioValid(Valid):
    """A pull request a PolicyRule must pass or skip; ``settings`` override ``[policy]``."""

    settings: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ScenarioInvalid(Invalid):
    """A pull request a PolicyRule must fail; ``settings`` override ``[policy]``."""

    settings: Mapping[str, Any] = field(default_factory=dict)
