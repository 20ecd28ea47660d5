"""SARIF reportingDescriptor objects for the rules that a run's findings cite."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from reviewbot.findings import Finding, Severity
from reviewbot.ruleset.rule_info import RuleInfo

SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_FENCES = ("```", "~~~")


def rule_descriptors(
    rules: Mapping[str, RuleInfo], findings: Iterable[Finding]
) -> list[dict[str, Any]]:
    """One descriptor per rule code the findings use, sorted by code.

    A code missing from ``rules`` still gets a minimal descriptor built from its first
    finding, so every result's ``ruleIndex`` points somewhere.
    """
    infos: dict[str, RuleInfo] = {}
    for finding in findings:
        if finding.rule not in infos:
            infos[finding.rule] = rules.get(finding.rule) or _placeholder(finding)
    return [_descriptor(infos[code]) for code in sorted(infos)]


def rule_source(code: str) -> str:
    """Which analyzer owns a code: reviewbot's own ``RBnnn`` codes, otherwise ruff."""
    return "reviewbot" if code.startswith("RB") else "ruff"


def _placeholder(finding: Finding) -> RuleInfo:
    return RuleInfo(
        code=finding.rule,
        name=finding.rule,
        category=finding.category,
        severity=finding.severity,
        summary=f"{rule_source(finding.rule)} rule {finding.rule}",
        help_markdown="",
    )


def _descriptor(info: RuleInfo) -> dict[str, Any]:
    help_text = info.help_markdown or info.summary
    descriptor: dict[str, Any] = {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": first_paragraph(info.help_markdown) or info.summary},
        "help": {"text": help_text, "markdown": help_text},
    }
    if info.url:
        descriptor["helpUri"] = info.url
    descriptor["defaultConfiguration"] = {"level": SARIF_LEVELS[info.severity]}
    descriptor["properties"] = {"tags": [info.category.value, rule_source(info.code)]}
    return descriptor


def first_paragraph(markdown: str) -> str:
    """The first prose paragraph of a Markdown text, on one line; headings and code skipped."""
    for block in _BLANK_LINE.split(markdown.strip()):
        lines = [line.strip() for line in block.splitlines() if not line.lstrip().startswith("#")]
        if lines and not lines[0].startswith(_FENCES):
            return " ".join(lines)
    return ""
