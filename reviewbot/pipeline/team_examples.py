"""Run team rules' VALID and INVALID examples, one outcome each (``reviewbot test-rules``)."""

from __future__ import annotations

from dataclasses import dataclass

from reviewbot.pipeline.rule_examples import check_rule_examples, findings_for
from reviewbot.ruleset.api import Invalid, Rule, Valid
from reviewbot.ruleset.internal_codes import RULE_CRASHED
from reviewbot.ruleset.registry import Registry


@dataclass(frozen=True)
class ExampleOutcome:
    """One example of one rule: passed when ``problems`` is empty."""

    rule: str
    kind: str  # "valid" or "invalid"
    index: int
    note: str
    problems: tuple[str, ...]

    @property
    def passed(self) -> bool:
        """Whether the example behaved as declared."""
        return not self.problems

    @property
    def label(self) -> str:
        """``valid[0]``, ``invalid[1]``."""
        return f"{self.kind}[{self.index}]"


def example_outcomes(rule: type[Rule], registry: Registry) -> list[ExampleOutcome]:
    """Every example of ``rule``, in declaration order (VALID first), with its problems."""
    problems: dict[tuple[str, int], list[str]] = {}
    try:
        failures = check_rule_examples(rule, registry)
    except ValueError as error:  # an example with an unknown threshold key
        return [ExampleOutcome(rule.code, "valid", 0, "", (str(error),))]
    for failure in failures:
        problems.setdefault((failure.kind, failure.index), []).append(failure.problem)
    examples: list[tuple[str, int, Valid | Invalid]] = [
        *(("valid", index, example) for index, example in enumerate(rule.valid)),
        *(("invalid", index, example) for index, example in enumerate(rule.invalid)),
    ]
    return [
        ExampleOutcome(
            rule.code,
            kind,
            index,
            example.note,
            (*_crashes(rule, example, registry), *problems.get((kind, index), ())),
        )
        for kind, index, example in examples
    ]


def _crashes(rule: type[Rule], example: Valid | Invalid, registry: Registry) -> list[str]:
    """The rule's own crashes on ``example`` (the engine turns them into RB902 findings)."""
    crashed = findings_for(RULE_CRASHED, example.code, registry, example.thresholds, example.facts)
    prefix = f"rule {rule.code} "
    return [f"line {f.line}: {f.message}" for f in crashed if f.message.startswith(prefix)]
