"""Tests of the ledger import: the same shapes in test code, where a loop walks a fixture."""

from __future__ import annotations

import copy
import re

from ledger.processing import blocked_rows, render_statement

ROWS = [{"date": "2026-01-0%d" % i, "account": "ACC-%04d" % i, "amount": str(i)} for i in range(1, 6)]


def test_every_row_is_rendered() -> None:
    text = render_statement(ROWS)
    expected = ""
    for row in ROWS:
        expected += row["account"]  # near-miss: concat-in-test
        assert row["account"] in text
    assert expected


def test_no_row_is_blocked(tmp_path) -> None:
    path = tmp_path / "import.csv"
    path.write_text("date,account,amount\n" + "".join(f"{r['date']},{r['account']},{r['amount']}\n" for r in ROWS))
    blocked = blocked_rows(path)
    for row in ROWS:
        assert row not in blocked  # near-miss: list-membership-in-test
        assert re.match(r"ACC-\d{4}", row["account"])  # near-miss: regex-in-test


def test_rendering_does_not_mutate_rows() -> None:
    for row in ROWS:
        before = copy.deepcopy(row)  # near-miss: deepcopy-in-test
        render_statement([row])
        assert row == before
