"""RB309 on a module mixing index loops with their near misses, and its fix."""

from __future__ import annotations

import ast

from reviewbot.engine.edits import apply_fixes
from reviewbot.pipeline.rule_examples import findings_for
from reviewbot.ruleset.registry import builtin_registry

SOURCE = """\
def total(prices: list[float]):
    amount = 0
    for i in range(len(prices)):  # 3: safe fix
        amount += prices[i]
    return amount


def shift(values):
    for i in range(len(values)):  # writes values[i]
        values[i] = values[i] * 2


def deltas(values):
    return [values[i] - values[i - 1] for i in range(1, len(values))]


def neighbours(values):
    for i in range(len(values)):  # computes with i
        print(values[i], values[i - 1])


def after(values):
    for i in range(len(values)):  # i is read after the loop
        print(values[i])
    return i


def mapping(counts):
    counts = dict(counts)
    for i in range(len(counts)):  # a dict iterates over keys
        print(counts[i])


def deactivate(users, user):
    for i in range(len(users)):  # 35: unknown type, `user` taken: unsafe fix to `item`
        if users[i] is not user:
            users[i].active = False


def grows(values):
    for i in range(len(values)):  # the loop appends to values
        values.append(values[i])


class Cart:
    def show(self):
        for i in range(len(self.lines)):  # 47: an attribute: reported, no fix
            print(self.lines[i])


def two_loops(rows):
    for i in range(len(rows)):  # 52: i rebound by the next loop before any read
        print(rows[i])
    for i in range(3):
        print(i)
"""

FIXED = """\
def total(prices: list[float]):
    amount = 0
    for price in prices:  # 3: safe fix
        amount += price
    return amount
"""


def test_fires_exactly_on_index_only_loops() -> None:
    found = findings_for("RB309", SOURCE, builtin_registry(), {})
    assert [f.line for f in found] == [3, 35, 47, 52]


def test_fix_safety_follows_what_is_known_about_the_sequence() -> None:
    found = findings_for("RB309", SOURCE, builtin_registry(), {})
    fixes = [f.fix for f in found]
    assert fixes[0] is not None and fixes[0].safe
    assert fixes[1] is not None and not fixes[1].safe  # `users` has no annotation
    assert fixes[2] is None  # `self.lines`: no fix offered
    assert fixes[3] is not None and not fixes[3].safe


def test_fix_rewrites_header_and_reads() -> None:
    source = FIXED.replace("for price in prices:", "for i in range(len(prices)):").replace(
        "amount += price\n", "amount += prices[i]\n"
    )
    found = findings_for("RB309", source, builtin_registry(), {})
    fixed = apply_fixes(source, [f.fix for f in found if f.fix is not None]).text
    assert fixed == FIXED
    ast.parse(fixed)
    assert findings_for("RB309", fixed, builtin_registry(), {}) == []


def test_fix_picks_a_free_name() -> None:
    found = findings_for("RB309", SOURCE, builtin_registry(), {})
    edits = found[1].fix.edits if found[1].fix else ()
    assert {edit.replacement for edit in edits} == {"item", "users"}
