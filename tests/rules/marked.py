"""Expected findings written into a test module: a line ending in ``# <- RBnnn`` must be flagged."""

from __future__ import annotations

from reviewbot.pipeline.rule_examples import findings_for
from reviewbot.ruleset.registry import builtin_registry

REGISTRY = builtin_registry()


def marked_lines(source: str, code: str) -> list[int]:
    """The lines of ``source`` that end with ``# <- {code}``."""
    marker = f"# <- {code}"
    return [n for n, line in enumerate(source.splitlines(), 1) if line.rstrip().endswith(marker)]


def flagged_lines(source: str, code: str) -> list[int]:
    """The lines rule ``code`` reports in ``source`` (all built-in rules run)."""
    return [finding.line for finding in findings_for(code, source, REGISTRY, {})]
