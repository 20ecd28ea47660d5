"""RB307: scanning a list inside a loop: a growing-list dedupe, ``lst.count(x)``, ``lst.index(x)``."""

from __future__ import annotations

import libcst as cst

from reviewbot.engine.context import RuleContext
from reviewbot.engine.loops import leaves_after, loop_region
from reviewbot.engine.scopes import Loop
from reviewbot.findings import Category, Severity
from reviewbot.ruleset.api import Invalid, NodeRule, RuleDoc, Valid

from ._hashable import HASHABLE_FORM, unhashable_in_loop
from ._list_bindings import (
    LIST_KINDS,
    Membership,
    grows,
    is_data_sized,
    memberships,
    sequence_binding,
)
from ._loop_facts import varies_with
from ._quote import quote
from ._subtrees import rebinds, runs_fixed_times

_SCANNING_METHODS = frozenset({"count", "index"})


class GrowingListDedupe(NodeRule):
    """Flags linear scans of a list repeated once per loop iteration."""

    code = "RB307"
    per_iteration = True
    name = "growing-list-dedupe"
    category = Category.PERFORMANCE
    severity = Severity.WARNING
    doc = RuleDoc(
        what=(
            "Checks for a list scanned from start to end on every iteration of a loop:\n"
            "\n"
            "* `x in seen` / `x not in seen` where `seen` is a list the loop itself grows "
            "(`append`, `extend`, `insert`, `+=`): the hand-written dedupe;\n"
            "* `name.count(x)` or `name.index(x)` where `name` is a list or tuple that the loop "
            "grows or whose length comes from data (a comprehension, `list(...)`, "
            "`sorted(...)`, an annotated parameter).\n"
            "\n"
            "A list the loop rebuilds on each iteration, a short literal such as "
            "`LEVELS = ['debug', 'info']`, a needle that is the same on every iteration and a "
            "loop that runs a fixed number of times are not reported. Membership in a list the "
            "loop does not change is RB302. When the needle is known to be unhashable (a list, "
            "set or dict), the advice is a set or dict of its hashable form (`tuple`, "
            "`frozenset`)."
        ),
        why=(
            "`in`, `count` and `index` compare against the items one at a time. When the list "
            "grows with the loop, or holds as many items as the loop has iterations, the loop "
            "does O(n²) comparisons: deduplicating 10,000 ids this way takes about 50 million "
            "comparisons where a set needs 10,000 hash lookups. A `set` (or a `dict` / "
            "`collections.Counter`) kept next to the list answers the same question in O(1)."
        ),
        example=(
            "def unique_emails(users):\n"
            "    seen = []\n"
            "    for user in users:\n"
            "        if user.email not in seen:\n"
            "            seen.append(user.email)\n"
            "    return seen\n"
        ),
        use_instead=(
            "def unique_emails(users):\n"
            "    # dict keys keep insertion order and give O(1) membership\n"
            "    return list(dict.fromkeys(user.email for user in users))\n"
        ),
        fix_safety=(
            "No automatic fix: the right replacement (a set alongside the list, `dict.fromkeys`, "
            "a `Counter`, a position dict) depends on what else reads the list."
        ),
    )
    valid = (
        Valid(
            "def unique(items):\n    seen = set()\n    out = []\n    for item in items:\n        if item not in seen:\n            seen.add(item)\n            out.append(item)\n    return out\n",
            "the dedupe tests a set and only appends to the list",
        ),
        Valid(
            "def commas(lines):\n    return [line.count(',') for line in lines]\n",
            "`str.count` on each line: not a list",
        ),
        Valid(
            "LEVELS = ['debug', 'info', 'warning', 'error']\n\n\ndef ranks(records):\n    return [LEVELS.index(r.level) for r in records]\n",
            "`index` on a short literal list: a constant cost per call",
        ),
        Valid(
            "def collect(rows, wanted):\n    out = []\n    for row in rows:\n        out.append(row.id)\n    return wanted in out\n",
            "the list grows in the loop, but is searched once after it",
        ),
        Valid(
            "def per_row(rows):\n    for row in rows:\n        cells = list(row)\n        if cells.count('') > 2:\n            yield row\n",
            "a fresh list per iteration: each `count` scans one row",
        ),
        Valid(
            "def kept(added, renames):\n    for old, new in renames:\n        removed = [new.name]\n        removed.append(old.name)\n        added = [index for index in added if index not in removed]\n    return added\n",
            "`removed` is a new list on every outer iteration and does not grow while the comprehension scans it",
        ),
        Valid(
            "def report_cycle(nodes, children):\n    path = list(nodes)\n    for child in children:\n        if child.visited:\n            start = path.index(child)\n            raise ValueError(path[start:])\n",
            "`path.index` runs once, right before the `raise` that ends the loop",
        ),
    )
    invalid = (
        Invalid(
            "def unique_emails(users):\n    seen = []\n    for user in users:\n        if user.email not in seen:\n            seen.append(user.email)\n    return seen\n",
            lines=(4,),
        ),
        Invalid(
            "def duplicates(rows):\n    keys = [row.key for row in rows]\n    return [k for k in keys if keys.count(k) > 1]\n",
            lines=(3,),
        ),
        Invalid(
            "def positions(names, people):\n    ordered = sorted(names)\n    out = {}\n    for person in people:\n        out[person.id] = ordered.index(person.name)\n    return out\n",
            lines=(5,),
        ),
        Invalid(
            "def crawl(start, links):\n    visited = [start]\n    pending = [start]\n    while pending:\n        page = pending.pop()\n        if page in visited:\n            continue\n        visited.append(page)\n        pending.extend(links(page))\n",
            lines=(6,),
        ),
    )

    def visit_Comparison(self, node: cst.Comparison, ctx: RuleContext) -> None:
        """``<needle> in <name>`` where ``<name>`` is a list this loop grows."""
        loop = ctx.loop
        if loop is not None and not runs_fixed_times(ctx):
            for test in memberships(node):
                self._check_membership(node, test, loop, ctx)

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        """``<name>.count(x)`` / ``<name>.index(x)`` on a data-sized or growing list."""
        loop = ctx.loop
        scan = _scan(node)
        if loop is None or scan is None or runs_fixed_times(ctx):
            return
        name, method, argument = scan
        binding = sequence_binding(ctx, name)
        if binding is None or not varies_with(argument, loop, ctx):
            return  # a constant argument gives the same answer every time: hoisting is the fix
        if rebinds(name, loop_region(ctx, loop)) or leaves_after(node, loop, ctx):
            return
        growing = _grows_while_scanned(name, ctx)
        if not growing and not is_data_sized(binding, ctx):
            return
        kind = "tuple" if binding.kinds <= {"tuple", "param:tuple"} else "list"
        items = unhashable_in_loop(argument, loop.targets, loop.iterable, ctx)
        ctx.report(
            node,
            f"`{quote(ctx, node)}` inside `{loop.header}` scans the whole {kind} `{name}` on "
            f"every iteration",
            rationale=_scan_rationale(name, method, growing=growing, items=items),
        )

    def _check_membership(
        self, node: cst.Comparison, test: Membership, loop: Loop, ctx: RuleContext
    ) -> None:
        name = test.name
        binding = sequence_binding(ctx, name, LIST_KINDS)
        if binding is None or not varies_with(test.needle, loop, ctx):
            return
        if rebinds(name, loop_region(ctx, loop)) or not _grows_while_scanned(name, ctx):
            return
        items = unhashable_in_loop(test.needle, loop.targets, loop.iterable, ctx)
        ctx.report(
            node,
            f"`{quote(ctx, test.needle)} {test.operator} {name}` inside `{loop.header}` scans "
            f"the list `{name}`, which grows as the loop runs",
            rationale=(
                f"Each test compares against every item appended to `{name}` so far, so the loop "
                f"is O(n²) in the number of items kept. "
                + (_unhashable_advice(name, items) if items else _set_advice(name))
            ),
        )


