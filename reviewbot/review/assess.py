"""What a change did: new / still open / fixed findings, RB206 on changed functions, RB207 on
copied blocks, PR checks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from reviewbot.change.copies import copied_files
from reviewbot.change.near_copies import change_copies
from reviewbot.dropped import Dropped
from reviewbot.findings import Finding
from reviewbot.pipeline.baseline import Baseline, baselinable
from reviewbot.pipeline.chain import Analysis
from reviewbot.pipeline.stances import apply_stances
from reviewbot.pipeline.suppression import apply_directives
from reviewbot.review.classify import Classified, classify
from reviewbot.review.complexity import (
    complexity_changes,
    delta_findings,
    judged_by_delta,
    supersede,
)
from reviewbot.review.copied import copy_findings
from reviewbot.review.function_pairs import (
    Bodies,
    FunctionPair,
    changed_functions,
    pair_moved,
)
from reviewbot.review.model import ComplexityChange, PolicyCheck
from reviewbot.review.moves import carried_over
from reviewbot.review.pr_checks import run_pr_checks
from reviewbot.review.pr_facts import pull_request_facts
from reviewbot.review.scope import ReviewScope
from reviewbot.ruleset.change_size import ChangeSize

#: ruff's "missing issue link" TODO rule: run on both sides whatever the selection, so the
#: new-TODO check (RB506) sees the TODOs a change adds.
TODO_CODE = "TD003"


@dataclass(frozen=True)
class Assessment:
    """Findings by class (``new`` includes RB206 and failed RB5xx checks), the complexity of
    changed functions, and the PR checks."""

    classified: Classified
    complexity: tuple[ComplexityChange, ...]
    checks: tuple[PolicyCheck, ...]
    #: Findings the change introduces that the files' roles drop (not posted, counted).
    dropped: tuple[Dropped, ...] = ()
    #: The change's size as the size check (RB501) counts it, and what it leaves out.
    size: ChangeSize | None = None


def assess_change(
    scope: ReviewScope, sides: tuple[Analysis, Analysis], description: str | None
) -> Assessment:
    """Classify findings, measure changed functions, run the delta rules and PR checks."""
    head, base = sides
    session, change = scope.session, scope.change
    registry = session.registry
    copies = copied_files(scope.root, change)
    carried = carried_over((head.findings, base.findings), sides, copies)
    classified = classify(change, (head.findings, base.findings), head.functions, registry, carried)
    pairs = pair_moved(
        changed_functions(scope.files, head.functions, base.functions),
        Bodies(head.texts, base.texts),
    )
    deltas, deltas_dropped = _delta_findings(scope, pairs, head)
    near_copies = change_copies(scope.root, change)
    copied = copy_findings(scope, head, copies, near_copies)
    carried = carried_over((head.extra, base.extra), sides, copies)
    todos = classify(change, (head.extra, base.extra), head.functions, registry, carried).new
    settings = session.policy.pr_policy
    facts = pull_request_facts(scope, settings, description, todos, near_copies)
    pr_policy = session.policy.resolution(None).file_policy()
    checks, failures = run_pr_checks(registry, pr_policy, settings, facts)
    judged = _judged_by_delta(scope, pairs, head, supersede(classified.new, deltas, registry))
    new = (*judged, *deltas, *copied.new, *failures)
    return Assessment(
        Classified(new, classified.existing, classified.fixed),
        complexity_changes(pairs),
        checks,
        (*_new_dropped(scope, sides, copies), *deltas_dropped, *copied.dropped),
        facts.size,
    )


def _new_dropped(
    scope: ReviewScope, sides: tuple[Analysis, Analysis], copies: frozenset[str]
) -> tuple[Dropped, ...]:
    """The dropped findings the change introduces, as ``new`` is judged for reported ones."""
    head, base = sides
    findings = (
        tuple(d.finding for d in head.dropped),
        tuple(d.finding for d in base.dropped),
    )
    carried = carried_over(findings, sides, copies)
    introduced = classify(
        scope.change, findings, head.functions, scope.session.registry, carried
    ).new
    kept = {id(finding) for finding in introduced}
    return tuple(d for d in head.dropped if id(d.finding) in kept)


def without_baselined(assessment: Assessment, baseline: Baseline | None) -> Assessment:
    """``assessment`` with the new findings the baseline accepts moved to existing, as if
    they had been found at the base (policy-level findings are never baselined)."""
    if baseline is None:
        return assessment
    accepted = baseline.fingerprints
    classified = assessment.classified

    def baselined(finding: Finding) -> bool:
        return baselinable(finding) and finding.fingerprint in accepted

    moved = tuple(f for f in classified.new if baselined(f))
    if not moved:
        return assessment
    new = tuple(f for f in classified.new if not baselined(f))
    existing = (*classified.existing, *moved)
    return replace(assessment, classified=Classified(new, existing, classified.fixed))


def _judged_by_delta(
    scope: ReviewScope, pairs: Sequence[FunctionPair], head: Analysis, new: list[Finding]
) -> list[Finding]:
    session = scope.session
    policy_for = session.file_policy(scope.root)
    return judged_by_delta(new, pairs, session.registry, policy_for, head.texts)


def _delta_findings(
    scope: ReviewScope, pairs: Sequence[FunctionPair], head: Analysis
) -> tuple[list[Finding], list[Dropped]]:
    """RB206 findings, after the head's suppression comments, and split by their file's role
    as every other finding is (a test's complexity is its cases')."""
    session = scope.session
    limit = session.policy.review.complexity_increase
    policy_for = session.file_policy(scope.root)
    found = delta_findings(pairs, session.registry, policy_for, limit, head.texts)
    kept = [f for f in found if apply_directives([f], head.directives.get(f.path, ())).kept]
    return apply_stances(kept, head.roles, session.policy.stances)
