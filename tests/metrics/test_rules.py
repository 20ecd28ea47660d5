from __future__ import annotations

import ast
from dataclasses import replace

import pytest

from reviewbot.config.model import Thresholds
from reviewbot.findings import Severity
from reviewbot.metrics.model import Branch, FunctionMetrics, ModuleMetrics
from reviewbot.metrics.module import module_metrics
from reviewbot.rules.rb101_module_too_long import ModuleTooLong
from reviewbot.rules.rb201_cyclomatic_complexity import HighCyclomaticComplexity
from reviewbot.rules.rb202_cognitive_complexity import HighCognitiveComplexity
from reviewbot.rules.rb203_deep_nesting import DeepNesting
from reviewbot.rules.rb204_long_function import LongFunction
from reviewbot.rules.rb205_low_maintainability import LowMaintainabilityIndex
from reviewbot.ruleset.api import FunctionRule, Invalid, ModuleRule, Rule, Valid, Violation

RULES: tuple[type[Rule], ...] = (
    ModuleTooLong,
    HighCyclomaticComplexity,
    HighCognitiveComplexity,
    DeepNesting,
    LongFunction,
    LowMaintainabilityIndex,
)


def run(rule: type[Rule], example: Valid | Invalid) -> list[tuple[int, Violation]]:
    """(line, violation) for every finding ``rule`` reports on the example's code."""
    thresholds = Thresholds(**example.thresholds)  # type: ignore[arg-type]
    metrics = module_metrics(example.code, ast.parse(example.code))
    instance = rule()
    if isinstance(instance, ModuleRule):
        violation = instance.check_module(metrics, thresholds)
        return [] if violation is None else [(1, violation)]
    assert isinstance(instance, FunctionRule)
    found = [(f.line, instance.check_function(f, thresholds)) for f in metrics.functions]
    return [(line, violation) for line, violation in found if violation is not None]


def examples(kind: str) -> list[object]:
    return [
        pytest.param(rule, example, id=f"{rule.code}-{index}")
        for rule in RULES
        for index, example in enumerate(getattr(rule, kind), start=1)
    ]


@pytest.mark.parametrize(("rule", "example"), examples("valid"))
def test_valid_examples_report_nothing(rule: type[Rule], example: Valid) -> None:
    assert run(rule, example) == [], example.note


@pytest.mark.parametrize(("rule", "example"), examples("invalid"))
def test_invalid_examples_report_exactly_the_expected_lines(
    rule: type[Rule], example: Invalid
) -> None:
    assert [line for line, _ in run(rule, example)] == list(example.lines), example.note


@pytest.mark.parametrize("rule", RULES)
def test_rule_declares_docs_examples_and_known_thresholds(rule: type[Rule]) -> None:
    assert len(rule.valid) >= 3 and len(rule.invalid) >= 2
    assert all(
        (rule.doc.what, rule.doc.why, rule.doc.example, rule.doc.use_instead, rule.doc.options)
    )
    known = set(Thresholds.__dataclass_fields__)
    assert set(rule.thresholds_used) <= known
    used = set(rule.thresholds_used)
    assert all(set(example.thresholds) <= used for example in rule.valid)
    assert all(set(example.thresholds) <= used for example in rule.invalid)


@pytest.mark.parametrize("rule", RULES)
def test_messages_are_one_line(rule: type[Rule]) -> None:
    for example in rule.invalid:
        for _, violation in run(rule, example):
            assert "\n" not in violation.message and violation.rationale


def function(**changes: object) -> FunctionMetrics:
    base = FunctionMetrics("Cart.discount", "discount", 10, 5, 40, 1, 1, 1, 1)
    return replace(base, **changes)  # type: ignore[arg-type]


def test_cognitive_message_names_the_function_score_limit_and_split_candidates() -> None:
    branches = (Branch(12, 30, "for", 11), Branch(31, 33, "if", 1), Branch(34, 39, "try", 7))
    violation = HighCognitiveComplexity().check_function(
        function(cognitive=19, branches=branches), Thresholds()
    )
    assert violation is not None
    assert violation.message == (
        "`Cart.discount()` has cognitive complexity 19 (limit 15); split candidates: "
        "the `for` block at lines 12-30 (+11) and the `try` block at lines 34-39 (+7)"
    )
    assert (
        "The `for` block at lines 12-30 adds 11 on its own: extract it into a named function"
        in violation.rationale
    )


