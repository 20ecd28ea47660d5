"""Every built-in rule's VALID and INVALID examples, each run as its own test."""

from __future__ import annotations

import pytest

from reviewbot.pipeline.rule_examples import check_rule_examples
from reviewbot.ruleset.registry import builtin_registry

REGISTRY = builtin_registry()


@pytest.mark.parametrize("code", sorted(REGISTRY.rules))
def test_rule_examples_behave_as_documented(code: str) -> None:
    failures = check_rule_examples(REGISTRY.get(code), REGISTRY)
    assert not failures, "\n".join(f"{f.kind}[{f.index}]: {f.problem}" for f in failures)


@pytest.mark.parametrize("code", sorted(REGISTRY.rules))
def test_rule_documents_every_section(code: str) -> None:
    rule = REGISTRY.get(code)
    for section in ("what", "why", "example", "use_instead"):
        assert getattr(rule.doc, section).strip(), f"{code} has an empty {section}"
    assert len(rule.invalid) >= 2, f"{code} needs at least 2 INVALID examples"
    assert len(rule.valid) >= 3, f"{code} needs at least 3 VALID examples"
