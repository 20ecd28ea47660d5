"""RB313 on report helpers: whole-container builtins the loop recomputes for nothing."""

from __future__ import annotations

from reviewbot.pipeline.rule_examples import findings_for
from tests.rules.marked import REGISTRY, flagged_lines, marked_lines

REPORTS = """\
TIERS = ("bronze", "silver", "gold")
ROLES = ["admin", "staff"]


def visible(rows, hidden_ids: list[int]):
    return [row for row in rows if row.id not in set(hidden_ids)]  # <- RB313


def visible_hoisted(rows, hidden_ids: list[int]):
    hidden = set(hidden_ids)
    return [row for row in rows if row.id not in hidden]


def shares(rows):
    values = [row.value for row in rows]
    for row in rows:
        row.share = row.value / sum(values)  # <- RB313
        row.rank = sorted(values).index(row.value)  # <- RB313
        row.top = row.value == max(values)  # <- RB313
    return rows


def running_max(rows):
    seen = [row.value for row in rows[:1]]
    for row in rows:
        seen.append(row.value)
        row.best = max(seen)


def copies(rows, defaults: list[str]):
    out = []
    for row in rows:
        fields = list(defaults)
        fields.append(row.name)
        out.append(fields)
    return out


def tiers(customers):
    return [c for c in customers if c.tier in set(TIERS)]


def padding(rows, columns: list[str]):
    for row in rows:
        while len(row) < len(columns):
            row.append(None)


def shared_state(rows, registry):
    names = [row.name for row in rows]
    registry.track(names)
    for row in rows:
        row.known = row.name in set(names)


def tags(posts, allowed: tuple[str, ...]):
    for post in posts:
        for tag in post.tags:
            if tag in frozenset(allowed):  # <- RB313
                yield tag


def identity(posts, allowed: tuple[str, ...]):
    return [p for p in posts if p.tag in tuple(allowed)]


def per_row_key(rows, labels: list[str]):
    for row in rows:
        row.label = sorted(labels, key=lambda label: label.startswith(row.prefix))[0]


def ordered(rows, names: list[str]):
    for row in rows:
        for name in sorted(names):  # <- RB313
            print(row, name)
"""


def test_flags_exactly_the_marked_lines() -> None:
    assert flagged_lines(REPORTS, "RB313") == marked_lines(REPORTS, "RB313")


def test_message_names_the_call_the_container_and_the_loop() -> None:
    first = findings_for("RB313", REPORTS, REGISTRY, {})[0]
    assert first.message == (
        "`set(hidden_ids)` inside `for row in rows` recomputes the same result on every "
        "iteration: `hidden_ids` does not change in the loop; compute it once before the loop "
        "(the loop walks `rows`, records the caller passes in)"
    )


FILE_READS = '''\
import json


def settings_per_row(path, rows):
    for line in open(path):  # the loop's own iterable: opened once
        print(line)
    for row in rows:
        with open(path) as handle:  # <- RB313
            row.config = json.load(handle)
    for row in rows:
        with open(row.path) as handle:  # a different file each time
            row.config = json.load(handle)
    for row in rows:
        with open(path, "a") as handle:  # writes, not reads
            handle.write(row.text)
    labels = [path.read_text() + str(row) for row in rows]  # <- RB313
    return labels
'''


def test_a_file_read_the_same_on_every_iteration_is_reported() -> None:
    assert flagged_lines(FILE_READS, "RB313") == marked_lines(FILE_READS, "RB313")
    first = findings_for("RB313", FILE_READS, REGISTRY, {})[0]
    assert first.message.startswith(
        "`open(path)` inside `for row in rows:` reads the same file on every iteration"
    )
