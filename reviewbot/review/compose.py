"""Write the review: the verdict and its event, the comments within budget, the summary."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reviewbot.findings import Finding
from reviewbot.pipeline.chain import Analysis
from reviewbot.review.advice import AdviceBook
from reviewbot.review.assess import Assessment
from reviewbot.review.comments import CommentPlan, HeadFacts, plan_comments
from reviewbot.review.complexity import notable_changes
from reviewbot.review.conventions import hold_back_conventions
from reviewbot.review.model import LearnedConvention, Review, Summarise, SummaryFacts, Verdict
from reviewbot.review.ruff_selection import hold_back_unselected
from reviewbot.review.scope import ReviewScope
from reviewbot.review.verdict import decide_verdict, event_for


def build_review(
    scope: ReviewScope,
    assessment: Assessment,
    head: Analysis,
    max_comments: int | None,
    summarise: Summarise,
) -> Review:
    """The Review of ``assessment``; ``max_comments`` overrides ``[review] max-comments``.

    ``summarise`` words the summary comment (``report.review_summary.render_summary``): the
    review decides what it says, the report layer how.
    """
    session, change = scope.session, scope.change
    settings = session.policy.review
    budget = settings.max_comments if max_comments is None else max_comments
    advice = AdviceBook(session.registry, session.ruff.details)
    selected, unselected = hold_back_unselected(session, scope.root, assessment.classified.new)
    before = (*assessment.classified.existing, *assessment.classified.fixed)
    held = hold_back_conventions(scope, selected, head, before, assessment.classified.fixed)
    assessment = replace(
        assessment,
        classified=replace(assessment.classified, new=held.new),
        dropped=(*assessment.dropped, *unselected, *held.dropped),
    )
    classified = assessment.classified
    facts = HeadFacts(head.functions, head.texts)
    plan = plan_comments(classified.new, change, facts, advice, budget)
    verdict = decide_verdict(classified.new, session.policy.fail_on)
    return Review(
        base=change.base,
        head=change.head,
        verdict=verdict,
        event=event_for(verdict, settings),
        comments=plan.comments,
        summary=summarise(_summary_facts(scope, assessment, plan, verdict, held.conventions)),
        new=_ordered(classified.new),
        existing=_ordered(classified.existing),
        fixed=_ordered(classified.fixed),
        complexity=assessment.complexity,
        checks=assessment.checks,
        overflow=(*plan.overflow, *plan.unplaced),
        dropped=assessment.dropped,
    )


def _summary_facts(
    scope: ReviewScope,
    assessment: Assessment,
    plan: CommentPlan,
    verdict: Verdict,
    conventions: tuple[LearnedConvention, ...],
) -> SummaryFacts:
    classified = assessment.classified
    return SummaryFacts(
        verdict=verdict,
        fail_on=scope.session.policy.fail_on,
        change=scope.change,
        analysed=len(scope.files),
        new=classified.new,
        existing=classified.existing,
        fixed=classified.fixed,
        complexity=notable_changes(
            assessment.complexity,
            scope.session.file_policy(scope.root),
            scope.session.policy.review.complexity_increase,
        ),
        checks=assessment.checks,
        comments=len(plan.comments),
        overflow=plan.overflow,
        rule_names={code: rule.name for code, rule in scope.session.registry.rules.items()},
        dropped=assessment.dropped,
        conventions=conventions,
        size=assessment.size,
        unplaced=plan.unplaced,
        commented=sum(len(comment.findings) for comment in plan.comments),
        changed_functions=len(assessment.complexity),
    )


def _ordered(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: f.sort_key))
