"""Verdicts and events, dependency edits, the summary's size limit, and the review rules' examples."""

from __future__ import annotations

import pytest

from reviewbot.change.model import Change, FileChange, FileStatus
from reviewbot.config.review_settings import ReviewSettings
from reviewbot.findings import Category, FailOn, Finding, Location, Severity
from reviewbot.pipeline.review_rule_examples import review_example_failures
from reviewbot.report.review_summary import MAX_BODY, SummaryFacts, render_summary
from reviewbot.review.model import ReviewEvent, Verdict
from reviewbot.review.verdict import decide_verdict, event_for
from reviewbot.ruleset.api import DeltaRule, PolicyRule
from reviewbot.ruleset.registry import builtin_registry

REGISTRY = builtin_registry()
REVIEW_RULES = sorted(
    code for code, rule in REGISTRY.rules.items() if issubclass(rule, (DeltaRule, PolicyRule))
)


def finding(severity: Severity, line: int = 1, message: str = "m") -> Finding:
    return Finding(
        "X1",
        Category.CONVENTION,
        severity,
        "a.py",
        Location(line, 1, line, 2),
        message,
        fingerprint=f"f{line}",
    )


@pytest.mark.parametrize("code", REVIEW_RULES)
def test_review_rule_examples_behave_as_documented(code: str) -> None:
    failures = review_example_failures(REGISTRY.get(code))
    assert failures == [], failures


def test_review_rules_are_registered() -> None:
    assert REVIEW_RULES == ["RB206", "RB501", "RB502", "RB503", "RB504", "RB505", "RB506"]


@pytest.mark.parametrize(
    ("severities", "fail_on", "verdict"),
    [
        ((), FailOn.ERROR, Verdict.APPROVE),
        ((Severity.WARNING,), FailOn.ERROR, Verdict.COMMENT),
        ((Severity.WARNING, Severity.ERROR), FailOn.ERROR, Verdict.REQUEST_CHANGES),
        ((Severity.INFO,), FailOn.INFO, Verdict.REQUEST_CHANGES),
        ((Severity.ERROR,), FailOn.NEVER, Verdict.COMMENT),
    ],
)
def test_verdict_by_policy(
    severities: tuple[Severity, ...], fail_on: FailOn, verdict: Verdict
) -> None:
    assert decide_verdict([finding(s) for s in severities], fail_on) is verdict


@pytest.mark.parametrize(
    ("verdict", "settings", "event"),
    [
        (Verdict.REQUEST_CHANGES, ReviewSettings(), ReviewEvent.REQUEST_CHANGES),
        (Verdict.REQUEST_CHANGES, ReviewSettings(request_changes=False), ReviewEvent.COMMENT),
        (Verdict.COMMENT, ReviewSettings(approve=True), ReviewEvent.COMMENT),
        (Verdict.APPROVE, ReviewSettings(), ReviewEvent.COMMENT),
        (Verdict.APPROVE, ReviewSettings(approve=True), ReviewEvent.APPROVE),
    ],
)
def test_event_for_verdict(verdict: Verdict, settings: ReviewSettings, event: ReviewEvent) -> None:
    assert event_for(verdict, settings) is event


def test_summary_fits_githubs_limit_with_a_count_of_what_was_cut() -> None:
    many = tuple(finding(Severity.WARNING, line, "x" * 900) for line in range(1, 201))
    file = FileChange("a.py", "a.py", FileStatus.MODIFIED, added_lines=frozenset({1}))
    facts = SummaryFacts(
        verdict=Verdict.COMMENT,
        fail_on=FailOn.ERROR,
        change=Change("main", "HEAD", "b" * 40, "h" * 40, (file,)),
        analysed=1,
        new=many,
        existing=(),
        fixed=many,
        complexity=(),
        checks=(),
        comments=0,
        overflow=many,
        rule_names={},
    )
    text = render_summary(facts)
    assert len(text) <= MAX_BODY
    assert text.startswith("<!-- reviewbot:summary -->\n")
    assert "_... and 175 findings more._" in text
