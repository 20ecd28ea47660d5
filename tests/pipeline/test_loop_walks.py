"""The preset's ``[loops] report``: per-iteration findings reported by what the loop walks,
the others dropped with the fact as the reason, and the facts kept across the cache."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from reviewbot.cli.main import main
from reviewbot.findings import Category, Finding, Location, Severity, loop_extra
from reviewbot.pipeline.cache import CACHE_DIR, decode_result, encode_result
from reviewbot.pipeline.file_analysis import FileResult
from tests.gitrepo import make_repo

SOURCE = '''"""Billing."""

from shop.models import Order


def totals(order_ids, things):
    """Totals."""
    out = []
    for oid in order_ids:
        out.append(Order.objects.get(pk=oid))
    for thing in things:
        out.append(Order.objects.get(pk=thing))
    for invoice in out[0].invoices.all():
        out.append(Order.objects.get(pk=invoice.pk))
    return out
'''


def _check(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    code = main(["check", str(root), "--format", "json", "--quiet", "--show-dropped", *args])
    assert code in (0, 1)
    report: dict[str, object] = json.loads(capsys.readouterr().out)
    return report


def _lines(report: dict[str, object], key: str) -> list[tuple[int, str]]:
    items = report[key]
    assert isinstance(items, list)
    return [
        (item["line"], item.get("dropped", {}).get("reason", "reported"))
        for item in items
        if item["rule"] == "RB304"
    ]


@pytest.mark.parametrize(
    ("config", "args", "reported", "dropped"),
    [
        (
            "",
            ("--isolated", "--extend-select", "RB304"),
            [10],
            [(12, "loop:unknown"), (14, "loop:per-object")],
        ),
        ("", ("--isolated", "--preset", "strict"), [10, 12], [(14, "loop:per-object")]),
        (
            '[tool.reviewbot]\nextend-select = ["RB304"]\n'
            '[tool.reviewbot.loops]\nreport = ["data", "per-object"]\n',
            (),
            [10, 14],
            [(12, "loop:unknown")],
        ),
    ],
)
def test_the_preset_decides_which_walks_are_reported(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    config: str,
    args: tuple[str, ...],
    reported: list[int],
    dropped: list[tuple[int, str]],
) -> None:
    root = make_repo(
        tmp_path / "repo", {"shop/billing.py": SOURCE, "pyproject.toml": "[project]\n" + config}
    )
    report = _check(root, capsys, "--no-cache", *args)
    assert [line for line, _ in _lines(report, "findings")] == reported
    assert _lines(report, "dropped") == dropped


def test_the_facts_survive_the_cache(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_repo(tmp_path / "repo", {"shop/billing.py": SOURCE})
    cold = _check(root, capsys, "--isolated", "--extend-select", "RB304")
    assert (root / CACHE_DIR).is_dir()
    warm = _check(root, capsys, "--isolated", "--extend-select", "RB304")
    assert _lines(warm, "dropped") == _lines(cold, "dropped") != []


def test_a_cached_result_keeps_the_loop_fact() -> None:
    fact = loop_extra("loop:schema", "the loop walks `form.fields`, a form's fields")
    finding = Finding(
        "RB304", Category.PERFORMANCE, Severity.WARNING, "a.py", Location(1, 1, 1, 2), "q",
        extra=fact,
    )
    plain = replace(finding, rule="RB301", extra={})
    result = FileResult(path="a.py", findings=(finding, plain), directives=(), metrics=None)
    decoded = decode_result(json.loads(json.dumps(encode_result(result))))
    assert [f.loop_fact for f in decoded.findings] == [
        ("loop:schema", "the loop walks `form.fields`, a form's fields"),
        None,
    ]


def test_explain_says_in_which_loops_a_rule_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["explain", "RB304"]) == 0
    page = capsys.readouterr().out
    assert "Reported only in loops that walk `data` (the preset's `[loops] report`)" in page
    assert "A config's `[loops] large` and `[loops] small` declare collections" in page
    assert main(["explain", "RB315"]) == 0  # not a cost per iteration
    assert "Reported only in loops" not in capsys.readouterr().out
