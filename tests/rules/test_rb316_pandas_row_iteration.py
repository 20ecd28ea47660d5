"""RB316 on an ETL module: row-by-row work on known DataFrames."""

from __future__ import annotations

from reviewbot.pipeline.rule_examples import findings_for
from tests.rules.marked import REGISTRY, flagged_lines, marked_lines

ETL = """\
import numpy as np
import pandas as pd
from pandas import DataFrame


def load_orders(path):
    orders = pd.read_csv(path)
    orders["total"] = orders.apply(lambda r: r["price"] * r["qty"], axis=1)  # <- RB316
    return orders


def load_orders_vectorised(path):
    orders = pd.read_csv(path)
    orders["total"] = orders["price"] * orders["qty"]
    orders["band"] = np.where(orders["total"] > 100, "high", "low")
    return orders


def flagged(frame: pd.DataFrame):
    out = []
    for _, row in frame[frame["qty"] > 0].iterrows():  # <- RB316
        if row["price"] > 100:
            out.append(row["sku"])
    return out


def flagged_fast(frame: pd.DataFrame):
    return [row.sku for row in frame.itertuples() if row.price > 100]


def untyped(frame):
    return [row["sku"] for _, row in frame.iterrows()]


def preview(path):
    orders = pd.read_parquet(path)
    for _, row in orders.head(5).iterrows():
        print(row)
    first = next(orders.iterrows())
    return first


def labels(records):
    frame = DataFrame(records).dropna()
    return frame.apply(label_row, axis="columns")  # <- RB316


def column_apply(path):
    prices = pd.read_csv(path)
    return prices.apply(lambda column: column / column.max())


def raw_apply(path):
    prices = pd.read_csv(path)
    return prices.apply(np.sum, axis=1, raw=True)


def series_apply(path):
    prices = pd.read_csv(path)
    return prices["price"].apply(round)


def grouped(path):
    sales = pd.read_csv(path)
    return sales.groupby("region").apply(summarise)


def joined(left: pd.DataFrame, right: pd.DataFrame):
    merged = left.merge(right, on="id")
    for _, row in merged.iterrows():  # <- RB316
        print(row)
"""


def test_flags_exactly_the_marked_lines() -> None:
    assert flagged_lines(ETL, "RB316") == marked_lines(ETL, "RB316")


def test_messages_say_what_each_form_costs() -> None:
    messages = [f.message for f in findings_for("RB316", ETL, REGISTRY, {})]
    assert messages[0].startswith("`orders.apply(lambda r: ")
    assert "calls a Python function once per row" in messages[0]
    assert messages[1] == (
        '`frame[frame["qty"] > 0].iterrows()` builds a pandas Series for every row; use '
        "vectorised column operations (`df['total'] = df['price'] * df['qty']`), or "
        "`itertuples()` if you must loop"
    )
