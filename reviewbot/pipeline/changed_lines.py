"""Whether a finding is about lines a change added: its own lines, its function, or its file."""

from __future__ import annotations

from collections.abc import Sequence

from reviewbot.change.model import FileChange
from reviewbot.findings import Category, Finding
from reviewbot.metrics.model import FunctionMetrics
from reviewbot.ruleset.api import ModuleRule, PolicyRule
from reviewbot.ruleset.registry import Registry


def on_changed_lines(
    finding: Finding, file: FileChange, functions: Sequence[FunctionMetrics], registry: Registry
) -> bool:
    """Whether the lines ``finding`` is about include a line the change added."""
    extent = finding_extent(finding, functions, registry)
    if extent is None:
        return bool(file.added_lines)
    return file.touches(*extent)


def finding_extent(
    finding: Finding, functions: Sequence[FunctionMetrics], registry: Registry
) -> tuple[int, int] | None:
    """The lines a finding is about: its function for a complexity finding on a ``def`` line,
    the whole file (None) for a module-level rule, else its own range."""
    rule = registry.rules.get(finding.rule)
    if rule is not None and issubclass(rule, (ModuleRule, PolicyRule)):
        return None
    if finding.category is Category.COMPLEXITY:
        function = next((f for f in functions if f.line == finding.line), None)
        if function is not None:
            return function.line, function.end_line
    location = finding.location
    return location.line, max(location.line, location.end_line)
