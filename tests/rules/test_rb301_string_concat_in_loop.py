"""RB301 on a module mixing string building in loops with its near misses."""

from __future__ import annotations

from tests.rules.marked import flagged_lines, marked_lines

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
