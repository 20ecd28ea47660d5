"""Run the PR-level rules (RB5xx): one PolicyCheck each, and a finding for each failure."""

from __future__ import annotations

from reviewbot.config.model import FilePolicy
from reviewbot.config.review_settings import PrPolicySettings
from reviewbot.findings import Finding, Location
from reviewbot.fingerprint import pr_fingerprint
from reviewbot.review.model import PolicyCheck
from reviewbot.ruleset.api import PolicyRule
from reviewbot.ruleset.registry import Registry
from reviewbot.ruleset.review_records import CheckOutcome, CheckStatus, PullRequestFacts

#: The message of a check whose rule the policy does not select (left out of the summary).
NOT_SELECTED = "not selected (add it to `extend-select` to run it)"
#: Where a PR-level finding sits: no file, line 0 (reporters show it as the pull request).
PR_LOCATION = Location(0, 0, 0, 0)


def run_pr_checks(
    registry: Registry, policy: FilePolicy, settings: PrPolicySettings, facts: PullRequestFacts
) -> tuple[tuple[PolicyCheck, ...], tuple[Finding, ...]]:
    """Each PolicyRule's outcome (not selected: skipped) and the findings of those that failed."""
    checks: list[PolicyCheck] = []
    findings: list[Finding] = []
    for rule_class in registry:
        if not issubclass(rule_class, PolicyRule):
            continue
        if not policy.enabled(rule_class.code):
            checks.append(PolicyCheck(rule_class.code, CheckStatus.SKIPPED, NOT_SELECTED))
            continue
        outcome = rule_class().check_pull_request(facts, settings)
        checks.append(PolicyCheck(rule_class.code, outcome.status, outcome.message))
        if outcome.status is CheckStatus.FAIL:
            findings.append(_finding(rule_class.code, outcome, policy))
    return tuple(checks), tuple(findings)


def _finding(code: str, outcome: CheckOutcome, policy: FilePolicy) -> Finding:
    settings = policy.rules[code]
    return Finding(
        rule=code,
        category=settings.category,
        severity=settings.severity,
        path="",
        location=PR_LOCATION,
        message=outcome.message,
        rationale=outcome.detail,
        fingerprint=pr_fingerprint(code),
    )
