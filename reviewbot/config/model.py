"""Immutable records of the effective policy that the rest of reviewbot consumes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from reviewbot.findings import Category, FailOn, Severity


@dataclass(frozen=True)
class Thresholds:
    """Limits used by the complexity and convention rules (config keys in kebab-case)."""

    cyclomatic: int = 10
    cognitive: int = 15
    nesting: int = 4
    function_lines: int = 60
    maintainability: float = 10.0
    module_lines: int = 1000
    public_methods: int = 20
    cognitive_min_lines: int = 1  # RB202 reports only functions at least this long


#: ``limits.file-bytes``: a file larger than this is not analysed by reviewbot's rules and metrics.
#: Django 5.2's largest module (tests/admin_views/tests.py) is 374,496 bytes.
DEFAULT_FILE_BYTES = 1_048_576
#: ``limits.file-seconds``: CPU seconds the analysis of one file may take. Django 5.2's largest
#: module takes about 3 s.
DEFAULT_FILE_SECONDS = 10.0


@dataclass(frozen=True)
class Limits:
    """Per-file budgets of the analysis: ``limits.file-bytes`` and ``limits.file-seconds``.

    ``None`` is no budget (the key set to ``false``).
    """

    file_bytes: int | None = DEFAULT_FILE_BYTES
    file_seconds: float | None = DEFAULT_FILE_SECONDS


@dataclass(frozen=True)
class LoopSizes:
    """``[loops] large`` and ``[loops] small``: the collections a team declares data-sized or
    a handful of items, which override what the engine infers a loop walks.

    Each entry is a model or table class (``Order``), a model's attribute (``Order.lines``; also
    written ``.lines``), or an attribute path (``self.queue``, ``settings.LANGUAGES``).
    ``source`` names the config file they were read from, for the reason a finding records.
    """

    large: tuple[str, ...] = ()
    small: tuple[str, ...] = ()
    source: str = ""

    def __bool__(self) -> bool:
        return bool(self.large or self.small)


@dataclass(frozen=True)
class RuleSettings:
    """How one enabled rule (reviewbot's or ruff's) reports: its category and severity."""

    code: str
    category: Category
    severity: Severity


@dataclass(frozen=True)
class FilePolicy:
    """The effective policy for one file, after the preset, config and overrides are applied.

    ``rules`` holds every enabled rule by concrete code: reviewbot's ``RB...`` codes and ruff's
    codes (prefixes already expanded against the installed ruff).
    """

    rules: Mapping[str, RuleSettings]
    thresholds: Thresholds = field(default_factory=Thresholds)
    fail_on: FailOn = FailOn.ERROR
    limits: Limits = field(default_factory=Limits)
    #: ``[loops] large`` / ``small``: part of the cache key, since they change what loops walk.
    loop_sizes: LoopSizes = field(default_factory=LoopSizes)

    def enabled(self, code: str) -> bool:
        """Whether ``code`` is selected for this file."""
        return code in self.rules
