"""Wording shared by the metric rules' messages: how a function and a line range read."""

from __future__ import annotations

from dataclasses import dataclass

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
    """``the `for` block at lines 12-30 (+11)``, ``the `elif` branch at line 7 (+2)``."""
    return f"{_named(branch)} (+{branch.cognitive})"


def _named(branch: Branch) -> str:
    """``the `for` block at lines 12-30``; a branch of an ``if`` chain or a ``case`` (kind
    ``"elif branch"``) is ``the `elif` branch at ...``."""
    keyword = branch.kind.removesuffix(" branch")
    word = "block" if keyword == branch.kind else "branch"
    return f"the `{keyword}` {word} at {line_span(branch.line, branch.end_line)}"


_LOOPS = frozenset({"for", "async for", "while"})


@dataclass(frozen=True)
class SplitCandidates:
    """Where a complexity message suggests splitting: ``blocks``, heaviest first, and ``within``,
    the block holding nearly all of the score that they sit in (None: they are top-level)."""

    within: Branch | None
    blocks: tuple[Branch, ...]


def split_candidates(function: FunctionMetrics, count: int = 2) -> SplitCandidates:
    """The function's split focus when one block holds nearly all of it, else its heaviest
    top-level blocks."""
    if function.focus:
        return SplitCandidates(function.focus[0], function.focus[1 : 1 + count])
    return SplitCandidates(None, heaviest_branches(function, count))


def candidates_phrase(candidates: SplitCandidates) -> str:
    """``; split candidates: the `for` block at lines 2-6 (+5) and ...``, naming the block they
    sit in when there is one; nothing when there are none."""
    if not candidates.blocks:
        return ""
    noun = "candidate" if len(candidates.blocks) == 1 else "candidates"
    listed = " and ".join(describe_branch(branch) for branch in candidates.blocks)
    within = candidates.within
    if within is None:
        return f"; split {noun}: {listed}"
    held = f"; nearly all of it is in {describe_branch(within)}"
    if within.kind in _LOOPS:
        return f"{held}: split candidates: the loop's body, as a function of one item, and inside it {listed}"
    return f"{held}: split {noun} inside it: {listed}"


def split_advice(candidates: SplitCandidates, when: str = "") -> str:
    """Where to start splitting, as one sentence; ``when`` (`` while the change is fresh``)
    ends the advice. Needs ``candidates.blocks``.

    A block holding nearly all of the function is not offered whole: a ``try``, ``with`` or
    ``if`` extracted whole only moves the complexity. A loop is different: its body moved into
    a function of one item loses a level of nesting, and everything in it weighs less."""
    top = candidates.blocks[0]
    alone = f"{_named(top)} adds {top.cognitive} on its own"
    extract = "extract it into a named function (with guard clauses instead of nested `if`s)"
    within = candidates.within
    if within is None:
        return f"{alone[0].upper()}{alone[1:]}: {extract}{when}."
    if within.kind in _LOOPS:
        return (
            f"Nearly all of it is in {_named(within)}: move the loop's body into a function of "
            f"one item{when}, which takes a level of nesting off everything in it; inside it, "
            f"{alone} and is the next piece to name."
        )
    return (
        f"Nearly all of it is in {_named(within)}, which extracted whole would only move it; "
        f"inside it, {alone}: {extract}{when}."
    )
