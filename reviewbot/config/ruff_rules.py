"""What the installed ruff offers: its stable rule codes and linter prefixes.

Read from ``ruff rule --all --output-format json`` and ``ruff linter --output-format json`` (about
30 ms together), and handed to :meth:`RuleCatalog.build`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reviewbot.config.ruff_binary import run_ruff


@dataclass(frozen=True)
class RuffRuleDetail:
    """How ruff names and explains one rule (for reports and ``reviewbot explain``)."""

    name: str
    summary: str
    explanation: str


@dataclass(frozen=True)
class RuffRules:
    """ruff's selectable codes, its linter prefixes, and codes that exist but cannot be selected."""

    codes: frozenset[str]
    prefixes: frozenset[str]
    unavailable: Mapping[str, str]
    details: Mapping[str, RuffRuleDetail] = field(default_factory=dict)


def parse_ruff_rules(rules_json: str, linters_json: str) -> RuffRules:
    """Parse the JSON that ``ruff rule --all`` and ``ruff linter`` print."""
    codes: set[str] = set()
    unavailable: dict[str, str] = {}
    details: dict[str, RuffRuleDetail] = {}
    for rule in json.loads(rules_json):
        code = rule.get("code")
        if not code:
            continue
        details[code] = RuffRuleDetail(
            str(rule.get("name", code)),
            str(rule.get("summary", "")),
            str(rule.get("explanation", "")),
        )
        reason = _unavailable_reason(rule)
        if reason:
            unavailable[code] = reason
        else:
            codes.add(code)
    prefixes = _linter_prefixes(json.loads(linters_json))
    return RuffRules(frozenset(codes), prefixes, unavailable, details)


def read_ruff_rules(ruff_bin: str) -> RuffRules:
    """Ask the ruff binary at ``ruff_bin`` for its rules and linters."""
    return parse_ruff_rules(
        run_ruff(ruff_bin, ["rule", "--all", "--output-format", "json"]),
        run_ruff(ruff_bin, ["linter", "--output-format", "json"]),
    )


def _unavailable_reason(rule: Mapping[str, Any]) -> str:
    status = rule.get("status")
    if isinstance(status, Mapping) and "Removed" in status:
        return "was removed from ruff"
    if rule.get("preview") or (isinstance(status, Mapping) and "Preview" in status):
        return "is a preview-only ruff rule (reviewbot runs ruff without preview)"
    return ""


def _linter_prefixes(linters: Sequence[Mapping[str, Any]]) -> frozenset[str]:
    """Linter prefixes plus sub-linter prefixes (``PL`` + ``C`` -> ``PLC``; ``E``, ``W``)."""
    prefixes: set[str] = set()
    for linter in linters:
        prefix = str(linter.get("prefix") or "")
        if prefix:
            prefixes.add(prefix)
        for sub in linter.get("categories") or ():
            prefixes.add(prefix + str(sub["prefix"]))
    return frozenset(prefixes)
