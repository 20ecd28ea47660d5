"""Turn function and module metrics into findings through the complexity rules."""

from __future__ import annotations

import ast
from collections.abc import Sequence

from reviewbot.config.model import FilePolicy
from reviewbot.findings import Finding, Location
from reviewbot.fingerprint import file_fingerprint, function_fingerprint
from reviewbot.metrics.model import FunctionMetrics, ModuleMetrics
from reviewbot.metrics.module import module_metrics
from reviewbot.ruleset.api import FunctionRule, ModuleRule, Rule, Violation


def module_metrics_or_none(
    source: str, tree: ast.Module | None, *, count_asserts: bool = True
) -> ModuleMetrics | None:
    """The module's metrics, or None when it has no ``ast`` tree (it did not parse)."""
    if tree is None:
        return None
    return module_metrics(source, tree, count_asserts=count_asserts)


def metric_findings(
    metrics: ModuleMetrics,
    path: str,
    function_rules: Sequence[FunctionRule],
    module_rules: Sequence[ModuleRule],
    policy: FilePolicy,
    source: str,
) -> list[Finding]:
    """Findings of every enabled function and module rule."""
    lines = source.splitlines()
    findings = []
    for function in metrics.functions:
        for rule in function_rules:
            violation = rule.check_function(function, policy.thresholds)
            if violation is not None:
                findings.append(_function_finding(rule, violation, function, path, policy, lines))
    for module_rule in module_rules:
        violation = module_rule.check_module(metrics, policy.thresholds)
        if violation is not None:
            location = Location(1, 1, 1, len(lines[0]) + 1 if lines else 1)
            fingerprint = file_fingerprint(module_rule.code, path)
            findings.append(violation_finding(module_rule, violation, location, path, policy, fingerprint))
    return findings


def _function_finding(
    rule: FunctionRule,
    violation: Violation,
    function: FunctionMetrics,
    path: str,
    policy: FilePolicy,
    lines: list[str],
) -> Finding:
    line_text = lines[function.line - 1] if function.line <= len(lines) else ""
    end_column = len(line_text.rstrip()) + 1
    location = Location(function.line, function.column, function.line, end_column)
    fingerprint = function_fingerprint(rule.code, path, function.qualname)
    return violation_finding(rule, violation, location, path, policy, fingerprint)


def violation_finding(
    rule: Rule,
    violation: Violation,
    location: Location,
    path: str,
    policy: FilePolicy,
    fingerprint: str,
) -> Finding:
    """The finding ``rule``'s ``violation`` makes at ``location``, with the category and
    severity the policy gives the rule (the violation's own severity wins)."""
    setting = policy.rules.get(rule.code)
    severity = violation.severity or (setting.severity if setting else rule.severity)
    return Finding(
        rule=rule.code,
        category=setting.category if setting else rule.category,
        severity=severity,
        path=path,
        location=location,
        message=violation.message,
        rationale=violation.rationale,
        fingerprint=fingerprint,
    )
