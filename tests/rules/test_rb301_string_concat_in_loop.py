"""RB301 on a module mixing string building in loops with its near misses."""

from __future__ import annotations

from reviewbot.pipeline.rule_examples import findings_for
from tests.rules.marked import REGISTRY, flagged_lines, marked_lines

SOURCE = """\
def render(orders):
    report = ""
    for order in orders:
        report += f"{order.id}\\n"  # <- RB301
    return report


def csv(rows):
    text = ""
    for row in rows:
        for cell in row:
            text = text + cell + ","  # <- RB301
    return text


def count(items):
    total = 0
    for item in items:
        total += item.size
    return total


def columns(rows):
    for row in rows:
        if row.kind:
            line = row.name + "("
        else:
            line = row.name
        line += ")"
        yield line


def describe(fields):
    for field in fields:
        definition = field.sql()
        if field.check:
            definition += " CHECK"
        print(definition)


def lookup(labels, wanted):
    message = f"No app {wanted!r}."
    for label in labels:
        if label.startswith(wanted):
            message += f" Did you mean {label!r}?"
            break
    raise LookupError(message)


def validate(aliases, known):
    for alias in aliases:
        if alias not in known:
            message = f"Unknown alias {alias!r}."
            if known:
                message += f" Did you mean {known[0]!r}?"
            raise ValueError(message)


def attendees(invoice, lines):
    for line in lines:
        desc = line.text
        for answer in line.answers:
            desc += "<br/>" + answer  # <- RB301
        invoice.add(desc)
"""


def test_fires_exactly_on_strings_that_grow_across_iterations() -> None:
    assert flagged_lines(SOURCE, "RB301") == marked_lines(SOURCE, "RB301")


BUILDERS = """\
def frame(packets):
    payload = b""
    for packet in packets:
        payload += packet.header + b"\\x00"
    return payload


def frame_unknown_start(packets, prefix):
    wire = bytes(prefix)
    for packet in packets:
        wire = wire + b"|" + packet.body
    return wire


def report(rows):
    text = ""
    for row in rows:
        text += f"{row.name};"
    return text
"""


def test_bytes_get_a_bytes_joiner_and_strings_keep_str_join() -> None:
    found = {f.line: f for f in findings_for("RB301", BUILDERS, REGISTRY, {})}
    assert sorted(found) == [4, 11, 18]
    for line in (4, 11):
        assert "whole bytes object" in found[line].message
        assert "`b''.join(...)`" in found[line].rationale
        assert "`bytearray`" in found[line].rationale
        assert "`''.join(...)` it once" not in found[line].rationale
    assert "whole string" in found[18].message
    assert "`''.join(...)` it once after the loop" in found[18].rationale
    assert "b''" not in found[18].rationale
