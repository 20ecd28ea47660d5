"""RB305 on a module mixing deep copies in loops with their near misses."""

from __future__ import annotations

from reviewbot.pipeline.rule_examples import findings_for
from reviewbot.ruleset.registry import builtin_registry

SOURCE = """\
import copy
import copy as cp
from copy import deepcopy


def invoices(customers, template):
    out = []
    for customer in customers:
        invoice = copy.deepcopy(template)  # 9: a loop-invariant template
        invoice["customer"] = customer.id
        out.append(invoice)
    return out


def defaults(users, base):
    return {u.id: deepcopy(base) for u in users}  # 16: from copy import deepcopy


def shallow(rows):
    return [copy.copy(row) for row in rows]  # a shallow copy


def before(events, state):
    work = copy.deepcopy(state)  # once, before the loop
    for event in events:
        work.apply(event)
    return work


def retry(job, attempts):
    while attempts:
        attempt = cp.deepcopy(job)  # each attempt runs, and may change, its own copy
        if attempt.run():
            return attempt
        attempts -= 1


def clones(prototypes):
    return [p.deepcopy() for p in prototypes]  # a method named deepcopy


def backups(records):
    return {r.id: deepcopy(r) for r in records}  # one copy per record


class Node:
    def __deepcopy__(self, memo):
        new = Node()
        for key, value in self.__dict__.items():
            setattr(new, key, deepcopy(value, memo))  # copies each field once
        return new


def shadowed(items):
    def deepcopy(value):
        return value
    return [deepcopy(i) for i in items]  # a local function, not copy.deepcopy


def labels(orders, template):
    out = []
    for order in orders:
        label = cp.deepcopy(template)  # 63: import copy as cp; changed at its top level only
        label.title = order.number
        out.append(label)
    return out


def split(calls):
    for call in calls:
        piece = copy.deepcopy(call.template)  # changed below its top level
        piece["function"]["arguments"] = call.arguments
        yield piece


def grants(users, merge, defaults):
    for user in users:
        rights = copy.deepcopy(defaults)  # handed to a function that may change it
        merge(rights, user.grants)
        user.rights = rights
"""


def test_fires_exactly_on_deepcopy_in_loops() -> None:
    found = findings_for("RB305", SOURCE, builtin_registry(), {})
    assert [f.line for f in found] == [9, 16, 63]


def test_message_names_the_copy_and_the_loop() -> None:
    found = findings_for("RB305", SOURCE, builtin_registry(), {})
    assert found[0].message == (
        "`copy.deepcopy(template)` inside `for customer in customers:` deep-copies the same "
        "object on every iteration (the loop walks `customers`, records the caller passes in)"
    )
    assert "make it once before `for customer in customers:`" in found[0].rationale
