"""RB307 on a module mixing list scans in loops with their near misses."""

from __future__ import annotations

from reviewbot.pipeline.rule_examples import findings_for
from reviewbot.ruleset.registry import builtin_registry

SOURCE = """\
LEVELS = ["debug", "info", "warning", "error"]


def unique_emails(users):
    seen = []
    for user in users:
        if user.email not in seen:  # 7: the classic dedupe
            seen.append(user.email)
    return seen


def with_set(items):
    seen = set()
    out = []
    for item in items:
        if item not in seen:  # a set
            seen.add(item)
            out.append(item)
    return out


def duplicates(rows):
    keys = [row.key for row in rows]
    return [k for k in keys if keys.count(k) > 1]  # 24: count per item


def ranks(records):
    return [LEVELS.index(r.level) for r in records]  # a short literal


def crawl(start, links):
    visited = [start]
    pending = [start]
    while pending:
        page = pending.pop()
        if page in visited:  # 36: grown below, in the same loop
            continue
        visited.append(page)
        pending.extend(links(page))


def per_row(rows):
    for row in rows:
        cells = list(row)
        if cells.count("") > 2:  # a fresh list per iteration
            yield row


def positions(names, people):
    ordered = sorted(names)
    out = {}
    for person in people:
        out[person.id] = ordered.index(person.name)  # 53: a sorted list, searched per person
    return out


def commas(lines):
    return [line.count(",") for line in lines]  # str.count


def searched_after(rows, wanted):
    out = []
    for row in rows:
        out.append(row.id)
    return wanted in out  # after the loop


def same_question(rows, names):
    ordered = sorted(names)
    for row in rows:
        row.rank = ordered.index("root")  # the same answer every iteration
"""


def test_fires_exactly_on_repeated_list_scans() -> None:
    found = findings_for("RB307", SOURCE, builtin_registry(), {})
    assert [f.line for f in found] == [7, 24, 36, 53]


def test_messages_name_the_list_and_the_loop() -> None:
    found = findings_for("RB307", SOURCE, builtin_registry(), {})
    assert found[0].message == (
        "`user.email not in seen` inside `for user in users:` scans the list `seen`, "
        "which grows as the loop runs (the loop walks `users`, records the caller passes in)"
    )
    assert found[1].message == (
        "`keys.count(k)` inside `for k in keys` scans the whole list `keys` on every iteration "
        "(the loop walks `keys`, records the caller passes in)"
    )
    assert "collections.Counter(keys)" in found[1].rationale
    assert "setdefault" in found[3].rationale


def test_rb302_stays_quiet_where_rb307_reports() -> None:
    assert findings_for("RB302", SOURCE, builtin_registry(), {}) == []


UNHASHABLE = """\
def distinct_pairs(rows):
    kept = []
    for row in rows:
        pair = [row.left, row.right]
        if pair not in kept:
            kept.append(pair)
    return kept


def distinct_emails(users):
    kept = []
    for user in users:
        if user.email not in kept:
            kept.append(user.email)
    return kept
"""


def test_unhashable_items_are_not_told_to_go_in_a_set() -> None:
    found = {f.line: f.rationale for f in findings_for("RB307", UNHASHABLE, builtin_registry(), {})}
    assert sorted(found) == [5, 13]
    assert "The items are lists, which a set or dict cannot hold" in found[5]
    assert "`tuple(...)`" in found[5] and "kept_set = set()" not in found[5]
    assert "(`kept_set = set()`, test `in kept_set`" in found[13]


def test_advice_about_the_needle_never_drops_the_report() -> None:
    # `node` is bound three times in the function; looking at its kinds for the advice must not
    # make the report depend on them (a report depending on a binding is dropped when the rest
    # of the file rebinds the name).
    source = (
        "def check_cycles(graph):\n"
        "    todo = set(graph.nodes)\n"
        "    while todo:\n"
        "        node = todo.pop()\n"
        "        path = [node]\n"
        "        while path:\n"
        "            for child in graph.children(path[-1]):\n"
        "                node = child.key\n"
        "                if node in path:\n"
        "                    raise ValueError(node)\n"
        "                if node in todo:\n"
        "                    path.append(node)\n"
        "                    todo.remove(node)\n"
        "                    break\n"
        "            else:\n"
        "                node = path.pop()\n"
    )
    found = findings_for("RB307", source, builtin_registry(), {})
    assert [f.line for f in found] == [9]
