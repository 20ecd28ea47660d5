"""Validated settings records: one layer of settings per preset, config file, override or CLI.

Every value carries its :class:`Origin`, so the effective policy can say where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reviewbot.config.model import LoopSizes
from reviewbot.config.review_settings import PrPolicySettings, ReviewSettings
from reviewbot.config.roles import RoleSettings
from reviewbot.findings import FailOn, Severity

#: Threshold config keys (kebab-case) -> :class:`~reviewbot.config.model.Thresholds` fields.
THRESHOLD_FIELDS = {
    "cyclomatic": "cyclomatic",
    "cognitive": "cognitive",
    "cognitive-min-lines": "cognitive_min_lines",
    "nesting": "nesting",
    "function-lines": "function_lines",
    "maintainability": "maintainability",
    "module-lines": "module_lines",
    "public-methods": "public_methods",
}

#: Limit config keys (kebab-case) -> :class:`~reviewbot.config.model.Limits` fields.
LIMIT_FIELDS = {
    "file-bytes": "file_bytes",
    "file-seconds": "file_seconds",
}


@dataclass(frozen=True)
class Origin:
    """Where a value came from: a preset, a config file and key, a CLI flag, or a default."""

    source: str
    key: str = ""

    def __str__(self) -> str:
        return f"{self.source}: {self.key}" if self.key else self.source


@dataclass(frozen=True)
class Selector:
    """One rule selector as written, e.g. ``PERF4`` in ``extend-select``."""

    text: str
    origin: Origin


@dataclass(frozen=True)
class SeverityEntry:
    """A ``[severity]`` entry: every code ``selector`` selects reports at ``severity``."""

    selector: str
    severity: Severity
    origin: Origin


@dataclass(frozen=True)
class ThresholdEntry:
    """One ``[thresholds]`` entry, by its kebab-case key."""

    key: str
    value: int | float
    origin: Origin


@dataclass(frozen=True)
class LimitEntry:
    """One ``[limits]`` entry, by its kebab-case key; ``None`` turns the budget off."""

    key: str
    value: int | float | None
    origin: Origin


@dataclass(frozen=True)
class FailOnEntry:
    """A ``fail-on`` value and where it was set."""

    value: FailOn
    origin: Origin


@dataclass(frozen=True)
class SettingsLayer:
    """The settings one source contributes; ``select=None`` keeps the selection so far."""

    select: tuple[Selector, ...] | None = None
    extend_select: tuple[Selector, ...] = ()
    ignore: tuple[Selector, ...] = ()
    severity: tuple[SeverityEntry, ...] = ()
    thresholds: tuple[ThresholdEntry, ...] = ()
    fail_on: FailOnEntry | None = None
    limits: tuple[LimitEntry, ...] = ()


@dataclass(frozen=True)
class Override:
    """A ``[[overrides]]`` entry: ``layer`` applies to files matching any of ``paths``."""

    paths: tuple[str, ...]
    layer: SettingsLayer
    origin: Origin


@dataclass(frozen=True)
class ConfigDocument:
    """A validated user config: a ``.reviewbot.toml`` or ``[tool.reviewbot]`` table."""

    path: Path
    base: SettingsLayer
    overrides: tuple[Override, ...] = ()
    preset: str | None = None
    preset_origin: Origin | None = None
    exclude: tuple[str, ...] | None = None
    exclude_origin: Origin | None = None
    review: ReviewSettings = ReviewSettings()
    pr_policy: PrPolicySettings = PrPolicySettings()
    baseline: str | None = None  # the baseline file, relative to the config file's folder
    roles: RoleSettings = RoleSettings()
    #: ``[loops] report``: the walks whose per-iteration findings are reported (None: unset).
    loops_report: tuple[str, ...] | None = None
    #: ``[loops] large`` / ``small``: the collections the team declares large or small.
    loop_sizes: LoopSizes = LoopSizes()
    #: ``[handlers] report``: the broad ``except`` handlers whose BLE001 findings are reported.
    handlers_report: tuple[str, ...] | None = None
