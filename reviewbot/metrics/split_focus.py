"""Where to split a function whose complexity sits almost all in one block: inside that block.

A function's heaviest top-level blocks are its natural split candidates, unless one of them holds
nearly the whole score: a ``try`` or ``with`` around the body, one loop, one ``if`` with the
function inside it. Extracting that block whole only moves the complexity into another function,
and blind readers said so ("the suggested split is the whole loop", "the `try` wrapper holds
the whole body"). So the focus descends: while one block holds at least :data:`DOMINANT` of the
function's score, the candidates become the blocks inside it. The branches of an
``if``/``elif``/``else`` chain and the ``case``s of a ``match`` are candidates of their own (one
handler per mode is the split a reader wants of a dispatch), as are a ``try``'s handlers.

Scores come from :func:`reviewbot.metrics.cognitive.block_score`, with each block at the nesting
the cognitive walk gives it, so a candidate's ``+n`` is what it adds to the function's total (for
a branch of an ``if`` chain or a ``case``, what its body adds).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from reviewbot.metrics.cognitive import block_kind, block_score
from reviewbot.metrics.model import Branch
from reviewbot.metrics.syntax import TRY_NODES, FunctionNode, has_docstring, is_elif

#: Share of the function's score one block must hold for the candidates to be the blocks inside.
DOMINANT = 0.8
#: Functions scoring less are not looked into (no complexity rule reports them: strict's limit is 10).
MIN_SCORE = 10
#: How many blocks deep the focus may descend.
MAX_DEPTH = 4
#: Candidates kept inside the focused block, heaviest first.
KEPT = 3

_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_LOOPS = (ast.For, ast.AsyncFor, ast.While)
_WITHS = (ast.With, ast.AsyncWith)


@dataclass(frozen=True)
class _Part:
    """A candidate block: its record, and what is inside it (a statement, or a branch's body)."""

    branch: Branch
    node: ast.AST | None  # the statement or handler; None for a branch of an ``if`` or a case
    body: Sequence[ast.stmt]  # the statements inside, read at ``nesting``
    nesting: int


def split_focus(
    function: FunctionNode, total: int, branches: Sequence[Branch]
) -> tuple[Branch, ...]:
    """``()``, or the block that holds at least :data:`DOMINANT` of ``total`` followed by the
    heaviest blocks inside it (the deepest such block, at most :data:`MAX_DEPTH` down).

    ``branches`` are the function's top-level blocks as the cognitive walk scored them: a
    function none of whose blocks dominates (most of them) costs nothing more, and one that
    scores under :data:`MIN_SCORE`, which no complexity rule reports, is not looked into."""
    top = max(branches, key=lambda branch: branch.cognitive, default=None)
    if total < MIN_SCORE or top is None or top.cognitive < DOMINANT * total:
        return ()
    names = frozenset({function.name})
    body = function.body[1:] if has_docstring(function.body) else function.body
    # The top level as the cognitive walk scored it: only the dominant block is read again.
    statement = next((node for node in body if node.lineno == top.line), None)
    parts = [_Part(top, statement, [], 0)] if statement is not None else []
    focus: _Part | None = None
    for _ in range(MAX_DEPTH):
        heaviest = max(parts, key=lambda part: part.branch.cognitive, default=None)
        if heaviest is None or heaviest.branch.cognitive < DOMINANT * total:
            break
        inner = [part for part in _inside(heaviest, names) if part.branch.cognitive > 0]
        if not inner:
            break
        focus, parts = heaviest, inner
    if focus is None:
        return ()
    ranked = sorted(parts, key=lambda part: (-part.branch.cognitive, part.branch.line))
    return (focus.branch, *(part.branch for part in ranked[:KEPT]))


def _inside(part: _Part, names: frozenset[str]) -> Iterator[_Part]:
    """The candidate blocks directly inside ``part``."""
    node, nesting = part.node, part.nesting
    if node is None or isinstance(node, ast.ExceptHandler):
        yield from _statements(part.body, nesting, names)
    elif isinstance(node, ast.If):
        yield from _if_branches(node, nesting, names)
    elif isinstance(node, _LOOPS):
        yield from _statements([*node.body, *node.orelse], nesting + 1, names)
    elif isinstance(node, TRY_NODES):
        yield from _try_parts(node, nesting, names)
    elif isinstance(node, _WITHS):
        yield from _statements(node.body, nesting, names)
    elif isinstance(node, ast.Match):
        yield from _cases(node, nesting, names)


def _statements(body: Sequence[ast.stmt], nesting: int, names: frozenset[str]) -> Iterator[_Part]:
    """The compound statements of ``body`` (not definitions: each is judged on its own)."""
    for statement in body:
        kind = block_kind(statement)
        if kind is None or isinstance(statement, _DEFINITIONS):
            continue
        score = block_score(statement, nesting, names)
        yield _Part(_branch(statement.lineno, [statement], kind, score), statement, [], nesting)


def _if_branches(node: ast.If, nesting: int, names: frozenset[str]) -> Iterator[_Part]:
    """Each branch of an ``if``/``elif``/``else`` chain; a lone ``if``'s body statements."""
    chain: list[tuple[str, int, list[ast.stmt]]] = [("if branch", node.lineno, node.body)]
    current = node
    while is_elif(current):
        current = current.orelse[0]  # type: ignore[assignment]  # is_elif: an ast.If
        chain.append(("elif branch", current.lineno, current.body))
    if current.orelse:
        chain.append(("else branch", current.orelse[0].lineno, current.orelse))
    if len(chain) == 1:
        yield from _statements(node.body, nesting + 1, names)
        return
    for kind, line, body in chain:
        score = sum(block_score(statement, nesting + 1, names) for statement in body)
        yield _Part(_branch(line, body, kind, score), None, body, nesting + 1)


def _try_parts(node: ast.AST, nesting: int, names: frozenset[str]) -> Iterator[_Part]:
    """A ``try``'s body blocks, each handler, and the blocks of its ``else`` and ``finally``."""
    yield from _statements(getattr(node, "body", []), nesting, names)
    for handler in getattr(node, "handlers", []):
        score = block_score(handler, nesting, names)
        yield _Part(
            _branch(handler.lineno, [handler], "except", score), handler, handler.body, nesting + 1
        )
    yield from _statements(getattr(node, "orelse", []), nesting + 1, names)
    yield from _statements(getattr(node, "finalbody", []), nesting, names)


def _cases(node: ast.Match, nesting: int, names: frozenset[str]) -> Iterator[_Part]:
    for case in node.cases:
        score = sum(block_score(statement, nesting + 1, names) for statement in case.body)
        line = case.pattern.lineno
        yield _Part(_branch(line, case.body, "case branch", score), None, case.body, nesting + 1)


def _branch(line: int, body: Sequence[ast.AST], kind: str, score: int) -> Branch:
    last = body[-1] if body else None
    end_line = getattr(last, "end_lineno", None) or line
    return Branch(line, end_line, kind, score)
