"""RB317 on a module mixing one-by-one removals from data-sized lists with their near misses."""

from __future__ import annotations

from reviewbot.pipeline.rule_examples import findings_for
from reviewbot.ruleset.registry import builtin_registry
from tests.rules.marked import flagged_lines, marked_lines

SOURCE = """\
KINDS = ["refund", "credit", "debit"]


def unmatched(invoices, payments):
    open_items = [i.number for i in invoices]
    for payment in payments:
        if payment.invoice in open_items:
            open_items.remove(payment.invoice)  # <- RB317
    return open_items


def retire(holds: list[str], releases):
    for release in releases:
        del holds[holds.index(release.hold)]  # <- RB317


def book(slots: list[int], requests):
    for request in requests:
        slots.pop(slots.index(request.slot))  # <- RB317
        slots.pop(0)  # RB306's: the front, not a search


class Scheduler:
    def __init__(self, jobs):
        self.waiting = []
        self.waiting.extend(jobs)

    def finish(self, done):
        for job in done:
            self.waiting.remove(job)  # <- RB317


def first_claim(agents, tickets):
    free = list(agents)
    for ticket in tickets:
        if ticket.agent in free:
            free.remove(ticket.agent)  # runs once: the loop breaks right after
            break
    return free


def as_set(sessions, users):
    live = set(sessions)
    for user in users:
        live.remove(user.session)  # a set: a hash lookup
    return live


def as_dict(prices, skus):
    table = dict(prices)
    for sku in skus:
        del table[sku]  # a dict: a hash lookup
    return table


def from_constants(rows):
    kinds = ["refund", "credit", "debit"]
    for row in rows:
        if row.kind in kinds:
            kinds.remove(row.kind)  # a list written out in the source: a constant cost
    return kinds


def module_constant(rows):
    for row in rows:
        KINDS.remove(row.kind)  # a constant list, not a local one: not judged


def few_constants(names):
    names = list(names)
    for name in ("tmp", "cache", "log"):
        names.remove(name)  # a loop over three literal values: loop:fixed
    return names


def per_object(order, lines):
    remaining = list(lines)
    for line in order.lines:
        remaining.remove(line)  # one order's lines: loop:per-object
    return remaining


def per_row_copy(rows):
    for row in rows:
        tags = list(row.tags)
        tags.remove(row.primary)  # a fresh list per iteration
        yield tags


def same_item(lines):
    lines = list(lines)
    while "" in lines:
        lines.remove("")  # the same item every time
    return lines


def inside_raise(rows, names):
    pending = list(names)
    for row in rows:
        if row.bad:
            raise ValueError(pending.remove(row.name))  # part of the exit: runs once
"""


def test_fires_exactly_on_removals_from_data_sized_lists() -> None:
    assert flagged_lines(SOURCE, "RB317") == marked_lines(SOURCE, "RB317")


def test_message_says_what_why_and_what_instead() -> None:
    first, deleted, popped, held = findings_for("RB317", SOURCE, builtin_registry(), {})
    assert first.message == (
        "`open_items.remove(payment.invoice)` inside `for payment in payments:` scans and "
        "shifts the list `open_items` on every iteration (the loop walks `payments`, records the "
        "caller passes in)"
    )
    assert "open_items = [x for x in open_items if x not in drop]" in first.rationale
    assert "keeps the survivors' order" in first.rationale
    assert deleted.message.startswith("`del holds[holds.index(release.hold)]`")
    assert popped.message.startswith("`slots.pop(slots.index(request.slot))`")
    assert "`self.waiting`" in held.message
    assert first.loop_fact == (
        "loop:data",
        "the loop walks `payments`, records the caller passes in",
    )
