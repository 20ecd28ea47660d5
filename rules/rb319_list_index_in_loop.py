"""RB319: ``seq.index(x)`` on a data-sized list or tuple, once per iteration of a loop."""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from reviewbot.engine.context import RuleContext
from reviewbot.engine.loops import fixed_count, loop_region
from reviewbot.engine.scopes import Loop
from reviewbot.findings import Category, Severity
from reviewbot.ruleset.api import Invalid, NodeRule, RuleDoc, Valid

from ._hashable import HASHABLE_FORM, unhashable_in_loop, unhashable_items
from ._held_lists import held_list
from ._list_bindings import SEQUENCE_KINDS, changes_in_place, sequence_binding
from ._loop_facts import varies_with
from ._quote import quote
from ._subtrees import rebinds, sole_argument

_COPIES = frozenset({"list", "tuple", "sorted"})


@dataclass(frozen=True)
class _Searched:
    """The sequence an ``.index`` call scans: how to name it, and whether the call copies it."""

    shown: str  # "cols", "self.names" or "list(df.columns)"
    source: str  # what to build the dict from: "cols" or "df.columns"
    copied: bool  # ``list(x).index(...)``: the copy is made on every call too


class ListIndexInLoop(NodeRule):
    """Flags a linear search for an item's position, repeated by a loop."""

    code = "RB319"
    per_iteration = True
    name = "list-index-in-loop"
    category = Category.PERFORMANCE
    severity = Severity.WARNING
    doc = RuleDoc(
        what=(
            "Checks for `seq.index(item)` inside a loop, where the item changes with the loop "
            "and `seq` is a list or tuple whose length comes from data: a name every binding of "
            "which is a comprehension, `list(...)`, `tuple(...)`, `sorted(...)`, a parameter "
            "annotated `list`/`tuple` or a literal the function grows; `self.name` set to such "
            "a list wherever its class assigns it; or a copy made on the spot, "
            "`list(x).index(item)` (`list(df.columns).index(col)`), of something the loop does "
            "not change, or such a copy assigned to a name inside the loop "
            "(`names = sorted(accounts)` then `names.index(name)`). It is the position-finding "
            "cousin of RB302 (`x in list`).\n\n"
            "Not reported: `str.index` (a substring search), a list written out in the source "
            "(`['low', 'mid', 'high'].index(level)`), a list the loop builds afresh from the "
            "iteration's own data (`list(row.cells)`: one row's worth), a list the loop changes "
            "(then a dict of positions would go stale), the same item on every iteration "
            "(hoist it instead), and, through the loop facts, a search followed by `break`, "
            "`return` or `raise`, a loop over a few values written in the source, a schema or "
            "one object's collection, and test files. When the items are known to be unhashable "
            "(lists, sets, dicts), the advice keys the dict by their hashable form."
        ),
        why=(
            "`.index(x)` compares `x` with the items from the front until it finds it: O(n) "
            "per call, so looking up the position of each of n items is O(n²), and a copy "
            "such as `list(df.columns)` made inside the call adds another O(n) each time. A "
            "dict from value to position, built once before the loop, answers each lookup "
            "with one hash."
        ),
        example=(
            "def reorder(header, wanted):\n"
            "    columns = list(header)\n"
            "    return [columns.index(name) for name in wanted]\n"
        ),
        use_instead=(
            "def reorder(header, wanted):\n"
            "    position = {}\n"
            "    for i, name in enumerate(header):\n"
            "        position.setdefault(name, i)  # the first position wins, as with .index\n"
            "    return [position[name] for name in wanted]\n"
        ),
        fix_safety=(
            "No automatic fix: when values repeat, `.index` returns the first position, so the "
            "dict must keep the first (`setdefault`, or build it from the reversed "
            "enumeration); a plain `{v: i for i, v in enumerate(seq)}` keeps the last. A "
            "missing item raises `ValueError` from `.index` but `KeyError` from the dict, "
            "which an `except ValueError` around it will not catch. Items must be hashable."
        ),
    )
    valid = (
        Valid(
            "def reorder(header, wanted):\n    position = {name: i for i, name in enumerate(header)}\n    return [position[name] for name in wanted]\n",
            "a dict lookup per item",
        ),
        Valid(
            "LEVELS = ['low', 'mid', 'high']\n\n\ndef ranks(alerts):\n    return [LEVELS.index(a.level) for a in alerts]\n",
            "a list written out in the source: a search costs a constant",
        ),
        Valid(
            "def offsets(lines):\n    return [line.index('=') for line in lines]\n",
            "`str.index` finds a substring in one line",
        ),
        Valid(
            "def first_late(rows, order):\n    names = list(order)\n    for row in rows:\n        if row.late:\n            return names.index(row.name)\n    return -1\n",
            "searches once, then returns (dropped as `loop:once`)",
        ),
        Valid(
            "def columns(frame):\n    names = list(frame.columns)\n    for key in ('id', 'total'):\n        print(names.index(key))\n",
            "two keys written in the source (dropped as `loop:fixed`)",
        ),
        Valid(
            "def ranks(scores, target):\n    ordered = sorted(scores)\n    for _ in scores:\n        yield ordered.index(target)\n",
            "the same item on every iteration: hoist the search",
        ),
    )
    invalid = (
        Invalid(
            "def reorder(header, wanted):\n    columns = list(header)\n    return [columns.index(name) for name in wanted]\n",
            lines=(3,),
        ),
        Invalid(
            "def positions(frame, keys):\n    out = {}\n    for key in keys:\n        out[key] = list(frame.columns).index(key)\n    return out\n",
            lines=(4,),
            note="a copy of the columns made, then searched, on every iteration",
        ),
        Invalid(
            "def slots(bookings, rooms: tuple[str, ...]):\n    for booking in bookings:\n        booking.slot = rooms.index(booking.room)\n",
            lines=(3,),
        ),
    )

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        """``<sequence>.index(item)`` inside a loop."""
        loop = ctx.loop
        func = node.func
        if loop is None or not isinstance(func, cst.Attribute) or func.attr.value != "index":
            return
        item = sole_argument(node)
        if item is None or not varies_with(item, loop, ctx):
            return  # the same position every time: hoist it, no dict needed
        searched = _searched(func.value, loop, ctx)
        if searched is not None:
            items = unhashable_items(func.value, ctx) or unhashable_in_loop(
                item, loop.targets, loop.iterable, ctx
            )
            self._report(node, searched, loop, ctx, items)

    def _report(
        self, node: cst.Call, searched: _Searched, loop: Loop, ctx: RuleContext, items: str | None
    ) -> None:
        copy = " copies and" if searched.copied else ""
        if items is not None:
            ctx.report(
                node,
                f"`{quote(ctx, node)}` inside `{loop.header}`{copy} scans `{searched.shown}` "
                f"on every iteration",
                rationale=(
                    f"`.index` searches `{searched.shown}` from the front, so the loop is "
                    f"O(iterations × its length). Its items are {items}s, which cannot key a "
                    f"dict of positions: key the dict by {HASHABLE_FORM[items]} of each item "
                    f"(`setdefault` keeps the first position, as `.index` does) and look up the "
                    f"item in the same form, or keep the scan if the list stays short."
                ),
            )
            return
        columns = (
            f" For a DataFrame's columns, `{searched.source}.get_loc(name)` is already a hash "
            f"lookup."
            if searched.source.endswith(".columns")
            else ""
        )
        ctx.report(
            node,
            f"`{quote(ctx, node)}` inside `{loop.header}`{copy} scans `{searched.shown}` "
            f"on every iteration",
            rationale=(
                f"`{searched.shown}` is as long as the data and `.index` searches it from the "
                f"front, so the loop is O(iterations × its length). Build a dict from value to "
                f"position once before the loop: `for i, v in enumerate({searched.source}): "
                f"position.setdefault(v, i)` keeps the first position when values repeat, as "
                f"`.index` does; then look up `position[item]` (a KeyError, not a ValueError, "
                f"when it is missing).{columns}"
            ),
        )


