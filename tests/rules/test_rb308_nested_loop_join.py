"""RB308 on a module mixing nested-loop joins with their near misses."""

from __future__ import annotations

from reviewbot.pipeline.rule_examples import findings_for
from reviewbot.ruleset.registry import builtin_registry

SOURCE = """\
import enum

KINDS = ("order", "refund")


class Color(enum.Enum):
    RED = 1
    BLUE = 2


def attach(orders, customers):
    for order in orders:
        for customer in customers:  # 13: the join
            if order.customer_id == customer.id:
                order.customer = customer


def pairs(left, right):
    return [(a, b) for a in left for b in right if a["id"] == b["left_id"]]  # 19


def children(orders, sku):
    for order in orders:
        for line in order.lines:  # walks the outer item's own children
            if line.sku == sku:
                yield order


def indexed(orders, customers):
    by_id = {c.id: c for c in customers}
    for order in orders:
        order.customer = by_id.get(order.customer_id)  # already a dict


def ranges(sessions, events):
    for s in sessions:
        for e in events:  # a range test, not equality
            if s.start <= e.time < s.end:
                s.events.append(e)


def tally(events, counts):
    for event in events:
        for kind in KINDS:  # a short literal tuple
            if event.kind == kind:
                counts[kind] += 1


def colours(items):
    for item in items:
        for colour in Color:  # an enum class
            if item.colour == colour.value:
                item.paint(colour)


def first_owner(users, rows):
    for user in users:
        for row in rows:  # 58: `and`, then break at the first match
            if row.active and user.id == row.user_id:
                user.row = row
                break


def busy(orders, customers, log):
    for order in orders:
        for customer in customers:  # the inner loop also logs every pair
            log.write(customer.name)
            if order.customer_id == customer.id:
                order.customer = customer
"""


def test_fires_exactly_on_nested_loop_joins() -> None:
    found = findings_for("RB308", SOURCE, builtin_registry(), {})
    assert [f.line for f in found] == [13, 19, 58]


def test_rationale_spells_out_the_index() -> None:
    found = findings_for("RB308", SOURCE, builtin_registry(), {})
    assert found[0].message == (
        "`for customer in customers:` inside `for order in orders:` compares every pair to find "
        "`order.customer_id == customer.id` (the loop walks `orders`, records the caller passes in)"
    )
    assert "customers_by_id = {customer.id: customer for customer in customers}" in (
        found[0].rationale
    )
    assert "customers_by_id.get(order.customer_id)" in found[0].rationale


# What the loop does with repeated keys, and whether keys can be hashed, shapes the index.
SHAPES = """\
def attach(orders, customers):
    for order in orders:
        for customer in customers:
            if order.customer_id == customer.id:
                order.customer = customer


def lines_of(orders, lines):
    for order in orders:
        for line in lines:
            if line.order_id == order.id:
                order.items.append(line)


def first_owner(users, rows):
    for user in users:
        for row in rows:
            if user.id == row.user_id:
                user.row = row
                break


def same_tags(posts, groups):
    tagsets = [set(g.tags) for g in groups]
    for post in posts:
        for tags in tagsets:
            if post.tagset == tags:
                post.grouped = True
"""


def test_the_index_fits_repeated_and_unhashable_keys() -> None:
    found = {f.line: f.rationale for f in findings_for("RB308", SHAPES, builtin_registry(), {})}
    assert sorted(found) == [3, 10, 17, 26]
    # a unique key: the plain dict is right
    assert "(`customers_by_id = {customer.id: customer for customer in customers}`)" in found[3]
    # every match is handled and the key repeats: group into lists
    assert "`lines_by_order_id = defaultdict(list)`" in found[10]
    assert "lines_by_order_id[line.order_id].append(line)" in found[10]
    # first match, as the `break` keeps: setdefault
    assert "rows_by_user_id.setdefault(row.user_id, row)" in found[17]
    # sets cannot be dict keys
    assert "The keys are sets, which cannot key a dict" in found[26]
    assert "`frozenset(...)`" in found[26] and "tagsets_by_key" not in found[26]
