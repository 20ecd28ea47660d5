"""RB306 on a module mixing front-of-list operations in loops with their near misses."""

from __future__ import annotations

from reviewbot.pipeline.rule_examples import findings_for
from reviewbot.ruleset.registry import builtin_registry

SOURCE = """\
from collections import deque


def breadth_first(root):
    queue = [root]
    while queue:
        node = queue.pop(0)  # 7: a literal the loop grows
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
        result.insert(0, event)  # 23
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
        out.append(tokens.pop(0).upper())  # 49: annotated list parameter
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
"""


def test_fires_exactly_on_list_front_operations_in_loops() -> None:
    found = findings_for("RB306", SOURCE, builtin_registry(), {})
    assert [f.line for f in found] == [7, 23, 49]


def test_message_names_the_call_and_the_loop() -> None:
    found = findings_for("RB306", SOURCE, builtin_registry(), {})
    assert found[0].message == (
        "`queue.pop(0)` inside `while queue:` shifts every item of the list `queue` on each call "
        "(`while queue` repeats as long as the code decides)"
    )
    assert "queue.popleft()" in found[0].rationale
    assert "result.appendleft(...)" in found[1].rationale