def test_cognitive_message_splits_inside_a_block_that_holds_nearly_all_of_it() -> None:
    focus = (
        Branch(12, 40, "try", 18),
        Branch(13, 30, "if branch", 12),
        Branch(31, 40, "else branch", 5),
    )
    violation = HighCognitiveComplexity().check_function(
        function(cognitive=19, branches=(focus[0],), focus=focus), Thresholds()
    )
    assert violation is not None
    assert violation.message == (
        "`Cart.discount()` has cognitive complexity 19 (limit 15); nearly all of it is in the "
        "`try` block at lines 12-40 (+18): split candidates inside it: the `if` branch at lines "
        "13-30 (+12) and the `else` branch at lines 31-40 (+5)"
    )
    assert (
        "Nearly all of it is in the `try` block at lines 12-40, which extracted whole would only "
        "move it; inside it, the `if` branch at lines 13-30 adds 12 on its own: extract it"
    ) in violation.rationale


def test_cognitive_message_offers_the_body_of_a_loop_that_holds_nearly_all_of_it() -> None:
    focus = (Branch(12, 40, "for", 18), Branch(14, 30, "if", 12))
    violation = HighCognitiveComplexity().check_function(
        function(cognitive=19, branches=(focus[0],), focus=focus), Thresholds()
    )
    assert violation is not None
    assert violation.message.endswith(
        "nearly all of it is in the `for` block at lines 12-40 (+18): split candidates: the "
        "loop's body, as a function of one item, and inside it the `if` block at lines 14-30 (+12)"
    )
    assert (
        "move the loop's body into a function of one item, which takes a level"
        in violation.rationale
    )


def test_cognitive_message_without_blocks_points_at_expressions() -> None:
    violation = HighCognitiveComplexity().check_function(function(cognitive=16), Thresholds())
    assert violation is not None
    assert violation.message == "`Cart.discount()` has cognitive complexity 16 (limit 15)"
    assert "boolean expressions" in violation.rationale


@pytest.mark.parametrize(("score", "rank"), [(11, "C"), (21, "D"), (31, "E"), (41, "F")])
def test_cyclomatic_message_has_radon_rank(score: int, rank: str) -> None:
    violation = HighCyclomaticComplexity().check_function(function(cyclomatic=score), Thresholds())
    assert violation is not None
    assert (
        violation.message
        == f"`Cart.discount()` has cyclomatic complexity {score} (rank {rank}, limit 10)"
    )


def test_nesting_and_length_messages() -> None:
    nesting = DeepNesting().check_function(function(nesting=5, nesting_line=22), Thresholds())
    length = LongFunction().check_function(function(length=61), Thresholds())
    assert nesting is not None and length is not None
    assert (
        nesting.message
        == "`Cart.discount()` nests blocks 5 deep (limit 4); the innermost starts at line 22"
    )
    assert length.message == "`Cart.discount()` has 61 logical lines (limit 60)"
    assert "lines 10-40" in length.rationale


def module(**changes: object) -> ModuleMetrics:
    return replace(ModuleMetrics(1200, 900, 800, 50, 20, 230, 55.0), **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("index", "shown", "rank"), [(9.99, "9.9", "B"), (9.0, "9.0", "C"), (0.0, "0.0", "C")]
)
def test_maintainability_message_has_radon_rank(index: float, shown: str, rank: str) -> None:
    violation = LowMaintainabilityIndex().check_module(module(maintainability=index), Thresholds())
    assert violation is not None
    assert (
        violation.message
        == f"this module's maintainability index is {shown} (rank {rank}, limit 10)"
    )


def test_maintainability_at_the_limit_passes() -> None:
    assert (
        LowMaintainabilityIndex().check_module(module(maintainability=10.0), Thresholds()) is None
    )


def test_skipped_maintainability_is_reported_at_info_with_the_reason() -> None:
    skipped = module(maintainability=None, maintainability_skipped="the file is too large")
    violation = LowMaintainabilityIndex().check_module(skipped, Thresholds())
    assert violation is not None
    assert violation.message == "maintainability index not computed: the file is too large"
    assert violation.severity is Severity.INFO
    assert violation.severity == Severity.INFO


def test_module_too_long_message() -> None:
    violation = ModuleTooLong().check_module(module(), Thresholds())
    assert violation is not None
    assert violation.message == "this module has 1,200 lines (limit 1,000)"
