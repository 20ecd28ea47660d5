"""RB302 on a module mixing list-membership tests in loops with their near misses."""

from __future__ import annotations

from reviewbot.pipeline.rule_examples import findings_for
from reviewbot.ruleset.registry import builtin_registry

SOURCE = """\
STATUSES = ["draft", "sent", "paid"]


def open_invoices(invoices, customers):
    active = [c.id for c in customers if c.active]
    return [i for i in invoices if i.customer_id in active]  # 6: comprehension-built list


def unpaid(invoices):
    return [i for i in invoices if i.status in STATUSES]  # short literal: not reported


def missing(wanted, stock):
    have = list(stock)
    out = []
    for item in wanted:
        if item not in have:  # 17: list(...) scanned per item
            out.append(item)
    return out


def banned(users, blocked: list[str]):
    for user in users:
        if user.name in blocked:  # 24: annotated list parameter
            user.ban()


def by_set(users, blocked):
    names = {b.name for b in blocked}
    return [u for u in users if u.name in names]  # a set: not reported


def grows_in_loop(items):
    seen = []
    for item in items:
        if item not in seen:  # grown by the loop: RB307's, not RB302's
            seen.append(item)
    return seen


def rebuilt_each_time(rows):
    for row in rows:
        tags = list(row.tags)
        if "urgent" in tags:  # a fresh list per iteration
            yield row


def outside(user, accounts):
    ids = [a.id for a in accounts]
    return user.id in ids  # no loop


def nested(groups, users):
    for group in groups:
        members = list(group.members)
        for user in users:
            if user in members:  # 57: rebuilt per group, scanned per user
                user.tag(group)


def after_growth(items, extra):
    pool = []
    for e in extra:
        pool.append(e)
    while items:
        item = items.pop()
        if item in pool:  # 67: grown before this loop, not inside it
            return True
    return False


def digits_only(lines):
    digits = [" "] + [str(d) for d in range(10)]
    return [line for line in lines if line[0] in digits]  # built from a fixed range: a constant


def invariant(rows, allowed_ids):
    allowed = list(allowed_ids)
    for row in rows:
        if "admin" in allowed:  # the same test every iteration: hoisting is the fix
            row.grant()
"""


def test_fires_exactly_on_list_membership_in_loops() -> None:
    found = findings_for("RB302", SOURCE, builtin_registry(), {})
    assert [f.line for f in found] == [6, 17, 24, 57, 67]


def test_message_names_the_test_and_the_loop() -> None:
    found = findings_for("RB302", SOURCE, builtin_registry(), {})
    assert found[1].message == (
        "`item not in have` inside `for item in wanted:` scans the whole list `have` "
        "on every iteration (the loop walks `wanted`, a parameter whose size the caller decides)"
    )


UNHASHABLE = """\
def repeated(groups, rows):
    seen = [set(g.members) for g in groups]
    return [r for r in rows if set(r.members) in seen]


def known_pairs(pairs: list[list[int]], candidates):
    hits = []
    for cand in candidates:
        if list(cand) in pairs:
            hits.append(cand)
    return hits


def active(orders, customers):
    ids = [c.id for c in customers]
    return [o for o in orders if o.customer_id in ids]
"""


def test_unhashable_items_are_not_told_to_go_in_a_set() -> None:
    found = {f.line: f.rationale for f in findings_for("RB302", UNHASHABLE, builtin_registry(), {})}
    assert sorted(found) == [3, 9, 16]
    assert "Its items are sets, which a set cannot hold (`set(seen)` raises TypeError)" in found[3]
    assert "`frozenset(...)`" in found[3] and "seen_set = set(seen)" not in found[3]
    assert "Its items are lists" in found[9] and "`tuple(...)`" in found[9]
    assert "Build a set once before the loop (`ids_set = set(ids)`" in found[16]
