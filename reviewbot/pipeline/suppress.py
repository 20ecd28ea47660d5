"""Apply each file's suppression comments to all its findings, and report unused ones (RB103)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping

from reviewbot.config.model import FilePolicy
from reviewbot.findings import Finding, Location
from reviewbot.fingerprint import node_fingerprint
from reviewbot.pipeline.file_analysis import FileResult
from reviewbot.pipeline.suppression import Directive, apply_directives
from reviewbot.ruleset.api import SuppressionRule
from reviewbot.ruleset.internal_codes import INTERNAL_RULES
from reviewbot.ruleset.registry import Registry

UNUSED_SUPPRESSION = "RB103"


def apply_suppressions(
    results: Mapping[str, FileResult],
    ruff: Iterable[Finding],
    policy_for: Callable[[str], FilePolicy],
    registry: Registry,
) -> tuple[list[Finding], int]:
    """Every finding that no directive silences, plus RB103 findings; and the silenced count."""
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in ruff:
        by_path[finding.path].append(finding)
    kept: list[Finding] = []
    suppressed = 0
    for path, result in results.items():
        findings = [*result.findings, *by_path.pop(path, [])]
        outcome = apply_directives(findings, result.directives)
        kept += outcome.kept
        suppressed += outcome.suppressed
        kept += _unused(outcome.unused, path, policy_for(path), registry)
    for leftovers in by_path.values():  # ruff findings for files reviewbot did not analyse
        kept += leftovers
    return kept, suppressed


def _unused(
    unused: Iterable[tuple[Directive, str]], path: str, policy: FilePolicy, registry: Registry
) -> list[Finding]:
    if not policy.enabled(UNUSED_SUPPRESSION) or UNUSED_SUPPRESSION not in registry:
        return []
    rule = registry.get(UNUSED_SUPPRESSION)()
    if not isinstance(rule, SuppressionRule):
        raise TypeError(f"{UNUSED_SUPPRESSION} must be a SuppressionRule")
    settings = policy.rules[UNUSED_SUPPRESSION]
    found = []
    seen: Counter[str] = Counter()
    for directive, code in unused:
        if code in INTERNAL_RULES or (code in registry and registry.get(code).review_only):
            continue  # judged elsewhere: analysis errors, or only by `reviewbot review`
        seen[code] += 1
        violation = rule.check_unused(code, code == "*" or policy.enabled(code))
        location = Location(directive.line, directive.column, directive.line, directive.end_column)
        found.append(
            Finding(
                rule=UNUSED_SUPPRESSION,
                category=settings.category,
                severity=settings.severity,
                path=path,
                location=location,
                message=violation.message,
                rationale=violation.rationale,
                fingerprint=node_fingerprint(UNUSED_SUPPRESSION, path, "<file>", code, seen[code]),
            )
        )
    return found