def _set_advice(name: str) -> str:
    return (
        f"Keep a set alongside the list (`{name}_set = set()`, test `in {name}_set`, `add` "
        f"wherever you append), or, if the list only drops duplicates, build it with "
        f"`list(dict.fromkeys(...))`, which keeps first occurrences in order."
    )


def _unhashable_advice(name: str, items: str) -> str:
    """Lists, sets or dicts cannot go in a set or be dict keys: their hashable form can."""
    return (
        f"The items are {items}s, which a set or dict cannot hold: keep a set of "
        f"{HASHABLE_FORM[items]} of each item alongside `{name}` (test and add that form), "
        f"or keep the scan if the list stays short."
    )


def _grows_while_scanned(name: str, ctx: RuleContext) -> bool:
    """Whether ``name`` grows inside the outermost loop around the scan that keeps one list.

    A loop that rebinds ``name`` starts a new list every iteration: only the loops inside it
    share one. ``added = [i for i in added if i not in removed]`` after a loop that filled
    ``removed`` scans a list that no longer grows.
    """
    for loop in ctx.loops:
        region = loop_region(ctx, loop)
        if not rebinds(name, region):
            return grows(name, region)
    return False


def _scan(call: cst.Call) -> tuple[str, str, cst.BaseExpression] | None:
    """``(name, method, argument)`` for ``name.count(argument)`` / ``name.index(argument)``."""
    func = call.func
    if not isinstance(func, cst.Attribute) or not isinstance(func.value, cst.Name):
        return None
    if func.attr.value not in _SCANNING_METHODS or len(call.args) != 1:
        return None
    arg = call.args[0]
    if arg.keyword is not None or arg.star:
        return None
    return func.value.value, func.attr.value, arg.value


def _scan_rationale(name: str, method: str, *, growing: bool, items: str | None) -> str:
    size = "grows as the loop runs" if growing else "is built from data"
    if items is not None:
        table = "`Counter`" if method == "count" else "position dict"
        advice = (
            f"The items are {items}s, which cannot be dict keys: key a {table} by "
            f"{HASHABLE_FORM[items]} of each item, or keep the scan if the list stays short."
        )
    elif method == "count":
        advice = (
            f"Count once with `collections.Counter({name})` before the loop (or update a "
            f"`Counter` wherever the list grows) and look counts up in O(1)."
        )
    else:
        advice = (
            f"Build a position dict once, keeping first occurrences as `index` does: "
            f"`position = {{}}` then `position.setdefault(item, i)` for "
            f"`i, item in enumerate({name})`, and look positions up in O(1)."
        )
    return (
        f"`{name}.{method}(...)` compares against every item, and `{name}` {size}, so the loop "
        f"does O(n²) comparisons. {advice}"
    )
