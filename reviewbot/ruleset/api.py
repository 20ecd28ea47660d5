"""The rule API: what a built-in or team rule declares, and every shape a rule can take.

A rule is a class with its code, name, category, default severity, documentation and examples.
It is one of:

* ``NodeRule``: a libcst rule. It defines ``visit_<Node>(self, node, ctx)`` and/or
  ``leave_<Node>(self, node, ctx)`` methods; the engine calls all rules in one traversal and
  hands each call a ``RuleContext`` (loop nesting, bindings, scope, reporting).
* ``FunctionRule``: judges one function's metrics (complexity, length, nesting).
* ``ModuleRule``: judges one module's metrics (length, maintainability index).
* ``SuppressionRule``: judges suppression comments once every finding of the file is known.
* ``DeltaRule``: judges how a changed function's metrics moved between the base and head of a
  change (``reviewbot review`` only).
* ``CopyRule``: judges a block of code a change copies (``reviewbot review`` only).
* ``PolicyRule``: judges a pull request as a whole (RB5xx, ``reviewbot review`` only).

Rules hold no state: every per-file fact lives in the context the engine passes in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, ClassVar

from reviewbot.findings import Category, Severity

if TYPE_CHECKING:
    from libcst.metadata.base_provider import ProviderT

    from reviewbot.config.model import Thresholds
    from reviewbot.config.review_settings import PrPolicySettings
    from reviewbot.metrics.copied_blocks import CopiedBlock
    from reviewbot.metrics.model import FunctionMetrics, ModuleMetrics
    from reviewbot.ruleset.review_records import CheckOutcome, PullRequestFacts

#: The facts that span files a rule may declare in ``uses_facts`` and read with ``ctx.fact``,
#: each with what it holds; ``reviewbot.pipeline.project`` builds them.
FACTS: Mapping[str, str] = MappingProxyType(
    {
        "python-modules": "the project's import map: each dotted module name and the file "
        "that defines it (a package's is its __init__.py)",
        "drf-serializers": "each Django REST framework serializer class (`module.Class`) and the "
        "relations it reads per object: nested serializers, relational fields, dotted `source=`, the "
        "relations `ModelSerializer` generates from the models, what its "
        "`SerializerMethodField` methods read off the object; with the file and line",
        "django-models": "every Django model class (by class name): `relations`, the relation "
        "fields it declares and the reverse relations other models' `related_name` give it; "
        "`bases`, the names of its bases; `nullable`, its foreign keys declared `null=True`",
    }
)

RULE_CODE = re.compile(r"^RB([1-5])\d\d$")
CATEGORY_BY_FAMILY = {
    "1": Category.CONVENTION,
    "2": Category.COMPLEXITY,
    "3": Category.PERFORMANCE,
    "4": Category.CORRECTNESS,
    "5": Category.POLICY,
}


@dataclass(frozen=True)
class RuleDoc:
    """The documentation sections every rule carries (ruff's layout)."""

    what: str
    why: str
    example: str
    use_instead: str
    fix_safety: str = ""
    options: str = ""


@dataclass(frozen=True)
class Valid:
    """Code the rule must not flag; ``note`` says which near miss it is."""

    code: str
    note: str = ""
    thresholds: Mapping[str, int | float] = field(default_factory=dict)
    #: Facts that span files the example assumes (``Rule.uses_facts``), by name.
    facts: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Invalid:
    """Code the rule must flag.

    ``lines`` are the expected 1-based finding lines (all of them, in order) and ``fixed`` is the
    source after applying the rule's fixes, when the rule offers one.
    """

    code: str
    lines: tuple[int, ...] = ()
    fixed: str | None = None
    note: str = ""
    thresholds: Mapping[str, int | float] = field(default_factory=dict)
    #: Facts that span files the example assumes (``Rule.uses_facts``), by name.
    facts: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Violation:
    """What a metric rule reports: the message and why it matters for this function or module.

    ``severity`` overrides the rule's severity for this one report (e.g. an ``info`` note that a
    metric was skipped), whatever severity the policy gives the rule.
    """

    message: str
    rationale: str
    severity: Severity | None = None


class Rule:
    """Metadata every rule declares. Subclass one of the :data:`RULE_SHAPES`, not this."""

    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[Category]
    severity: ClassVar[Severity]
    doc: ClassVar[RuleDoc]
    valid: ClassVar[tuple[Valid, ...]]
    invalid: ClassVar[tuple[Invalid, ...]]
    #: Threshold keys this rule reads (documented on its reference page).
    thresholds_used: ClassVar[tuple[str, ...]] = ()
    #: Whether the rule can offer a fix.
    fixable: ClassVar[bool] = False
    #: ruff codes that report the same smell; where one of them flags an overlapping range on
    #: the same line, this rule's finding is dropped (one smell, one report).
    overlaps_ruff: ClassVar[tuple[str, ...]] = ()
    #: ruff codes whose ``# noqa`` on the finding's line also silences this rule: a function the
    #: authors marked ``# noqa: C901`` is not flagged again by RB201.
    noqa_equivalents: ClassVar[tuple[str, ...]] = ()
    #: Judged only by ``reviewbot review`` (a change or a whole pull request), never per file.
    review_only: ClassVar[bool] = False
    #: Facts that span files which this rule reads through ``ctx.fact(name)`` (see
    #: ``reviewbot.pipeline.project``); a cached result is recomputed when one of them changes.
    uses_facts: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def summary(cls) -> str:
        """The first sentence of *What it does*."""
        return cls.doc.what.strip().split("\n\n", 1)[0].replace("\n", " ")


class NodeRule(Rule):
    """A libcst rule: ``visit_<Node>(self, node, ctx)`` / ``leave_<Node>(self, node, ctx)``."""

    #: libcst metadata providers this rule needs; the engine resolves them only when asked.
    metadata: ClassVar[tuple[ProviderT, ...]] = ()
    #: Whether a report is a cost per loop iteration. The engine then records what the loops
    #: around it walk and whether it runs every iteration, and the preset's ``[loops] report``
    #: decides which of those findings are reported (the others are dropped, with the reason).
    per_iteration: ClassVar[bool] = False


class FunctionRule(Rule):
    """A rule that judges each function's metrics."""

    def check_function(self, function: FunctionMetrics, thresholds: Thresholds) -> Violation | None:
        """Return a violation when ``function`` breaks this rule's limit."""
        raise NotImplementedError


class ModuleRule(Rule):
    """A rule that judges a whole module's metrics."""

    def check_module(self, module: ModuleMetrics, thresholds: Thresholds) -> Violation | None:
        """Return a violation when ``module`` breaks this rule's limit."""
        raise NotImplementedError


class SuppressionRule(Rule):
    """A rule about ``# reviewbot: ignore[...]`` comments, judged after all findings are in."""

    def check_unused(self, code: str, enabled: bool) -> Violation:
        """The violation for a directive naming ``code`` that silenced nothing."""
        raise NotImplementedError


@dataclass(frozen=True)
class FunctionChange:
    """A changed function as a delta rule sees it: its metrics at the base (``before``, None for
    a new function) and at head, and how many of its head lines the change wrote."""

    before: FunctionMetrics | None
    after: FunctionMetrics
    written: int

    @property
    def written_share(self) -> float:
        """The share of the head function's lines (``def`` to its last line) the change wrote."""
        span = self.after.end_line - self.after.line + 1
        return min(1.0, self.written / span) if span > 0 else 0.0


class DeltaRule(Rule):
    """A review-only rule on a changed function: its metrics before and after the change.

    Override :meth:`check_delta`, or :meth:`check_change` to also weigh how much of the function
    the change wrote."""

    review_only = True

    #: Function-level rules whose *new* finding on the same ``def`` line this rule's finding
    #: replaces (it says the same, plus by how much the change moved it).
    supersedes: ClassVar[tuple[str, ...]] = ()

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

    def check_change(
        self, change: FunctionChange, thresholds: Thresholds, increase_limit: int
    ) -> Violation | None:
        """What the review calls: by default :meth:`check_delta` on the change's metrics."""
        return self.check_delta(change.before, change.after, thresholds, increase_limit)


class CopyRule(Rule):
    """A review-only rule on a block of lines the change added that repeats other code."""

    review_only = True

    def check_copy(self, block: CopiedBlock) -> Violation | None:
        """A violation when the copied ``block`` is worth a comment."""
        raise NotImplementedError


class PolicyRule(Rule):
    """A review-only rule on the pull request as a whole (RB5xx)."""

    review_only = True

    def check_pull_request(
        self, facts: PullRequestFacts, settings: PrPolicySettings
    ) -> CheckOutcome:
        """Pass, fail or skip this check for the pull request described by ``facts``."""
        raise NotImplementedError


#: Every shape a rule can take, in the order the stages judge them: the registry accepts a
#: subclass of exactly these.
RULE_SHAPES: tuple[type[Rule], ...] = (
    NodeRule,
    FunctionRule,
    ModuleRule,
    SuppressionRule,
    DeltaRule,
    CopyRule,
    PolicyRule,
)
