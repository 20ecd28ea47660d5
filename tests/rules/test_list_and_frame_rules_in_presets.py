"""RB317-RB319 and RB306 on attributes through the real CLI: reported by ``strict`` in loops over
data, dropped with the loop fact or the file's role as the reason, and not selected by the
default preset."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewbot.cli.main import main
from tests.gitrepo import make_repo

RULES = ("RB306", "RB317", "RB318", "RB319")

SOURCE = '''"""Settlement."""

import pandas as pd


def settle(invoices, payments):
    """Settle."""
    open_ids = [i.id for i in invoices]
    numbers = [i.number for i in invoices]
    frame = pd.DataFrame()
    for payment in payments:
        open_ids.remove(payment.invoice_id)
        frame = pd.concat([frame, payment.frame()])
        payment.slot = numbers.index(payment.number)
    for kind in ("refund", "credit"):
        open_ids.remove(kind)
    for line in payments[0].lines:
        frame = pd.concat([frame, line.frame()])
    for payment in payments:
        if payment.last:
            return numbers.index(payment.number)
    return frame


class Queue:
    """A queue."""

    def __init__(self, jobs):
        """Start with the jobs."""
        self.waiting = list(jobs)

    def run(self):
        """Run."""
        while self.waiting:
            self.waiting.pop(0).run()
'''


def _check(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    code = main(["check", str(root), "--format", "json", "--quiet", "--show-dropped", *args])
    assert code in (0, 1)
    report: dict[str, object] = json.loads(capsys.readouterr().out)
    return report


def _found(report: dict[str, object], key: str) -> list[tuple[str, int, str, str]]:
    items = report[key]
    assert isinstance(items, list)
    return sorted(
        (item["path"], item["line"], item["rule"], item.get("dropped", {}).get("reason", ""))
        for item in items
        if item["rule"] in RULES
    )


def test_strict_reports_them_in_loops_over_data_and_says_why_it_drops_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo", {"shop/settle.py": SOURCE, "tests/test_settle.py": SOURCE})
    report = _check(root, capsys, "--isolated", "--no-cache", "--preset", "strict")
    source = "shop/settle.py"
    assert _found(report, "findings") == [
        (source, 12, "RB317", ""),
        (source, 13, "RB318", ""),
        (source, 14, "RB319", ""),
        (source, 35, "RB306", ""),
    ]
    dropped = _found(report, "dropped")
    assert [d for d in dropped if d[0] == source] == [
        (source, 16, "RB317", "loop:fixed"),
        (source, 18, "RB318", "loop:per-object"),
        (source, 21, "RB319", "loop:once"),
    ]
    in_test = [(line, rule, reason) for path, line, rule, reason in dropped if path != source]
    assert in_test == [  # a test's role drops every one of them, whatever its loop
        (12, "RB317", "role:test"),
        (13, "RB318", "role:test"),
        (14, "RB319", "role:test"),
        (16, "RB317", "role:test"),
        (18, "RB318", "role:test"),
        (21, "RB319", "role:test"),
        (35, "RB306", "role:test"),
    ]


def test_the_default_preset_does_not_select_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo", {"shop/settle.py": SOURCE})
    report = _check(root, capsys, "--isolated", "--no-cache")
    assert _found(report, "findings") == _found(report, "dropped") == []
