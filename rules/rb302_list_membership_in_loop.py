"""RB302: ``x in name`` inside a loop, where ``name`` is a data-sized list or tuple."""

from __future__ import annotations

import libcst as cst

from reviewbot.engine.context import RuleContext
from reviewbot.engine.loops import loop_region
from reviewbot.engine.scopes import Loop
from reviewbot.findings import Category, Severity
from reviewbot.ruleset.api import Invalid, NodeRule, RuleDoc, Valid

from ._hashable import HASHABLE_FORM, named_items, unhashable_in_loop
from ._list_bindings import (
    Membership,
    changes_in_place,
    is_data_sized,
    memberships,
    sequence_binding,
)
from ._loop_facts import varies_with
from ._quote import quote
from ._subtrees import rebinds, runs_fixed_times


class ListMembershipInLoop(NodeRule):
    """Flags linear membership tests against a list or tuple repeated by a loop."""

    code = "RB302"
    per_iteration = True
    name = "list-membership-in-loop"
    category = Category.PERFORMANCE
    severity = Severity.WARNING
    doc = RuleDoc(
        what=(
            "Checks for `x in name` / `x not in name` inside a loop where every binding of "
            "`name` is a list or tuple whose length comes from data: a comprehension, "
            "`list(...)`, `tuple(...)`, `sorted(...)`, a parameter annotated `list`/`tuple`, or "
            "a literal the function goes on to grow. Short literals written out in the source "
            "(`ROLES = ['admin', 'staff']`) are not reported, and neither is a list the loop "
            "itself changes (RB307 covers a list that grows as the loop runs). The needle "
            "must change with the loop: a test that gives the same answer on every iteration "
            "wants hoisting, not a set. Loops that run a fixed number of times written in the "
            "source (`for _ in range(3):`) are not reported. When the items are known to be "
            "unhashable (a list of lists, sets or dicts, built or annotated so), the advice is "
            "a set of their hashable form (`tuple`, `frozenset`) instead of `set(name)`."
        ),
        why=(
            "`in` on a list or tuple compares the needle with the items one at a time, so a loop "
            "of n iterations testing against m items does up to n × m comparisons. A `set` "
            "answers the same question with one hash lookup: building it once before the loop "
            "costs O(m) and makes the whole loop O(n + m). With a few thousand items on each "
            "side that is the difference between milliseconds and seconds."
        ),
        example=(
            "def active_orders(orders, customers):\n"
            "    active_ids = [c.id for c in customers if c.active]\n"
            "    return [o for o in orders if o.customer_id in active_ids]\n"
        ),
        use_instead=(
            "def active_orders(orders, customers):\n"
            "    active_ids = {c.id for c in customers if c.active}\n"
            "    return [o for o in orders if o.customer_id in active_ids]\n"
        ),
        fix_safety=(
            "No automatic fix: the list may be used elsewhere for its order or duplicates, and "
            "a set needs hashable items. Build the set alongside it, or change the comprehension "
            "to a set comprehension when nothing else needs a list."
        ),
    )
    valid = (
        Valid(
            "def known(events, users):\n    ids = {u.id for u in users}\n    return [e for e in events if e.user_id in ids]\n",
            "membership in a set is a hash lookup",
        ),
        Valid(
            "ROLES = ['admin', 'staff']\n\n\ndef staff(users):\n    return [u for u in users if u.role in ROLES]\n",
            "a short literal list: scanning it costs a constant, not a factor of the data",
        ),
        Valid(
            "def is_banned(user, accounts):\n    banned = [a.id for a in accounts if a.banned]\n    return user.id in banned\n",
            "one membership test outside any loop",
        ),
        Valid(
            "def tagged(rows):\n    hits = 0\n    for row in rows:\n        tags = list(row.tags)\n        if 'urgent' in tags:\n            hits += 1\n    return hits\n",
            "a fresh list per iteration: each test scans one row's tags once",
        ),
        Valid(
            "def unique(items):\n    seen = []\n    for item in items:\n        if item not in seen:\n            seen.append(item)\n    return seen\n",
            "a list the loop grows is RB307's growing-list dedupe, not reported twice",
        ),
        Valid(
            "def vowels(word):\n    letters = 'aeiou'\n    return sum(1 for ch in word if ch in letters)\n",
            "substring test on a string",
        ),
        Valid(
            "def grant(rows, roles):\n    names = [r.name for r in roles]\n    for row in rows:\n        if 'admin' in names:\n            row.grant()\n",
            "the same test on every iteration: hoisting it is the fix, not a set",
        ),
    )
    invalid = (
        Invalid(
            "def active_orders(orders, customers):\n    active_ids = [c.id for c in customers if c.active]\n    return [o for o in orders if o.customer_id in active_ids]\n",
            lines=(3,),
        ),
        Invalid(
            "def missing(wanted, stock):\n    have = list(stock)\n    out = []\n    for item in wanted:\n        if item not in have:\n            out.append(item)\n    return out\n",
            lines=(5,),
        ),
        Invalid(
            "def drain(queue, blocked: list[str]):\n    while queue:\n        job = queue.pop()\n        if job.name in blocked:\n            continue\n        job.run()\n",
            lines=(4,),
        ),
        Invalid(
            "def report(rows, codes):\n    known = tuple(sorted(codes))\n    for row in rows:\n        for cell in row:\n            if cell in known:\n                print(cell)\n",
            lines=(5,),
        ),
    )

    def visit_Comparison(self, node: cst.Comparison, ctx: RuleContext) -> None:
        """``<needle> in <name>`` where ``<name>`` is a data-sized list or tuple."""
        loop = ctx.loop
        if loop is not None and not runs_fixed_times(ctx):
            for test in memberships(node):
                self._check(node, test, loop, ctx)

    def _check(self, node: cst.Comparison, test: Membership, loop: Loop, ctx: RuleContext) -> None:
        name = test.name
        binding = sequence_binding(ctx, name)
        if binding is None or not varies_with(test.needle, loop, ctx):
            return  # a needle that is the same every iteration wants hoisting, not a set
        inner = loop_region(ctx, loop)
        if rebinds(name, inner) or changes_in_place(name, loop_region(ctx, ctx.loops[0])):
            return
        if not is_data_sized(binding, ctx):  # last: it may scan the whole owning scope
            return
        kind = "tuple" if binding.kinds <= {"tuple", "param:tuple"} else "list"
        shown = f"{quote(ctx, test.needle)} {test.operator} {name}"
        items = named_items(name, ctx) or unhashable_in_loop(
            test.needle, loop.targets, loop.iterable, ctx
        )
        ctx.report(
            node,
            f"`{shown}` inside `{loop.header}` scans the whole {kind} `{name}` on every iteration",
            rationale=(
                f"`{name}` is a {kind} built from data, so each test compares against its items "
                f"one by one and the loop costs O(iterations × len({name})). "
                f"{_instead(name, kind, items)}"
            ),
        )


def _instead(name: str, kind: str, items: str | None) -> str:
    """A set built once; for unhashable items, the hashable form they must take first."""
    if items is None:
        return (
            f"Build a set once before the loop (`{name}_set = set({name})`, or a set "
            f"comprehension if nothing else needs the {kind}) and test against that; the items "
            f"must be hashable."
        )
    return (
        f"Its items are {items}s, which a set cannot hold (`set({name})` raises TypeError): "
        f"build a set of {HASHABLE_FORM[items]} of each item once before the loop and test "
        f"the needle in the same form, or keep the scan if the {kind} stays short."
    )
