"""``[loops] large`` / ``small`` end to end: the real CLI on real config files decides which
per-iteration findings are reported, names the declaration when it drops one, refuses a broken
declaration, and never reuses a cached result analysed under other declarations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reviewbot.cli.main import main
from reviewbot.pipeline.cache import CACHE_DIR
from tests.gitrepo import make_repo

VIEWS = '''"""Shop views."""

from shop.models import Country


def summary(order):
    """One order's lines as text."""
    text = ""
    for line in order.lines.all():
        text += line.name
    return text


def country_names():
    """Every country's name."""
    text = ""
    for country in Country.objects.all():
        text += country.name
    return text
'''
LINES, COUNTRIES = 10, 18  # the RB301 findings: in the loop over order.lines, over Country


def _check(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    code = main(["check", str(root), "--format", "json", "--show-dropped", *args])
    assert code in (0, 1)
    report: dict[str, Any] = json.loads(capsys.readouterr().out)
    return report


def _rb301(report: dict[str, Any]) -> tuple[list[int], list[tuple[int, str, str]]]:
    reported = [f["line"] for f in report["findings"] if f["rule"] == "RB301"]
    dropped = [
        (f["line"], f["dropped"]["reason"], f["dropped"]["because"])
        for f in report["dropped"]
        if f["rule"] == "RB301"
    ]
    return reported, dropped


def _repo(tmp_path: Path, config: str, name: str = ".reviewbot.toml") -> Path:
    files = {"shop/views.py": VIEWS, name: 'extend-select = ["RB301"]\n' + config}
    if name == "pyproject.toml":
        files[name] = '[tool.reviewbot]\nextend-select = ["RB301"]\n' + config
    return make_repo(tmp_path / "repo", files)


def test_without_declarations_the_per_object_loop_is_dropped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reported, dropped = _rb301(_check(_repo(tmp_path, ""), capsys, "--no-cache"))
    assert reported == [COUNTRIES]
    assert [(line, reason) for line, reason, _ in dropped] == [(LINES, "loop:per-object")]


def test_a_relation_declared_large_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _repo(tmp_path, '[loops]\nlarge = ["Order.lines"]\n')
    reported, dropped = _rb301(_check(root, capsys, "--no-cache"))
    assert (reported, dropped) == ([LINES, COUNTRIES], [])


def test_a_model_declared_small_is_dropped_naming_the_declaration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _repo(tmp_path, '[tool.reviewbot.loops]\nsmall = ["Country"]\n', "pyproject.toml")
    report = _check(root, capsys, "--no-cache")
    reported, dropped = _rb301(report)
    assert reported == []
    assert dropped == [
        (LINES, "loop:per-object", "the loop walks `order.lines.all()`, a related manager of one object"),
        (
            COUNTRIES,
            "loop:fixed",
            "the loop walks `Country.objects.all()`, declared small in [loops] small as "
            "`Country` (pyproject.toml)",
        ),
    ]
    assert report["summary"]["dropped"] == {"loop:fixed": 1, "loop:per-object": 1}


def test_the_text_report_counts_a_declared_small_loop_as_a_handful(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _repo(tmp_path, '[loops]\nsmall = ["Country", "Order.lines"]\n')
    main(["check", str(root), "--show-dropped", "--no-cache", "--output-format", "concise"])
    out = capsys.readouterr().out
    assert "2 findings not reported: 2 in loops over a handful of items." in out
    assert "declared small in [loops] small as `Order.lines` (.reviewbot.toml)" in out


def test_changing_a_declaration_misses_the_cache(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _repo(tmp_path, "")
    assert _rb301(_check(root, capsys))[0] == [COUNTRIES]
    assert (root / CACHE_DIR).is_dir()
    (root / ".reviewbot.toml").write_text(
        'extend-select = ["RB301"]\n[loops]\nlarge = ["Order.lines"]\nsmall = ["Country"]\n',
        encoding="utf-8",
    )
    reported, dropped = _rb301(_check(root, capsys))
    assert reported == [LINES]
    assert [(line, reason) for line, reason, _ in dropped] == [(COUNTRIES, "loop:fixed")]


def test_a_name_in_both_lists_is_a_config_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _repo(tmp_path, '[loops]\nlarge = ["Order"]\nsmall = ["Country", "Order"]\n')
    assert main(["check", str(root)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"reviewbot: error: {root / '.reviewbot.toml'}: loops.small[1]: 'Order' is also in "
        "loops.large; a collection is declared large or small, not both\n"
    )


def test_a_declaration_that_is_not_a_list_is_a_config_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _repo(tmp_path, '[tool.reviewbot.loops]\nlarge = "Order"\n', "pyproject.toml")
    assert main(["check", str(root)]) == 2
    assert capsys.readouterr().err == (
        f"reviewbot: error: {root / 'pyproject.toml'}: tool.reviewbot.loops.large: "
        "expected an array of strings, got a string\n"
    )
