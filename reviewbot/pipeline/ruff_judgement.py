"""What reviewbot knows about a ruff finding's situation that ruff's rule does not weigh.

Only near-certain bugs block. Two ruff rules flag a pattern that is a bug in some places and
fine in others, and the code around the finding tells which:

- B006 flags every mutable default argument. Most are never changed and harmless; one the
  function changes in place (``notes.append(...)``) is shared, and grows, across every call that
  leaves it out: an error, saying where.
- E722 flags every bare ``except:``. One that re-raises is cleanup (``except: rollback();
  raise``); one that does not also swallows KeyboardInterrupt and SystemExit: an error.

Everywhere else the finding keeps the policy's severity (a warning in both presets).

One flags a pattern that is usually deliberate, and the code tells the exception apart:

- BLE001 flags ``except Exception`` that does not re-raise. On real pull requests every such
  handler that logged, reported, exited or fell back was a deliberate boundary (a worker loop, a
  CLI's last resort, an exporter that must not crash the monitor: 7 of 7 judged not worth a
  comment, tests/benchmarks/review_prs_labels.json), and so were most silent fallbacks on real
  code (``except Exception: pass`` keeping a value as it was). One that raises a plain
  ``Exception`` in the caught error's place is not: every caller loses what failed and can no
  longer catch it narrowly. ``[handlers] report`` says which are reported: ``plain-raise`` in
  the default preset, ``catch-all`` too in ``strict`` (where a blind reader judged 3 of 15
  sampled catch-alls on real code worth narrowing). The others are dropped, counted and listed by
  ``--show-dropped``.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import replace
from functools import partial
from typing import NamedTuple

from reviewbot.dropped import Dropped
from reviewbot.findings import Finding, Severity

MUTABLE_DEFAULT = "B006"
BARE_EXCEPT = "E722"
BLIND_EXCEPT = "BLE001"
#: What a ruff finding's judge makes of it, given the file's tree.
Judge = Callable[[Finding, ast.Module], Finding | Dropped]
#: The kinds of broad handler ``[handlers] report`` names (reviewbot.config.schema.HANDLER_KINDS).
PLAIN_RAISE = "plain-raise"
CATCH_ALL = "catch-all"
_PLAIN_EXCEPTIONS = frozenset({"Exception", "BaseException"})
_MUTATORS = frozenset(
    {
        "append", "extend", "insert", "add", "update", "setdefault", "pop", "popitem",
        "remove", "discard", "clear", "sort", "reverse",
    }
)  # fmt: skip


#: What reviewbot does with each judged ruff code, for ``reviewbot explain``.
JUDGEMENT_NOTES: Mapping[str, str] = {
    MUTABLE_DEFAULT: (
        "reviewbot raises a finding to an error when the function changes the default in place "
        "(`seen.append(x)`): every call that leaves the argument out shares, and changes, one "
        "object. A default that is never changed stays a warning."
    ),
    BARE_EXCEPT: (
        "reviewbot raises a finding to an error when the handler does not re-raise: it also "
        "swallows KeyboardInterrupt and SystemExit. One that re-raises (cleanup) stays a warning."
    ),
    BLIND_EXCEPT: (
        "reviewbot tells two kinds of handler apart: one that raises a plain `Exception` (or "
        "`BaseException`) in the caught error's place, so callers can no longer tell what "
        "failed (`plain-raise`), and a catch-all that logs, reports, exits, falls back or "
        "ignores the error, usually a deliberate boundary (`catch-all`). `[handlers] report` "
        "lists the kinds reported: `[\"plain-raise\"]` in the default preset, both in "
        "`strict`; the others are dropped as `handler:<kind>`, counted, and listed by "
        "`--show-dropped`."
    ),
}


def judge_ruff_findings(
    findings: Iterable[Finding],
    texts: Mapping[str, str],
    handlers_report: Collection[str] = (PLAIN_RAISE,),
) -> tuple[list[Finding], list[Dropped]]:
    """``findings`` with each B006 and E722 raised to an error where the code makes it a bug,
    and the BLE001 findings on handlers of a kind ``handlers_report`` does not list dropped."""
    report = frozenset(handlers_report)
    judges: dict[str, Judge] = {**_JUDGES, BLIND_EXCEPT: partial(_blind_except, report=report)}
    trees: dict[str, ast.Module | None] = {}
    judged: list[Finding] = []
    dropped: list[Dropped] = []
    for finding in findings:
        judge = judges.get(finding.rule)
        outcome: Finding | Dropped = finding
        if judge is not None and finding.path in texts:
            if finding.path not in trees:
                trees[finding.path] = _parse(texts[finding.path])
            tree = trees[finding.path]
            outcome = finding if tree is None else judge(finding, tree)
        if isinstance(outcome, Dropped):
            dropped.append(outcome)
        else:
            judged.append(outcome)
    return judged, dropped


def _blind_except(finding: Finding, tree: ast.Module, report: frozenset[str]) -> Finding | Dropped:
    """Keep a BLE001 finding when ``report`` lists what its handler does, else drop it."""
    handler = _handler_at(tree, finding.line, finding.location.column)
    if handler is None:
        return finding
    plain = _plain_raise(handler)
    if plain is None:
        if CATCH_ALL in report:
            return finding
        because = (
            "a catch-all that handles the error itself (logs, reports, exits, falls back or "
            f"ignores it), usually a deliberate boundary; `[handlers] report` leaves out "
            f"`{CATCH_ALL}`"
        )
        return Dropped(finding, f"handler:{CATCH_ALL}", because)
    if PLAIN_RAISE not in report:
        because = (
            f"it raises a plain Exception instead; `[handlers] report` leaves out `{PLAIN_RAISE}`"
        )
        return Dropped(finding, f"handler:{PLAIN_RAISE}", because)
    message = (
        f"{finding.message}: the handler raises a plain `{plain.name}` in its place "
        f"(line {plain.line}), so callers can no longer tell what failed or catch it narrowly"
    )
    return replace(finding, message=message)


class _Raise(NamedTuple):
    name: str
    line: int


def _handler_at(tree: ast.Module, line: int, column: int) -> ast.ExceptHandler | None:
    """The ``except`` clause whose exception type starts at ``line``:``column`` (1-based)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ExceptHandler) and node.type is not None:
            if node.type.lineno == line and node.type.col_offset + 1 == column:
                return node
    return None


def _plain_raise(handler: ast.ExceptHandler) -> _Raise | None:
    """The first ``raise Exception(...)`` (or ``BaseException``) of the handler's own code."""
    raises = [
        node for node in _own_nodes(handler.body) if isinstance(node, ast.Raise) and node.exc
    ]
    for node in sorted(raises, key=lambda raised: raised.lineno):
        raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
        if isinstance(raised, ast.Name) and raised.id in _PLAIN_EXCEPTIONS:
            return _Raise(raised.id, node.lineno)
    return None


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


_JUDGES: Mapping[str, Judge] = {
    MUTABLE_DEFAULT: _mutable_default,
    BARE_EXCEPT: _bare_except,
}


def _parse(text: str) -> ast.Module | None:
    try:
        return ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
