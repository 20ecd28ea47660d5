"""Describe rules for reporters: reviewbot's rules, ruff's rules and the internal error codes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from reviewbot.findings import Category, Finding, Severity
from reviewbot.ruleset.docs import rule_markdown
from reviewbot.ruleset.internal_codes import INTERNAL_RULES
from reviewbot.ruleset.rule_info import RuleInfo

if TYPE_CHECKING:
    from reviewbot.pipeline.session import Session

RUFF_RULE_URL = "https://docs.astral.sh/ruff/rules/{name}/"


def rule_infos(session: Session, findings: Iterable[Finding]) -> dict[str, RuleInfo]:
    """RuleInfo for the rule of every finding (as configured where it was first found)."""
    first: dict[str, Finding] = {}
    for finding in findings:
        first.setdefault(finding.rule, finding)
    return {code: rule_info(session, code, first[code]) for code in sorted(first)}


def rule_info(session: Session, code: str, example: Finding | None = None) -> RuleInfo:
    """RuleInfo for one code; ``example`` supplies a ruff code's configured category/severity."""
    if code in INTERNAL_RULES:
        return INTERNAL_RULES[code]
    if code in session.registry:
        rule = session.registry.get(code)
        return RuleInfo(
            code, rule.name, rule.category, rule.severity, rule.summary(), rule_markdown(rule, 2)
        )
    detail = session.ruff.details.get(code)
    name = detail.name if detail else code
    summary = detail.summary if detail else f"ruff rule {code}"
    return RuleInfo(
        code=code,
        name=name,
        category=example.category if example else Category.CONVENTION,
        severity=example.severity if example else Severity.WARNING,
        summary=summary,
        help_markdown=detail.explanation if detail else summary,
        url=RUFF_RULE_URL.format(name=name) if detail else "",
    )
