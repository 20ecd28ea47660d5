"""How reporters describe a rule: reviewbot's own, ruff's or an internal error code."""

from __future__ import annotations

from dataclasses import dataclass

from reviewbot.findings import Category, Severity


@dataclass(frozen=True)
class RuleInfo:
    """Reporter-facing description of a rule, reviewbot's own or ruff's."""

    code: str
    name: str
    category: Category
    severity: Severity
    summary: str
    help_markdown: str
    url: str = ""
