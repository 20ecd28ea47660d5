"""RB306 on a module mixing front-of-list operations in loops with their near misses."""

from __future__ import annotations

from reviewbot.pipeline.rule_examples import findings_for
from reviewbot.ruleset.registry import builtin_registry

SOURCE = """\
from collections import deque
from dataclasses import dataclass, field


def breadth_first(root):
    queue = [root]
    while queue:
        node = queue.pop(0)  # 8: a literal the loop grows
        yield node
        queue.extend(node.children)


def with_deque(root):
    queue = deque([root])
    while queue:
        node = queue.popleft()  # a deque
        queue.appendleft(node)
        queue.insert(0, node)  # deque.insert: not a list


def newest_first(events):
    result = []
    for event in events:
        result.insert(0, event)  # 24
    return result


def stack(root):
    todo = [root]
    while todo:
        node = todo.pop()  # from the end: O(1)
        todo.extend(node.children)
        todo.insert(1, node)  # not the front


def head(items):
    rest = list(items)
    return rest.pop(0), rest  # no loop


def fixed_flags():
    pending = ["--verbose", "--dry-run"]
    while pending:
        print(pending.pop(0))  # a short literal drained once


def consume(tokens: list[str]):
    out = []
    while tokens:
        out.append(tokens.pop(0).upper())  # 50: annotated list parameter
    return out


def per_line(lines):
    for line in lines:
        parts = list(line.split(","))
        parts.pop(0)  # a fresh list per iteration
        yield parts


def unknown(source):
    items = source.fetch()
    while items:
        items.pop(0)  # type unknown: not reported


class Crawler:
    def __init__(self, seeds):
        self.frontier = []
        self.frontier.extend(seeds)

    def crawl(self):
        while self.frontier:
            page = self.frontier.pop(0)  # 74: a list `__init__` sets, grown by the class
            self.frontier.extend(page.links)


class Journal:
    entries = []

    def record(self, events):
        for event in events:
            self.entries.insert(0, event)  # 83: a list the class body sets


@dataclass
class Backlog:
    items: list = field(default_factory=list)

    def triage(self, tickets):
        for ticket in tickets:
            self.items.insert(0, ticket)  # 92: a dataclass list field


class Worker:
    def __init__(self):
        self.todo = []

    def reset(self):
        self.todo = deque()

    def run(self, jobs):
        for job in jobs:
            self.todo.insert(0, job)  # a deque after reset(): not always a list


class Flags:
    def __init__(self):
        self.pending = ["--verbose", "--dry-run"]

    def drain(self):
        while self.pending:
            print(self.pending.pop(0))  # a short literal only drained


class Batches:
    def __init__(self, rows):
        self.rows = rows

    def each(self):
        while self.rows:
            yield self.rows.pop(0)  # assigned from a parameter: not known to be a list


class Rebuilt:
    def __init__(self):
        self.buffer = []

    def lines(self, rows):
        for row in rows:
            self.buffer = list(row.cells)
            self.buffer.insert(0, row.key)  # a fresh list per iteration


class Defaults:
    def __init__(self):
        self.order = []

    def prefixes(self):
        for name in ("a", "b", "c"):
            self.order.insert(0, name)  # three literal values: loop:fixed
"""


def test_fires_exactly_on_list_front_operations_in_loops() -> None:
    found = findings_for("RB306", SOURCE, builtin_registry(), {})
    assert [f.line for f in found] == [8, 24, 50, 74, 83, 92]


def test_message_names_the_call_and_the_loop() -> None:
    found = findings_for("RB306", SOURCE, builtin_registry(), {})
    assert found[0].message == (
        "`queue.pop(0)` inside `while queue:` shifts every item of the list `queue` on each call "
        "(`while queue` repeats as long as the code decides)"
    )
    assert "queue.popleft()" in found[0].rationale
    # `newest_first` returns the list it builds in reverse: a list is what the caller gets
    assert "one `result.reverse()` after it" in found[1].rationale


def test_an_attribute_list_is_named_as_the_code_spells_it() -> None:
    found = findings_for("RB306", SOURCE, builtin_registry(), {})
    assert found[3].message == (
        "`self.frontier.pop(0)` inside `while self.frontier:` shifts every item of the list "
        "`self.frontier` on each call (`while self.frontier` repeats as long as the code decides)"
    )
    assert "`self.frontier = deque(...)`" in found[3].rationale


PREPENDS = """\
def lineage(node):
    chain = []
    while node is not None:
        chain.insert(0, node.name)
        node = node.parent
    return chain


def tail_digits(n, base):
    out = []
    while n:
        n, d = divmod(n, base)
        out.insert(0, d)
    return out[-4:]


def path_text(node):
    trail = []
    while node is not None:
        trail.insert(0, node.title)
        node = node.parent
    return " / ".join(trail)


def triage(items):
    ordered = []
    for item in items:
        if item.urgent:
            ordered.insert(0, item)
        else:
            ordered.append(item)
    ordered.sort(key=len)
    return len(ordered)
"""


def test_prepends_to_a_list_used_as_a_list_get_append_then_reverse() -> None:
    found = {f.line: f.rationale for f in findings_for("RB306", PREPENDS, builtin_registry(), {})}
    assert sorted(found) == [4, 13, 20, 29]
    assert "It is returned after the loop, which needs a list, not a deque" in found[4]
    assert "`chain.append(...)` in the loop and one `chain.reverse()` after it" in found[4]
    assert "deque" not in found[13].replace("not a deque", "")
    assert "It is sliced after the loop" in found[13]


def test_deque_stays_the_advice_where_it_fits() -> None:
    found = {f.line: f.rationale for f in findings_for("RB306", PREPENDS, builtin_registry(), {})}
    # only walked by `join`: a deque serves, and append + reverse is offered beside it
    assert "use `trail.appendleft(...)`, which is O(1), or use `trail.append(...)`" in found[20]
    # appends at both ends: one reverse would scramble the order, so only the deque fits
    assert "`ordered.appendleft(...)`" in found[29]
    assert "reverse()" not in found[29]
    assert "convert it with `list(ordered)`" in found[29]
