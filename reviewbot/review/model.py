"""The Review record: exactly what the GitHub layer posts (the design's Review JSON, version 1)."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from reviewbot.change.model import Change
from reviewbot.config.roles import Role
from reviewbot.dropped import Dropped
from reviewbot.findings import FailOn, Finding
from reviewbot.ruleset.change_size import ChangeSize
from reviewbot.ruleset.review_records import CheckStatus


class Verdict(str, enum.Enum):
    """The reviewer's conclusion, by policy."""

    APPROVE = "approve"
    COMMENT = "comment"
    REQUEST_CHANGES = "request_changes"


class ReviewEvent(str, enum.Enum):
    """The GitHub review event a verdict maps to."""

    COMMENT = "COMMENT"
    REQUEST_CHANGES = "REQUEST_CHANGES"
    APPROVE = "APPROVE"


@dataclass(frozen=True)
class ReviewComment:
    """One inline comment: anchored to the head commit, on the RIGHT side of the diff.

    ``start_line`` is set for a multi-line comment; ``findings`` are the findings merged into it
    (the first is the one it is about: ``finding`` in the JSON).
    """

    path: str
    line: int
    start_line: int | None
    body: str
    fingerprint: str
    findings: tuple[Finding, ...]
    side: str = "RIGHT"


@dataclass(frozen=True)
class Complexity:
    """Cognitive and cyclomatic complexity of one function at one commit."""

    cognitive: int
    cyclomatic: int


@dataclass(frozen=True)
class ComplexityChange:
    """A changed function's complexity before and after (``before`` None for a new function)."""

    function: str
    path: str
    line: int
    before: Complexity | None
    after: Complexity | None


@dataclass(frozen=True)
class PolicyCheck:
    """One PR-level check (RB5xx) and its outcome."""

    rule: str
    status: CheckStatus
    message: str


@dataclass(frozen=True)
class Review:
    """A whole review: verdict, inline comments within budget, summary, and the classification."""

    base: str
    head: str
    verdict: Verdict
    event: ReviewEvent
    comments: tuple[ReviewComment, ...]
    summary: str
    new: tuple[Finding, ...]
    existing: tuple[Finding, ...]
    fixed: tuple[Finding, ...]
    complexity: tuple[ComplexityChange, ...]
    checks: tuple[PolicyCheck, ...]
    #: New findings on changed files that no inline comment holds: over the budget, or on no
    #: changed line that shows them (the summary lists both).
    overflow: tuple[Finding, ...]
    #: New findings not posted because of their file's role, with why.
    dropped: tuple[Dropped, ...] = ()


@dataclass(frozen=True)
class LearnedConvention:
    """A rule the untouched code breaks ``count`` times in files of ``role`` (or, when ``path``
    is set, that file before the change): ``held`` new findings of it were not commented."""

    rule: str
    role: Role
    count: int
    held: int
    path: str | None = None

    @property
    def config_line(self) -> str:
        """The config that makes the decision permanent."""
        if self.path is not None:
            return (
                f'[[tool.reviewbot.overrides]] paths = ["{self.path}"] '
                f'ignore = ["{self.rule}"]'
            )
        if self.role is Role.SOURCE:
            return f'[tool.reviewbot] ignore = ["{self.rule}"]'
        return f'[tool.reviewbot.role-ignores] {self.role.value} = [..., "{self.rule}"]'


@dataclass(frozen=True)
class SummaryFacts:
    """Everything the summary comment reports; ``report.review_summary`` words it.

    ``complexity`` holds only the changed functions worth a reader's time (crossed a limit or
    rose by at least ``[review] complexity-increase``), ``changed_functions`` counts them all;
    ``comments`` is the number of inline comments and ``commented`` the findings they hold;
    ``unplaced`` are new findings no changed line shows (about a whole module, say).
    """

    verdict: Verdict
    fail_on: FailOn
    change: Change
    analysed: int
    new: tuple[Finding, ...]
    existing: tuple[Finding, ...]
    fixed: tuple[Finding, ...]
    complexity: tuple[ComplexityChange, ...]
    checks: tuple[PolicyCheck, ...]
    comments: int
    overflow: tuple[Finding, ...]
    rule_names: Mapping[str, str]
    dropped: tuple[Dropped, ...] = ()
    #: Convention rules the code this change leaves alone consistently breaks.
    conventions: tuple[LearnedConvention, ...] = ()
    #: What the size check counts of the change (None: not measured).
    size: ChangeSize | None = None
    unplaced: tuple[Finding, ...] = ()
    commented: int = 0
    changed_functions: int = 0


Summarise = Callable[[SummaryFacts], str]
