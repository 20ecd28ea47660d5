"""Wording shared by the metric rules' messages: how a function and a line range read."""

from __future__ import annotations

from reviewbot.metrics.model import Branch, FunctionMetrics


def function_label(function: FunctionMetrics) -> str:
    """The function as messages name it: ``Cart.total()`` in backticks."""
    return f"`{function.qualname}()`"


def line_span(first: int, last: int) -> str:
    """``line 5`` or ``lines 5-9``."""
    return f"line {first}" if first == last else f"lines {first}-{last}"


def heaviest_branches(function: FunctionMetrics, count: int = 2) -> tuple[Branch, ...]:
    """The ``count`` top-level blocks that add most cognitive complexity, heaviest first."""
    ranked = sorted(function.branches, key=lambda branch: (-branch.cognitive, branch.line))
    return tuple(branch for branch in ranked[:count] if branch.cognitive > 0)


def describe_branch(branch: Branch) -> str:
    """``the `for` block at lines 12-30 (+11)``."""
    return f"the `{branch.kind}` block at {line_span(branch.line, branch.end_line)} (+{branch.cognitive})"
