"""Run a rule's VALID and INVALID examples; used by the test suite and ``reviewbot test-rules``."""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from reviewbot.config.model import FilePolicy, RuleSettings, Thresholds
from reviewbot.engine.edits import apply_fixes
from reviewbot.findings import Finding
from reviewbot.pipeline.file_analysis import analyze_source
from reviewbot.pipeline.loop_walks import apply_loop_walks
from reviewbot.pipeline.project import facts_of
from reviewbot.pipeline.suppress import apply_suppressions
from reviewbot.ruleset.api import Invalid, Rule, Valid
from reviewbot.ruleset.registry import Registry

EXAMPLE_PATH = "example.py"
#: The loops a per-iteration example is judged in: as ``strict`` reports them (data-sized loops
#: and loops of unknown size), so a VALID example over three literal values or a model's fields
#: shows the loop facts at work, and an INVALID one is reported in the default preset or strict.
EXAMPLE_LOOPS = ("data", "unknown")


@dataclass(frozen=True)
class ExampleFailure:
    """One example that did not behave as declared."""

    rule: str
    kind: str  # "valid" or "invalid"
    index: int
    problem: str


def example_policy(registry: Registry, thresholds: Mapping[str, int | float]) -> FilePolicy:
    """Every registered rule enabled at its defaults, with the example's thresholds."""
    rules = {code: RuleSettings(code, r.category, r.severity) for code, r in registry.rules.items()}
    limits: dict[str, Any] = _threshold_fields(thresholds)
    return FilePolicy(rules, replace(Thresholds(), **limits))


def _threshold_fields(thresholds: Mapping[str, int | float]) -> dict[str, int | float]:
    names = {f.name for f in fields(Thresholds)}
    converted = {key.replace("-", "_"): value for key, value in thresholds.items()}
    unknown = set(converted) - names
    if unknown:
        raise ValueError(f"unknown threshold(s) in example: {', '.join(sorted(unknown))}")
    return converted


def findings_for(
    code: str,
    source: str,
    registry: Registry,
    thresholds: Mapping[str, int | float],
    facts: Mapping[str, object] | None = None,
) -> list[Finding]:
    """The findings of rule ``code`` on ``source`` (all rules run, suppressions applied), with
    the facts that span files an example assumes."""
    policy = example_policy(registry, thresholds)
    assumed = {**_no_project(registry), **(facts or {})}
    result = analyze_source(source, EXAMPLE_PATH, policy, registry, facts_of(assumed))
    unsuppressed, _ = apply_suppressions({EXAMPLE_PATH: result}, [], lambda _: policy, registry)
    kept, _ = apply_loop_walks(unsuppressed, EXAMPLE_LOOPS)
    return sorted((f for f in kept if f.rule == code), key=lambda f: f.sort_key)


def _no_project(registry: Registry) -> dict[str, object]:
    """Every fact the registry's rules declare, empty: what a run outside git builds, so an
    example that assumes nothing about the rest of the project reads no other file."""
    return {name: {} for rule in registry for name in rule.uses_facts}


def check_rule_examples(rule: type[Rule], registry: Registry) -> list[ExampleFailure]:
    """Every way ``rule``'s examples fail to behave as declared (empty when all pass)."""
    from reviewbot.pipeline.review_rule_examples import (
        review_example_failures,  # imports this module
    )

    review_only = review_example_failures(rule)  # a before/after or whole-PR example
    if review_only is not None:
        return review_only
    failures = [
        ExampleFailure(rule.code, "valid", index, problem)
        for index, example in enumerate(rule.valid)
        for problem in _valid_problems(rule, example, registry)
    ]
    failures += [
        ExampleFailure(rule.code, "invalid", index, problem)
        for index, example in enumerate(rule.invalid)
        for problem in _invalid_problems(rule, example, registry)
    ]
    return failures


def _valid_problems(rule: type[Rule], example: Valid, registry: Registry) -> list[str]:
    found = findings_for(rule.code, example.code, registry, example.thresholds, example.facts)
    return [f"unexpected finding on line {f.line}: {f.message}" for f in found]


def _invalid_problems(rule: type[Rule], example: Invalid, registry: Registry) -> list[str]:
    found = findings_for(rule.code, example.code, registry, example.thresholds, example.facts)
    lines = tuple(f.line for f in found)
    if not found:
        return ["no finding"]
    problems = []
    if example.lines and lines != example.lines:
        problems.append(f"findings on lines {lines}, expected {example.lines}")
    if example.fixed is not None:
        problems += _fix_problems(rule, example, found, registry)
    return problems


def _fix_problems(rule: type[Rule], example: Invalid, found: list[Finding], registry: Registry) -> list[str]:
    fixes = [f.fix for f in found if f.fix is not None]
    if not fixes:
        return ["expected a fix, the rule offered none"]
    fixed = apply_fixes(example.code, fixes).text
    if fixed != example.fixed:
        return [f"fix produced {fixed!r}, expected {example.fixed!r}"]
    try:
        ast.parse(fixed)
    except SyntaxError as error:
        return [f"fixed code does not parse: {error}"]
    again = findings_for(rule.code, fixed, registry, example.thresholds, example.facts)
    return [f"finding remains after the fix on line {f.line}" for f in again]
