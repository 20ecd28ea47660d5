"""What reviewbot knows about a ruff finding's situation that ruff's rule does not weigh.

Only near-certain bugs block. Two ruff rules flag a pattern that is a bug in some places and
fine in others, and the code around the finding tells which:

- B006 flags every mutable default argument. Most are never changed and harmless; one the
  function changes in place (``notes.append(...)``) is shared, and grows, across every call that
  leaves it out: an error, saying where.
- E722 flags every bare ``except:``. One that re-raises is cleanup (``except: rollback();
  raise``); one that does not also swallows KeyboardInterrupt and SystemExit: an error.

Everywhere else the finding keeps the policy's severity (a warning in both presets).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace

from reviewbot.findings import Finding, Severity

MUTABLE_DEFAULT = "B006"
BARE_EXCEPT = "E722"
_MUTATORS = frozenset(
    {
        "append", "extend", "insert", "add", "update", "setdefault", "pop", "popitem",
        "remove", "discard", "clear", "sort", "reverse",
    }
)  # fmt: skip


def judge_ruff_findings(findings: Iterable[Finding], texts: Mapping[str, str]) -> list[Finding]:
    """``findings`` with each B006 and E722 raised to an error where the code makes it a bug."""
    trees: dict[str, ast.Module | None] = {}
    judged = []
    for finding in findings:
        judge = _JUDGES.get(finding.rule)
        if judge is not None and finding.path in texts:
            if finding.path not in trees:
                trees[finding.path] = _parse(texts[finding.path])
            tree = trees[finding.path]
            finding = finding if tree is None else judge(finding, tree)
        judged.append(finding)
    return judged


def _bare_except(finding: Finding, tree: ast.Module) -> Finding:
    for node in ast.walk(tree):
        if isinstance(node, ast.ExceptHandler) and node.type is None and node.lineno == finding.line:
            if any(isinstance(inner, ast.Raise) for inner in _own_nodes(node.body)):
                return finding
            message = (
                f"{finding.message}: the handler does not re-raise, so it also swallows "
                "KeyboardInterrupt and SystemExit"
            )
            return replace(finding, severity=Severity.ERROR, message=message)
    return finding


def _own_nodes(body: list[ast.stmt]) -> Iterator[ast.AST]:
    """Every node of ``body``, not descending into nested functions or classes."""
    pending: list[ast.AST] = list(body)
    while pending:
        node = pending.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            pending.extend(ast.iter_child_nodes(node))


def _mutable_default(finding: Finding, tree: ast.Module) -> Finding:
    found = _default_at(tree, finding.line, finding.location.column)
    if found is None:
        return finding
    function, name = found
    line = _first_change(function, name)
    if line is None:
        return finding
    message = (
        f"{finding.message}: `{function.name}()` changes `{name}` in place "
        f"(line {line}), so every call that leaves it out shares, and changes, one object"
    )
    return replace(finding, severity=Severity.ERROR, message=message)


def _default_at(
    tree: ast.Module, line: int, column: int
) -> tuple[ast.FunctionDef | ast.AsyncFunctionDef, str] | None:
    """The function and parameter whose default starts at ``line``:``column`` (1-based)."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for parameter, default in _defaults(node.args):
                if default.lineno == line and default.col_offset + 1 == column:
                    return node, parameter.arg
    return None


def _defaults(arguments: ast.arguments) -> Iterator[tuple[ast.arg, ast.expr]]:
    positional = [*arguments.posonlyargs, *arguments.args]
    yield from zip(positional[len(positional) - len(arguments.defaults) :], arguments.defaults)
    for parameter, default in zip(arguments.kwonlyargs, arguments.kw_defaults):
        if default is not None:
            yield parameter, default


def _first_change(function: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> int | None:
    """The line of the first change of ``name`` in place, unless ``name`` is ever rebound."""
    lines = []
    for node in ast.walk(function):
        if _rebinds(node, name):
            return None
        if isinstance(node, (ast.expr, ast.stmt)) and _changes(node, name):
            lines.append(node.lineno)
    return min(lines) if lines else None


def _rebinds(node: ast.AST, name: str) -> bool:
    if isinstance(node, ast.Assign):
        return any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
    if isinstance(node, (ast.AnnAssign, ast.NamedExpr)):
        return isinstance(node.target, ast.Name) and node.target.id == name
    return False


def _changes(node: ast.AST, name: str) -> bool:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return _is(node.func.value, name) and node.func.attr in _MUTATORS
    if isinstance(node, ast.AugAssign):
        return _is(node.target, name) or _subscripts(node.target, name)
    if isinstance(node, (ast.Assign, ast.Delete)):
        return any(_subscripts(target, name) for target in node.targets)
    return False


def _subscripts(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Subscript) and _is(node.value, name)


def _is(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


_JUDGES: Mapping[str, Callable[[Finding, ast.Module], Finding]] = {
    MUTABLE_DEFAULT: _mutable_default,
    BARE_EXCEPT: _bare_except,
}


def _parse(text: str) -> ast.Module | None:
    try:
        return ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
