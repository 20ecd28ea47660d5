"""RB303 on a module mixing constant regexes in loops with their near misses."""

from __future__ import annotations

import re

from reviewbot.pipeline.rule_examples import findings_for
from reviewbot.ruleset.registry import builtin_registry

SOURCE = """\
import re
import re as rx
from re import sub

ORDER = re.compile(r"ORD-(\\d+)")
DATE = r"\\d{4}-\\d{2}-\\d{2}"


def order_ids(lines):
    found = []
    for line in lines:
        match = re.search(r"ORD-(\\d+)", line)  # 12
        if match:
            found.append(match.group(1))
    return found


def compiled(lines):
    return [ORDER.search(line) for line in lines]  # compiled at module level


def squash(lines):
    return [sub(r"\\s+", " ", line) for line in lines]  # 23: from re import sub


def tokens(stream):
    while stream.more():
        word = rx.compile(r"\\w+")  # 28: import re as rx
        yield word.findall(stream.read())


def dates(rows):
    for row in rows:
        yield re.findall(DATE, row.text)  # 34: a name bound to a literal


def per_word(words, text):
    return [w for w in words if re.search(re.escape(w), text)]  # dynamic pattern


def once(text):
    return re.match(r"\\d+", text)  # no loop


def varying(rows):
    pattern = r"a"
    for row in rows:
        pattern = pattern + row.suffix
        yield re.match(pattern, row.text)  # the pattern changes every iteration


def callback(rows):
    for row in rows:
        def check(text):
            return re.match(r"x", text)  # defined in the loop, runs when called
        row.register(check)
"""


def test_fires_exactly_on_constant_patterns_in_loops() -> None:
    found = findings_for("RB303", SOURCE, builtin_registry(), {})
    assert [f.line for f in found] == [12, 23, 28, 34]


def test_message_quotes_the_call_and_the_loop() -> None:
    found = findings_for("RB303", SOURCE, builtin_registry(), {})
    assert found[2].message == (
        '`rx.compile(r"\\w+")` inside `while stream.more():` looks the constant '
        "pattern up in `re`'s cache on every iteration (`while stream.more()` repeats as long as "
        "the code decides)"
    )
    assert re.search(r"512", found[0].rationale)
