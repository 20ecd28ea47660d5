"""RB318 on a module mixing DataFrames grown inside loops with their near misses."""

from __future__ import annotations

from reviewbot.pipeline.rule_examples import findings_for
from reviewbot.ruleset.registry import builtin_registry
from tests.rules.marked import flagged_lines, marked_lines

SOURCE = """\
import pandas as pd
from pandas import concat


def load(paths):
    frame = pd.DataFrame()
    for path in paths:
        frame = pd.concat([frame, pd.read_csv(path)], ignore_index=True)  # <- RB318
    return frame


def ledger(rows):
    table = pd.DataFrame(columns=["sku", "qty"])
    for row in rows:
        table = table.append({"sku": row.sku, "qty": row.qty}, ignore_index=True)  # <- RB318
    return table


def prepend(frame: pd.DataFrame, chunks):
    for chunk in chunks:
        frame = concat((chunk, frame))  # <- RB318
    return frame


class Archive:
    def add(self, batches):
        for batch in batches:
            self.history = pd.concat([self.history, batch])  # <- RB318


def once_after(paths):
    pieces = []
    for path in paths:
        pieces.append(pd.read_csv(path))
    return pd.concat(pieces)  # once, after the loop


def pieces_of_this_iteration(groups):
    for group in groups:
        both = [group.left, group.right]
        merged = pd.concat(both)  # a fresh frame from this iteration's pieces
        yield pd.concat([group.left, merged])  # not assigned back: nothing accumulates


def few_sheets(path):
    frame = pd.DataFrame()
    for sheet in ("2023", "2024", "2025"):
        frame = pd.concat([frame, pd.read_excel(path, sheet_name=sheet)])  # loop:fixed
    return frame


def until_ready(frame: pd.DataFrame, chunks):
    for chunk in chunks:
        if chunk.complete:
            frame = pd.concat([frame, chunk])  # runs once: the loop breaks right after
            break
    return frame


def per_object(order):
    frame = pd.DataFrame()
    for line in order.lines:
        frame = pd.concat([frame, line.frame()])  # one order's lines: loop:per-object
    return frame


def list_append(rows):
    out = []
    for row in rows:
        out.append(row)  # a list grows in place
    return out


def unknown_append(rows, log):
    for row in rows:
        log = log.append(row)  # not known to be a DataFrame
    return log


def not_pandas(rows, frame):
    for row in rows:
        frame = merge_all([frame, row])  # some other function
    return frame
"""


def test_fires_exactly_on_frames_grown_across_iterations() -> None:
    assert flagged_lines(SOURCE, "RB318") == marked_lines(SOURCE, "RB318")


def test_message_says_what_why_and_what_instead() -> None:
    concat_found, appended, *_ = findings_for("RB318", SOURCE, builtin_registry(), {})
    assert concat_found.message == (
        "`frame = pd.concat([frame, pd.read_csv(path)], ignore_index=True)` inside "
        "`for path in paths:` copies every row of `frame` gathered so far on each iteration (the "
        "loop walks `paths`, a parameter whose size the caller decides)"
    )
    assert "call `pd.concat(pieces)` once after it" in concat_found.rationale
    assert appended.rationale.startswith("`DataFrame.append` builds a new frame")
