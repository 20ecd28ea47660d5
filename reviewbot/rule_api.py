"""The public rule API for team rules, as the README documents it (``reviewbot.rule_api``).

The definitions live in :mod:`reviewbot.ruleset.api`; this module keeps the documented import
path stable.
"""

from reviewbot.ruleset.api import (
    RULE_CODE,
    FunctionRule,
    Invalid,
    ModuleRule,
    NodeRule,
    Rule,
    RuleDoc,
    SuppressionRule,
    Valid,
    Violation,
)

__all__ = [
    "RULE_CODE",
    "FunctionRule",
    "Invalid",
    "ModuleRule",
    "NodeRule",
    "Rule",
    "RuleDoc",
    "SuppressionRule",
    "Valid",
    "Violation",
]
