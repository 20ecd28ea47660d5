"""Registering rules: one place that validates every rule and fails loudly on mistakes."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from reviewbot.errors import RegistryError
from reviewbot.findings import Category, Severity
from reviewbot.ruleset.api import (
    CATEGORY_BY_FAMILY,
    FACTS,
    RULE_CODE,
    RULE_SHAPES,
    Rule,
    RuleDoc,
)

#: Categories a rule outside reviewbot's RB families may declare (``policy`` is PR-level and
#: ``error`` is reviewbot's own).
RULE_CATEGORIES = (
    Category.CORRECTNESS,
    Category.PERFORMANCE,
    Category.COMPLEXITY,
    Category.CONVENTION,
)


@dataclass(frozen=True)
class Registry:
    """All known reviewbot rules, by code, in code order."""

    rules: Mapping[str, type[Rule]]

    def __iter__(self) -> Iterator[type[Rule]]:
        return iter(self.rules.values())

    def __contains__(self, code: object) -> bool:
        return code in self.rules

    def get(self, code: str) -> type[Rule]:
        """The rule registered under ``code``; KeyError when there is none."""
        return self.rules[code]

    def defaults(self) -> dict[str, tuple[Category, Severity]]:
        """Each rule's category and default severity, for policy resolution."""
        return {code: (rule.category, rule.severity) for code, rule in self.rules.items()}


def build_registry(
    rules: Iterable[type[Rule]],
    origin: str = "built-in rules",
    code_pattern: re.Pattern[str] | None = None,
) -> Registry:
    """Validate and index ``rules``; raise RegistryError naming the rule and what is wrong.

    ``code_pattern`` is passed to :func:`validate_rule` for every rule.
    """
    by_code: dict[str, type[Rule]] = {}
    for rule in rules:
        validate_rule(rule, origin, code_pattern)
        if rule.code in by_code:
            other = by_code[rule.code]
            raise RegistryError(
                f"{origin}: rule code {rule.code} is registered twice "
                f"({_qualified(other)} and {_qualified(rule)})"
            )
        by_code[rule.code] = rule
    return Registry(dict(sorted(by_code.items())))


def merge_registries(first: Registry, second: Registry, origin: str) -> Registry:
    """Add ``second``'s rules to ``first``; a code defined in both is an error.

    Both registries were validated when built, so the merge only looks for duplicate codes.
    """
    by_code = dict(first.rules)
    for code, rule in second.rules.items():
        if code in by_code:
            raise RegistryError(
                f"{origin}: rule code {code} is registered twice "
                f"({_qualified(by_code[code])} and {_qualified(rule)})"
            )
        by_code[code] = rule
    return Registry(dict(sorted(by_code.items())))


def validate_rule(
    rule: type[Rule], origin: str, code_pattern: re.Pattern[str] | None = None
) -> None:
    """Check one rule's declaration; raise RegistryError naming the rule on any mistake.

    Without ``code_pattern`` the code must be in reviewbot's families (``RB1xx``-``RB5xx``)
    and the category must be its family's. With one (team rules), the code must match it and
    the category is the rule's own choice among :data:`RULE_CATEGORIES`.
    """
    where = f"{origin}: {_qualified(rule)}"
    if not (isinstance(rule, type) and issubclass(rule, RULE_SHAPES)):
        shapes = ", ".join(shape.__name__ for shape in RULE_SHAPES)
        raise RegistryError(f"{where} is not a subclass of one rule shape: {shapes}")
    for attribute in ("code", "name", "category", "severity", "doc", "valid", "invalid"):
        if not hasattr(rule, attribute):
            raise RegistryError(f"{where} does not declare '{attribute}'")
    _validate_identity(rule, where, code_pattern)
    if not isinstance(rule.doc, RuleDoc):
        raise RegistryError(f"{where}.doc must be a RuleDoc")
    if not isinstance(rule.severity, Severity):
        raise RegistryError(f"{where}.severity must be a Severity")
    if not rule.invalid:
        raise RegistryError(f"{where} has no INVALID examples")
    unknown = sorted(set(rule.uses_facts) - FACTS.keys())
    if unknown:
        raise RegistryError(
            f"{where}.uses_facts names unknown facts {unknown}; known: {', '.join(sorted(FACTS))}"
        )


def _validate_identity(rule: type[Rule], where: str, code_pattern: re.Pattern[str] | None) -> None:
    """A built-in rule's code and family; a team rule's code pattern and category."""
    if code_pattern is None:
        _validate_code(rule, where)
    else:
        _validate_team_code(rule, where, code_pattern)


def _validate_code(rule: type[Rule], where: str) -> None:
    match = RULE_CODE.match(rule.code) if isinstance(rule.code, str) else None
    if match is None:
        raise RegistryError(f"{where} has a malformed code {rule.code!r} (expected RB1xx-RB5xx)")
    family = CATEGORY_BY_FAMILY[match.group(1)]
    if rule.category is not family:
        raise RegistryError(
            f"{where}: code {rule.code} belongs to the {family.value} family "
            f"but the rule's category is {getattr(rule.category, 'value', rule.category)}"
        )


def _validate_team_code(rule: type[Rule], where: str, pattern: re.Pattern[str]) -> None:
    if not (isinstance(rule.code, str) and pattern.match(rule.code)):
        raise RegistryError(
            f"{where} has a malformed code {rule.code!r} (expected a match for {pattern.pattern})"
        )
    if rule.category not in RULE_CATEGORIES:
        allowed = ", ".join(category.value for category in RULE_CATEGORIES)
        raise RegistryError(f"{where}.category must be a Category: one of {allowed}")


BUILTIN_RULES_PACKAGE = "reviewbot.rules"


def _qualified(rule: object) -> str:
    module = getattr(rule, "__module__", "?")
    name = getattr(rule, "__qualname__", repr(rule))
    return f"{module}.{name}"


def builtin_registry() -> Registry:
    """The registry of reviewbot's built-in rules (``reviewbot.rules``).

    The built-in rules sit above the rule API, so they are found the way team rules are: by
    import name, when first asked for.
    """
    rules = importlib.import_module(BUILTIN_RULES_PACKAGE).BUILTIN_RULES
    return build_registry(rules)
