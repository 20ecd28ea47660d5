"""The public rule API for team rules, as the README documents it (``reviewbot.rule_api``).

The definitions live in :mod:`reviewbot.ruleset.api`; this module keeps the documented import
path stable.
"""

from reviewbot.ruleset.api import (
    FACTS,
    RULE_CODE,
    RULE_SHAPES,
    CopyRule,
    DeltaRule,
    FunctionChange,
    FunctionRule,
    Invalid,
    ModuleRule,
    NodeRule,
    PolicyRule,
    Rule,
    RuleDoc,
    SuppressionRule,
    Valid,
    Violation,
)

__all__ = [
    "FACTS",
    "RULE_CODE",
    "RULE_SHAPES",
    "CopyRule",
    "DeltaRule",
    "FunctionChange",
    "FunctionRule",
    "Invalid",
    "ModuleRule",
    "NodeRule",
    "PolicyRule",
    "Rule",
    "RuleDoc",
    "SuppressionRule",
    "Valid",
    "Violation",
]
