"""RB319 on a module mixing position searches in data-sized lists with their near misses."""

from __future__ import annotations

from reviewbot.pipeline.rule_examples import findings_for
from reviewbot.ruleset.registry import builtin_registry
from tests.rules.marked import flagged_lines, marked_lines

SOURCE = """\
LEVELS = ["low", "mid", "high"]


def reorder(header, wanted):
    columns = list(header)
    return [columns.index(name) for name in wanted]  # <- RB319


def locate(frame, keys):
    out = {}
    for key in keys:
        out[key] = list(frame.columns).index(key)  # <- RB319
    return out


def ranks(players, scores):
    ordered = sorted(scores)
    for player in players:
        player.rank = ordered.index(player.score)  # <- RB319


class Roster:
    def __init__(self, people):
        self.names = [p.name for p in people]

    def seats(self, guests):
        return {g: self.names.index(g) for g in guests}  # <- RB319


def levels(alerts):
    return [LEVELS.index(a.level) for a in alerts]  # a list written out in the source


def local_constants(alerts):
    steps = ["new", "open", "closed"]
    return [steps.index(a.state) for a in alerts]  # built from constants


def as_dict(header, wanted):
    position = {name: i for i, name in enumerate(header)}
    return [position[name] for name in wanted]  # a dict lookup


def substrings(lines):
    return [line.index("=") for line in lines]  # str.index in one line


def first_late(rows, order):
    names = list(order)
    for row in rows:
        if row.late:
            found = names.index(row.name)  # runs once: the loop breaks right after
            break
    return found


def returned(rows, order):
    names = list(order)
    for row in rows:
        if row.late:
            return names.index(row.name)  # part of the return: runs once
    return -1


def few_keys(frame):
    names = list(frame.columns)
    for key in ("id", "total"):
        print(names.index(key))  # two literal keys: loop:fixed


def per_object(order, catalogue):
    skus = list(catalogue)
    for line in order.lines:
        line.slot = skus.index(line.sku)  # one order's lines: loop:per-object


def same_item(rows, scores, target):
    ordered = sorted(scores)
    for row in rows:
        row.mark = ordered.index(target)  # the same item every iteration: hoist it


def changed_by_loop(rows, pool):
    free = list(pool)
    for row in rows:
        free.pop(free.index(row.slot))  # the loop changes the list: a dict would go stale


def copied_each_row(rows, accounts):
    for row in rows:
        ordered = sorted(accounts)
        row.rank = ordered.index(row.account)  # <- RB319


def fresh_each_row(rows):
    for row in rows:
        cells = list(row.cells)
        yield cells.index(row.key)  # a fresh list per iteration
"""


def test_fires_exactly_on_searches_of_data_sized_lists() -> None:
    assert flagged_lines(SOURCE, "RB319") == marked_lines(SOURCE, "RB319")


def test_message_says_what_why_and_what_instead() -> None:
    plain, copied, ordered, _, resorted = findings_for("RB319", SOURCE, builtin_registry(), {})
    assert plain.message == (
        "`columns.index(name)` inside `for name in wanted` scans `columns` on every iteration "
        "(the loop walks `wanted`, a parameter whose size the caller decides)"
    )
    assert "position.setdefault(v, i)` keeps the first position" in plain.rationale
    assert copied.message == (
        "`list(frame.columns).index(key)` inside `for key in keys:` copies and scans "
        "`list(frame.columns)` on every iteration (the loop walks `keys`, a parameter whose size "
        "the caller decides)"
    )
    assert "`frame.columns.get_loc(name)` is already a hash lookup" in copied.rationale
    assert "enumerate(sorted(scores))" not in ordered.rationale  # a named list: its own order
    assert "enumerate(ordered)" in ordered.rationale
    assert resorted.message == (
        "`ordered.index(row.account)` inside `for row in rows:` copies and scans `ordered` on "
        "every iteration (the loop walks `rows`, records the caller passes in)"
    )
    assert "enumerate(sorted(accounts))" in resorted.rationale


UNHASHABLE = """\
def slots(layouts, rows):
    shapes = [sorted(layout.cells) for layout in layouts]
    return [shapes.index(sorted(row.cells)) for row in rows]


def reorder(header, wanted):
    columns = list(header)
    return [columns.index(name) for name in wanted]
"""


def test_positions_of_unhashable_items_need_a_hashable_key() -> None:
    found = {f.line: f.rationale for f in findings_for("RB319", UNHASHABLE, builtin_registry(), {})}
    assert sorted(found) == [3, 8]
    assert "Its items are lists, which cannot key a dict of positions" in found[3]
    assert "`tuple(...)` of each item" in found[3]
    assert "position.setdefault(v, i)" not in found[3]
    assert "`for i, v in enumerate(columns): position.setdefault(v, i)`" in found[8]
