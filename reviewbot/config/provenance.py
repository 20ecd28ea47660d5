"""Provenance: each effective value of a policy, and where it came from."""

from __future__ import annotations

from dataclasses import dataclass

from reviewbot.config.resolve import RULE_DEFAULT, Resolution, RuleResolution
from reviewbot.config.settings import THRESHOLD_FIELDS


@dataclass(frozen=True)
class ProvenanceLine:
    """One effective value: its key, the value as text, and its source."""

    key: str
    value: str
    source: str

    def __str__(self) -> str:
        return f"{self.key} = {self.value}  ({self.source})"


def resolution_lines(resolution: Resolution) -> list[ProvenanceLine]:
    """Provenance of fail-on, every threshold and every enabled rule."""
    fail_on = resolution.fail_on
    lines = [ProvenanceLine("fail-on", fail_on.value.value, str(fail_on.origin))]
    for key, name in THRESHOLD_FIELDS.items():
        value = getattr(resolution.thresholds, name)
        origin = resolution.threshold_origins.get(key, RULE_DEFAULT)
        lines.append(ProvenanceLine(f"thresholds.{key}", _number(value), str(origin)))
    lines.extend(rule_line(rule) for rule in resolution.rules.values())
    return lines


def rule_line(rule: RuleResolution) -> ProvenanceLine:
    """Provenance of one enabled rule: who selected it and who set its severity."""
    source = f"selected by {rule.enabled_by}; severity from {rule.severity_origin}"
    value = f"{rule.severity.value} ({rule.category.value})"
    return ProvenanceLine(f"rules.{rule.code}", value, source)


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)
