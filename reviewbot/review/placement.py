"""Where an inline comment goes: the changed line that shows the problem, or nowhere (summary).

A comment is worth reading only on a line that shows what it is about. By kind of finding:

- about a whole module (module metrics, a missing module docstring, PR-level): no line shows
  it, so it goes to the summary;
- about a whole function (complexity, length, nesting): its ``def`` line when the change added
  it, else the first added line that opens a branch inside it (``if``, a loop, ``try``,
  ``except``, ``with``, ``match``, a boolean operator, a conditional expression, a
  comprehension): the line that made it more complex. A change that only edits, say, an
  argparse ``help=`` string inside a long function shows no complexity, so it gets no comment;
- anything else: its own line when the diff shows it, else the first line of its own range
  that the change added.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator, Sequence

from reviewbot.change.model import FileChange
from reviewbot.findings import Category, Finding
from reviewbot.metrics.model import FunctionMetrics
from reviewbot.ruleset.api import ModuleRule, PolicyRule
from reviewbot.ruleset.registry import Registry

#: ruff rules whose finding is about the module as a whole (reported on line 1).
MODULE_CODES = frozenset({"D100", "D104", "CPY001", "INP001"})

_BRANCHES = (
    ast.If,
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.Try,
    ast.ExceptHandler,
    ast.With,
    ast.AsyncWith,
    ast.Match,
    ast.BoolOp,
    ast.IfExp,
)
_OWN_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def comment_line(
    finding: Finding,
    file: FileChange,
    functions: Sequence[FunctionMetrics],
    text: str,
    registry: Registry,
) -> int | None:
    """The head line a comment on ``finding`` sits on, or None when it belongs in the summary."""
    if about_module(finding, registry):
        return None
    function = function_of(finding, functions)
    if function is not None:
        if function.line in file.added_lines:
            return function.line
        return first_added_branch(function, file.added_lines, text)
    if file.commentable(finding.line):
        return finding.line
    last = max(finding.line, finding.location.end_line)
    added = [line for line in sorted(file.added_lines) if finding.line <= line <= last]
    return added[0] if added else None


def about_module(finding: Finding, registry: Registry) -> bool:
    """Whether ``finding`` is about its whole module (or the pull request), not a line."""
    if not finding.path or finding.rule in MODULE_CODES:
        return True
    rule = registry.rules.get(finding.rule)
    return rule is not None and issubclass(rule, (ModuleRule, PolicyRule))


def function_of(finding: Finding, functions: Sequence[FunctionMetrics]) -> FunctionMetrics | None:
    """The function a complexity finding on its ``def`` line is about (None for other findings)."""
    if finding.category is not Category.COMPLEXITY:
        return None
    return next((f for f in functions if f.line == finding.line), None)


def first_added_branch(function: FunctionMetrics, added: frozenset[int], text: str) -> int | None:
    """The first line the change added inside ``function`` that opens a branch of its own
    (not of a nested function or class), or None."""
    node = _function_node(parse_once(text), function.line)
    if node is None:
        return None
    lines = set(_own_branch_lines(node))
    return min(lines & added, default=None)


@functools.lru_cache(maxsize=16)
def parse_once(text: str) -> ast.Module | None:
    """``text``'s syntax tree (None when it does not parse), parsed once for all its findings."""
    try:
        return ast.parse(text)
    except (SyntaxError, ValueError):
        return None


def _function_node(
    tree: ast.Module | None, line: int
) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    if tree is None:
        return None
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.lineno == line:
            return node
    return None


def _own_branch_lines(function: ast.AST) -> Iterator[int]:
    """The lines of the branches in ``function``'s own body (not in functions or classes
    nested in it)."""
    pending = list(ast.iter_child_nodes(function))
    while pending:
        node = pending.pop()
        if isinstance(node, _OWN_SCOPES):
            continue
        if isinstance(node, ast.comprehension):
            yield node.iter.lineno  # a comprehension has no line of its own: its iterable's
        elif isinstance(node, _BRANCHES):
            yield node.lineno
        pending.extend(ast.iter_child_nodes(node))
