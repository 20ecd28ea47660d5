"""``reviewbot config``: the effective policy as readable text, each value with its source."""

from __future__ import annotations

from collections.abc import Iterable

from reviewbot.config.effective import Policy
from reviewbot.config.provenance import ProvenanceLine
from reviewbot.config.resolve import RULE_DEFAULT, RuleResolution
from reviewbot.findings import Category

_HEADER_KEYS = ("config", "preset", "fail-on", "exclude", "override")


def render_policy(policy: Policy, relpath: str | None) -> str:
    """The effective policy for ``relpath`` (None: for the whole run, without overrides)."""
    explained = policy.explain(relpath)
    title = f"reviewbot policy for {relpath}" if relpath else "reviewbot policy"
    header = sorted(
        (line for line in explained if line.key in _HEADER_KEYS),
        key=lambda line: _HEADER_KEYS.index(line.key),
    )
    thresholds = [line for line in explained if line.key.startswith("thresholds.")]
    rules = policy.resolution(relpath).rules.values()
    parts = [
        [title, *_aligned(header, indent="", align_values=False)],
        ["thresholds", *_aligned(_strip_prefix(thresholds, "thresholds."), indent="  ")],
        _rules_section(rules),
    ]
    return "\n\n".join("\n".join(part) for part in parts) + "\n"


def _rules_section(rules: Iterable[RuleResolution]) -> list[str]:
    by_category: dict[Category, list[RuleResolution]] = {}
    for rule in rules:
        by_category.setdefault(rule.category, []).append(rule)
    total = sum(len(group) for group in by_category.values())
    lines = [f"rules ({total} enabled)"]
    width = max((len(code) for group in by_category.values() for code in _codes(group)), default=0)
    for category in sorted(by_category, key=lambda c: c.rank):
        group = sorted(by_category[category], key=lambda rule: rule.code)
        lines.append(f"  {category.value} ({len(group)})")
        lines.extend(f"    {_rule_text(rule, width)}" for rule in group)
    return lines


def _rule_text(rule: RuleResolution, width: int) -> str:
    text = f"{rule.code:<{width}}  {rule.severity.value:<7}  selected by {rule.enabled_by}"
    if rule.severity_origin != RULE_DEFAULT and "default-severity" not in rule.severity_origin.key:
        text += f"; severity from {rule.severity_origin}"
    return text


def _codes(rules: Iterable[RuleResolution]) -> list[str]:
    return [rule.code for rule in rules]


def _aligned(lines: list[ProvenanceLine], *, indent: str, align_values: bool = True) -> list[str]:
    key_width = max((len(line.key) for line in lines), default=0)
    value_width = max((len(line.value) for line in lines), default=0) if align_values else 0
    return [
        f"{indent}{line.key:<{key_width}}  {line.value:<{value_width}}  ({line.source})"
        for line in lines
    ]


def _strip_prefix(lines: list[ProvenanceLine], prefix: str) -> list[ProvenanceLine]:
    return [
        ProvenanceLine(line.key.removeprefix(prefix), line.value, line.source) for line in lines
    ]
