"""Run the VALID / INVALID examples of review-only rules (DeltaRule, CopyRule, PolicyRule).

``check_rule_examples`` in :mod:`reviewbot.pipeline.rule_examples` hands these rules here: their examples
are a base and a head version of a function, or a change scenario, not one file.
"""

from __future__ import annotations

import ast
import difflib
from collections.abc import Sequence
from dataclasses import fields, replace
from typing import Any

from reviewbot.config.model import Thresholds
from reviewbot.config.review_settings import PrPolicySettings
from reviewbot.metrics.copied_blocks import Lines, copied_blocks
from reviewbot.metrics.model import FunctionMetrics
from reviewbot.metrics.module import module_metrics
from reviewbot.pipeline.rule_examples import ExampleFailure
from reviewbot.ruleset.api import (
    CopyRule,
    DeltaRule,
    FunctionChange,
    Invalid,
    PolicyRule,
    Rule,
    Valid,
)
from reviewbot.ruleset.review_records import (
    CheckStatus,
    CopyInvalid,
    CopyValid,
    DeltaInvalid,
    DeltaValid,
    ScenarioInvalid,
    ScenarioValid,
)
from reviewbot.ruleset.scenario import scenario_facts

Example = Valid | Invalid


def review_example_failures(rule: type[Rule]) -> list[ExampleFailure] | None:
    """Failures of a review-only rule's examples, or None when ``rule`` is not one."""
    if issubclass(rule, DeltaRule):
        instance: DeltaRule | CopyRule | PolicyRule = rule()
    elif issubclass(rule, (CopyRule, PolicyRule)):
        instance = rule()
    else:
        return None
    cases: Sequence[tuple[str, Sequence[Example]]] = (
        ("valid", rule.valid),
        ("invalid", rule.invalid),
    )
    return [
        ExampleFailure(rule.code, kind, index, problem)
        for kind, examples in cases
        for index, example in enumerate(examples)
        for problem in _problems(instance, example, flagged=kind == "invalid")
    ]


def _problems(
    instance: DeltaRule | CopyRule | PolicyRule, example: Example, *, flagged: bool
) -> list[str]:
    if isinstance(instance, DeltaRule):
        if not isinstance(example, (DeltaValid, DeltaInvalid)):
            return ["a DeltaRule example must be a DeltaValid or DeltaInvalid"]
        return _delta_problems(instance, example, flagged=flagged)
    if isinstance(instance, CopyRule):
        if not isinstance(example, (CopyValid, CopyInvalid)):
            return ["a CopyRule example must be a CopyValid or CopyInvalid"]
        return _copy_problems(instance, example, flagged=flagged)
    if not isinstance(example, (ScenarioValid, ScenarioInvalid)):
        return ["a PolicyRule example must be a ScenarioValid or ScenarioInvalid"]
    return _scenario_problems(instance, example, flagged=flagged)


def _delta_problems(
    rule: DeltaRule, example: DeltaValid | DeltaInvalid, *, flagged: bool
) -> list[str]:
    thresholds = replace(Thresholds(), **_threshold_fields(example))
    before = {f.qualname: f for f in _functions(example.before)}
    written = _added_lines(example.before, example.code)
    lines = tuple(
        after.line
        for after in _functions(example.code)
        if rule.check_change(
            FunctionChange(
                before.get(after.qualname),
                after,
                sum(1 for line in written if after.line <= line <= after.end_line),
            ),
            thresholds,
            example.increase,
        )
    )
    return _line_problems(lines, example, flagged=flagged)


def _copy_problems(rule: CopyRule, example: CopyValid | CopyInvalid, *, flagged: bool) -> list[str]:
    """The example as a change that adds ``code`` (every line new) beside ``before``."""
    added = frozenset(range(1, example.code.count("\n") + 2))
    changed = {"added.py": Lines(example.code, added)}
    blocks = copied_blocks(changed, {"existing.py": example.before}, example.size)
    return _line_problems(
        tuple(block.start for block in blocks if rule.check_copy(block)), example, flagged=flagged
    )


def _line_problems(lines: tuple[int, ...], example: Example, *, flagged: bool) -> list[str]:
    if not flagged:
        return [f"unexpected finding on line {line}" for line in lines]
    if not lines:
        return ["no finding"]
    expected = example.lines if isinstance(example, Invalid) else ()
    if expected and lines != expected:
        return [f"findings on lines {lines}, expected {expected}"]
    return []


def _scenario_problems(
    rule: PolicyRule, example: ScenarioValid | ScenarioInvalid, *, flagged: bool
) -> list[str]:
    settings = replace(PrPolicySettings(), **example.settings)
    outcome = rule.check_pull_request(scenario_facts(example.code), settings)
    if (outcome.status is CheckStatus.FAIL) == flagged:
        return []
    expected = "a failure" if flagged else "no failure"
    return [f"expected {expected}, got {outcome.status.value}: {outcome.message}"]


def _added_lines(before: str, after: str) -> frozenset[int]:
    """The lines of ``after`` (1-based) a diff from ``before`` shows as added."""
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), autojunk=False)
    return frozenset(
        line + 1
        for tag, _, _, start, end in matcher.get_opcodes()
        if tag in ("insert", "replace")
        for line in range(start, end)
    )


def _functions(source: str) -> tuple[FunctionMetrics, ...]:
    return module_metrics(source, ast.parse(source)).functions if source else ()


def _threshold_fields(example: Example) -> dict[str, Any]:
    names = {f.name for f in fields(Thresholds)}
    converted = {key.replace("-", "_"): value for key, value in example.thresholds.items()}
    return {key: value for key, value in converted.items() if key in names}
