"""Loops that split their work into chunks on purpose, one statement per chunk.

Deleting or updating ids a few hundred at a time keeps each statement under the database's
bind-variable limit (SQLite allows 999 or 32,766, Oracle 1,000 in an ``IN`` list) and each
transaction short. One query per chunk is the batching, not an N+1, so RB304 stays quiet on:

* a loop whose target is named for a chunk (``for chunk in ...``, ``for batch in ...``,
  ``for id_chunk in ...``) or whose iterable is a chunker call (``itertools.batched(ids, 900)``,
  ``more_itertools.chunked(...)``) or a collection named for chunks (``for ids in id_batches``);
* a loop over slices built in place (``for part in [ids[i:i + n] for i in ...]``);
* a query that reads a slice whose bounds move with the loop (``ids[i:i + size]``), directly or
  through a name the loop binds to one (``part = ids[start:stop]``), or a queryset the loop
  binds with an ``__in`` / ``.in_()`` filter (``stale = Order.objects.filter(pk__in=chunk)``).
"""

from __future__ import annotations

import re

import libcst as cst

from reviewbot.engine.binder import target_names
from reviewbot.engine.context import RuleContext
from reviewbot.engine.names import dotted_name
from reviewbot.engine.scopes import Loop

from ._loop_facts import names_read, varies_with
from ._subtrees import descendants

_CHUNKERS = frozenset(
    {"batched", "chunked", "ichunked", "chunks", "chunker", "grouper", "sliced", "batches"}
)
# ``chunk``, ``batch``, ``id_chunk``, ``batch_ids``: a name that says it holds one chunk.
_ONE_CHUNK = re.compile(r"(?:^|_)(?:chunk|batch)(?:$|_)")
# ``chunks``, ``id_batches``: a name that says it holds many.
_CHUNKS = re.compile(r"(?:^|_)(?:chunks|batches)(?:$|_)")


def walks_chunks(loop: Loop) -> bool:
    """Whether ``loop`` walks chunks of a collection, by its names or how its iterable is made."""
    if any(_ONE_CHUNK.search(name) for name in loop.targets):
        return True
    iterable = loop.iterable
    if isinstance(iterable, cst.Call):
        called = dotted_name(iterable.func) or ""
        return called.rsplit(".", 1)[-1] in _CHUNKERS
    if isinstance(iterable, (cst.ListComp, cst.GeneratorExp)):
        return _is_slice(iterable.elt)
    named = dotted_name(iterable) if iterable is not None else None
    return named is not None and bool(_CHUNKS.search(named.rsplit(".", 1)[-1]))


def reads_chunk(query: cst.CSTNode, loop: Loop, region: cst.CSTNode, ctx: RuleContext) -> bool:
    """Whether ``query`` reads a moving slice, or a name ``region`` (the loop body) binds to a
    slice or to an ``__in`` / ``.in_()`` filter."""
    if any(_moving_slice(node, loop, ctx) for node in descendants(query)):
        return True
    bound = _bound_in(region)
    return any(
        _moving_slice(value, loop, ctx) or in_filter(value)
        for name in names_read(query)
        for value in bound.get(name, ())
    )


def in_filter(node: cst.CSTNode) -> bool:
    """Whether ``node`` filters with an ``__in`` lookup (Django) or ``.in_()`` (SQLAlchemy)."""
    for child in descendants(node):
        keyword = child.keyword if isinstance(child, cst.Arg) else None
        if keyword is not None and keyword.value.endswith("__in"):
            return True
        if isinstance(child, cst.Attribute) and child.attr.value == "in_":
            return True
    return False


def _moving_slice(node: cst.CSTNode, loop: Loop, ctx: RuleContext) -> bool:
    """``ids[i:i + n]``: a slice whose bounds change with the loop (``code[:8]`` does not)."""
    if not isinstance(node, cst.Subscript):
        return False
    return any(
        bound is not None and varies_with(bound, loop, ctx)
        for element in node.slice
        if isinstance(element.slice, cst.Slice)
        for bound in (element.slice.lower, element.slice.upper)
    )


def _is_slice(node: cst.CSTNode) -> bool:
    return isinstance(node, cst.Subscript) and any(
        isinstance(element.slice, cst.Slice) for element in node.slice
    )


def _bound_in(region: cst.CSTNode) -> dict[str, list[cst.BaseExpression]]:
    """The values ``region`` assigns to each plain name."""
    bound: dict[str, list[cst.BaseExpression]] = {}
    assigns = (node for node in descendants(region) if isinstance(node, cst.Assign))
    for node in assigns:
        for name in {n for target in node.targets for n in target_names(target.target)}:
            bound.setdefault(name, []).append(node.value)
    return bound
