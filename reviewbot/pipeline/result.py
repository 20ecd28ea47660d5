"""What an audit returns to the reporters: the findings plus what is needed to describe them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from reviewbot.dropped import Dropped
from reviewbot.findings import Category, FailOn, Finding, Severity
from reviewbot.ruleset.rule_info import RuleInfo


@dataclass(frozen=True)
class Hotspot:
    """A function ranked by cognitive complexity (the HTML report's hotspot list)."""

    path: str
    function: str  # qualified name: ``Cart.total``
    line: int
    cognitive: int
    cyclomatic: int
    length: int


@dataclass(frozen=True)
class Excerpt:
    """Source lines around a finding; ``lines[0]`` is line ``start`` (1-based)."""

    start: int
    lines: tuple[str, ...]


def excerpt_key(path: str, line: int) -> str:
    """The key of the excerpt around ``path:line`` in :attr:`CheckResult.excerpts`."""
    return f"{path}:{line}"


@dataclass(frozen=True)
class CheckResult:
    """The outcome of ``reviewbot check``: sorted findings after suppressions, and context."""

    root: str
    findings: tuple[Finding, ...]
    files_checked: int
    rules: Mapping[str, RuleInfo]
    fail_on: FailOn
    tool_versions: Mapping[str, str]
    suppressed: int = 0
    elapsed_seconds: float = 0.0
    extra: Mapping[str, object] = field(default_factory=dict)
    #: What was audited, for report titles: the config file's folder relative to the root
    #: (the root's own name when the config sits there or there is none).
    project: str = ""
    #: The most complex functions, most complex first (bounded; see report_context).
    hotspots: tuple[Hotspot, ...] = ()
    #: Source around findings, by :func:`excerpt_key` (bounded; see report_context).
    excerpts: Mapping[str, Excerpt] = field(default_factory=dict)
    #: Counts against a baseline when one was applied: ``baseline`` (entries in the file),
    #: ``hidden`` (findings it accepted), ``new`` (findings not in it), ``fixed`` (entries that
    #: no longer match). None when no baseline was used.
    baseline_delta: Mapping[str, int] | None = None
    #: The baseline file that was applied (relative to the root when inside it), or "".
    baseline_file: str = ""
    #: Findings found but not reported, with why. Every report counts them by reason;
    #: with ``list_dropped`` (``--show-dropped``) the text, Markdown and JSON reports list them.
    dropped: tuple[Dropped, ...] = ()
    list_dropped: bool = False
    #: The source line each finding starts on, as analysed, by :func:`excerpt_key` (long
    #: lines clipped; see report_context): the code line the text report shows.
    source_lines: Mapping[str, str] = field(default_factory=dict)

    @property
    def blocking(self) -> tuple[Finding, ...]:
        """Findings at or above ``fail_on``."""
        return tuple(f for f in self.findings if self.fail_on.blocks(f.severity))

    def count_by_severity(self) -> Counter[Severity]:
        """How many findings per severity."""
        return Counter(f.severity for f in self.findings)

    def count_by_category(self) -> Counter[Category]:
        """How many findings per category."""
        return Counter(f.category for f in self.findings)
