"""Which findings share one inline comment: those on the same line, and one loop's repeats.

Two comments on one line, or two identical performance comments on one loop (``report += ...``
twice in the same ``for``), say one thing twice. Findings join a group when they sit on the same
comment line, or when a performance rule of reviewbot's flags the same innermost loop more than
once. Each group becomes one comment listing every finding it holds.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reviewbot.findings import Category, Finding
from reviewbot.review.placement import parse_once
from reviewbot.ruleset.registry import Registry

_LOOPS = (ast.For, ast.AsyncFor, ast.While)


@dataclass(frozen=True)
class Placed:
    """A finding and the head line its comment goes on."""

    finding: Finding
    line: int


def group_placed(
    placed: Sequence[Placed], texts: Mapping[str, str], registry: Registry
) -> list[list[Placed]]:
    """``placed`` split into the groups that share a comment, in first-seen order."""
    parent = list(range(len(placed)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    first_with: dict[tuple[object, ...], int] = {}
    for index, item in enumerate(placed):
        for key in _keys(item, texts, registry):
            other = first_with.setdefault(key, index)
            parent[root(index)] = root(other)
    groups: dict[int, list[Placed]] = {}
    for index, item in enumerate(placed):
        groups.setdefault(root(index), []).append(item)
    return list(groups.values())


def _keys(item: Placed, texts: Mapping[str, str], registry: Registry) -> list[tuple[object, ...]]:
    finding = item.finding
    keys: list[tuple[object, ...]] = [("line", finding.path, item.line)]
    if finding.category is Category.PERFORMANCE and finding.rule in registry:
        loop = innermost_loop(texts.get(finding.path, ""), finding.line)
        if loop is not None:
            keys.append(("loop", finding.path, finding.rule, loop))
    return keys


def innermost_loop(text: str, line: int) -> tuple[int, int] | None:
    """The first and last line of the innermost loop statement whose body holds ``line``."""
    tree = parse_once(text)
    if tree is None:
        return None
    spans = [
        (node.lineno, node.end_lineno or node.lineno)
        for node in ast.walk(tree)
        if isinstance(node, _LOOPS) and node.lineno < line <= (node.end_lineno or node.lineno)
    ]
    return max(spans, default=None)
