"""Nightly sales report (pandas)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

COLUMNS = ["store", "sku", "quantity", "unit_price", "discount"]
CURRENCIES = ("EUR", "USD", "GBP")


def line_totals(sales: pd.DataFrame) -> pd.Series:
    """Each sale's total after its discount."""
    totals = []
    for _, row in sales.iterrows():  # seeded: iterrows
        totals.append(row["quantity"] * row["unit_price"] * (1 - row["discount"]))
    return pd.Series(totals, index=sales.index)


def line_totals_fast(sales: pd.DataFrame) -> pd.Series:
    """The same as one column expression."""
    return sales["quantity"] * sales["unit_price"] * (1 - sales["discount"])  # near-miss: vectorised


def margins(sales: pd.DataFrame, costs: pd.DataFrame) -> pd.DataFrame:
    """Each sale's margin against the SKU's cost."""
    merged = sales.merge(costs, on="sku", how="left")
    merged["margin"] = merged.apply(lambda r: r["unit_price"] - r["cost"], axis=1)  # seeded: apply-axis-1
    return merged


def normalise_skus(sales: pd.DataFrame) -> pd.DataFrame:
    """SKUs upper-cased, through the string accessor."""
    sales["sku"] = sales["sku"].str.upper()  # near-miss: str-accessor
    sales["store"] = sales["store"].map(str.strip)  # near-miss: series-map
    return sales


def load_all(folder: Path) -> pd.DataFrame:
    """Every store's CSV export, as one frame."""
    frame = pd.DataFrame(columns=COLUMNS)
    for path in sorted(folder.glob("*.csv")):
        frame = pd.concat([frame, pd.read_csv(path)])  # seeded: concat-in-loop
    return frame


def load_all_fast(folder: Path) -> pd.DataFrame:
    """The same with one concat after the loop."""
    frames = [pd.read_csv(path) for path in sorted(folder.glob("*.csv"))]
    return pd.concat(frames, ignore_index=True)  # near-miss: concat-once


def by_currency(sales: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The sales split by each of the three currencies."""
    parts = {}
    for currency in CURRENCIES:
        parts[currency] = pd.concat([sales[sales["currency"] == currency]])  # near-miss: concat-over-constant
    return parts


def top_stores(sales: pd.DataFrame, days: list[str]) -> dict[str, list[str]]:
    """The five best stores of each day."""
    best = {}
    for day in days:
        totals = sales[sales["day"] == day].groupby("store")["total"].sum()
        ranked = sorted(totals.items(), key=lambda item: item[1], reverse=True)  # seeded: sort-in-loop
        best[day] = [store for store, _ in ranked[:5]]
    return best


def write_report(sales: pd.DataFrame, target: Path) -> None:
    """The report's CSV, sorted once by store."""
    ordered = sales.sort_values("store")  # near-miss: sort-once
    ordered.to_csv(target, index=False)