def _searched(receiver: cst.BaseExpression, loop: Loop, ctx: RuleContext) -> _Searched | None:
    """What ``receiver`` is, when it is a data-sized list or tuple the loop neither builds afresh
    nor changes (a dict of positions would go stale); None otherwise."""
    if isinstance(receiver, cst.Call):
        return _copy_searched(receiver, loop, ctx)
    if isinstance(receiver, cst.Name) and rebinds(receiver.value, loop_region(ctx, loop)):
        return _named_copy(receiver.value, loop, ctx)
    held = held_list(receiver, loop, ctx, SEQUENCE_KINDS)
    if held is None or not held.data_sized:
        return None
    if changes_in_place(held.name, loop_region(ctx, loop)):
        return None
    return _Searched(held.name, held.name, copied=False)


def _named_copy(name: str, loop: Loop, ctx: RuleContext) -> _Searched | None:
    """``names = list(frame.columns)`` inside the loop, then ``names.index(key)``: the same copy
    of something the loop does not change, made and scanned on every iteration. A list built
    from the iteration's own data (``list(row.cells)``) is one row's worth, and not reported."""
    binding = sequence_binding(ctx, name)
    if binding is None or not binding.values:
        return None
    copies = [
        _copy_searched(value, loop, ctx) if isinstance(value, cst.Call) else None
        for value in binding.values
    ]
    if None in copies or copies[0] is None:
        return None
    return _Searched(name, copies[0].source, copied=True)


def _copy_searched(call: cst.Call, loop: Loop, ctx: RuleContext) -> _Searched | None:
    """``list(x)`` / ``tuple(x)`` / ``sorted(x)`` of something the loop does not change."""
    if not isinstance(call.func, cst.Name) or call.func.value not in _COPIES:
        return None
    source = sole_argument(call)
    if source is None or fixed_count(source) or varies_with(source, loop, ctx):
        return None
    order = call if call.func.value == "sorted" else source  # sorted(x) has its own positions
    return _Searched(quote(ctx, call), quote(ctx, order), copied=True)
