from __future__ import annotations

import re
from pathlib import Path

import pytest

from reviewbot.findings import Category, FailOn, Finding, Location, Severity
from reviewbot.report import text
from reviewbot.report.wording import reason_phrase
from tests.report.sample import ROOT, empty_result, findings, sample_result
from tests.snapshot import assert_snapshot

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_text_report_matches_snapshot() -> None:
    assert_snapshot("report.txt", text.render(sample_result()))


def test_concise_report_matches_snapshot() -> None:
    assert_snapshot("report_concise.txt", text.render_concise(sample_result()))


def test_empty_text_report_matches_snapshot() -> None:
    assert_snapshot("empty.txt", text.render(empty_result()))


def test_plain_text_has_no_escape_codes() -> None:
    assert "\x1b" not in text.render(sample_result())


def test_colour_only_adds_escape_codes() -> None:
    coloured = text.render(sample_result(), color=True)
    assert ANSI.sub("", coloured) == text.render(sample_result())


def test_colour_marks_path_bold_and_code_by_severity() -> None:
    coloured = text.render(sample_result(), color=True)
    assert "\x1b[1msrc/shop/cart.py\x1b[0m:77:9: \x1b[31mRB402\x1b[0m [error]" in coloured
    assert "\x1b[33mB006\x1b[0m [warning]" in coloured
    assert "\x1b[36mRB104\x1b[0m [info]" in coloured


def test_files_are_separated_and_sorted() -> None:
    blocks = text.render_concise(sample_result()).split("\n\n")
    paths = [block.split(":", 1)[0] for block in blocks[:-1]]
    assert paths == ["scripts/export report.py", "src/shop/cart.py", "src/shop/i18n/grüße.py"]


def test_singular_wording() -> None:
    only = next(f for f in findings() if f.rule == "RB402")
    result = sample_result(findings=(only,), files_checked=1, suppressed=1)
    summary = text.render(result).splitlines()[-2:]
    assert summary == [
        "Found 1 finding (1 error) in 1 file; 1 blocking at --fail-on error.",
        "1 finding suppressed.",
    ]


def test_nothing_blocks_at_fail_on_never() -> None:
    last = text.render(sample_result(fail_on=FailOn.NEVER, suppressed=0)).splitlines()[-1]
    assert last == (
        "Found 7 findings (2 errors, 3 warnings, 2 info) in 41 files; "
        "none blocking at --fail-on never."
    )


def test_fix_marker_follows_its_finding() -> None:
    lines = text.render_concise(sample_result()).splitlines()
    at = next(i for i, line in enumerate(lines) if " B006 " in line)
    assert lines[at + 1] == (
        "    fix available (unsafe): Replace with `None`; initialize within function"
    )


def test_full_block_shows_the_code_line_the_fix_and_how_to_explain_the_rule() -> None:
    blocks = text.render(sample_result()).split("\n\n")
    b006 = next(block for block in blocks if " B006 " in block)
    assert b006.splitlines() == [
        "src/shop/cart.py:12:30: B006 [warning] Do not use mutable data structures for argument defaults",
        "   |",
        "12 | def add(self, sku, n=1, tags=[]):",
        "   |                              ^^",
        "  = fix available (unsafe): Replace with `None`; initialize within function",
        "  = help: reviewbot explain B006",
    ]


def test_a_finding_on_no_known_line_gets_no_code_line() -> None:
    pr_level = Finding(
        rule="RB501", category=Category.POLICY, severity=Severity.WARNING, path="",
        location=Location(0, 0, 0, 0), message="The pull request has no description",
        rationale="", fingerprint="pr",
    )
    out = text.render(sample_result(findings=(pr_level,)))
    assert out.splitlines()[:2] == [
        "(pull request):0:0: RB501 [warning] The pull request has no description",
        "  = help: reviewbot explain RB501",
    ]
    assert " | " not in out


def test_a_span_over_several_lines_marks_the_rest_of_its_first_line() -> None:
    lines = text.render(sample_result()).splitlines()
    at = next(i for i, line in enumerate(lines) if " RB201 " in line)
    assert lines[at + 2 : at + 4] == [
        "40 | def checkout(cart, payment, *, retries=3):",
        "   | " + "^" * len("def checkout(cart, payment, *, retries=3):"),
    ]


def test_carets_count_a_wide_character_as_two_columns() -> None:
    lines = text.render(sample_result()).splitlines()
    at = next(i for i, line in enumerate(lines) if " RB305 " in line)
    code, carets = lines[at + 2], lines[at + 3]
    # 👋 takes two terminal columns: the carets sit one column further right than code points.
    assert carets.index("^") == code.index("lang") + 1
    assert carets.count("^") == len('lang in ["de", "fr"]')


def test_paths_are_relative_to_the_given_folder() -> None:
    result = sample_result()
    inside = text.render(result, cwd=Path(ROOT) / "src" / "shop")
    assert inside.startswith("../../scripts/export report.py:5:5: RB104")
    assert "\ncart.py:12:30: B006" in inside
    assert "\ni18n/grüße.py:3:20: RB107" in text.render_concise(result, cwd=Path(ROOT) / "src/shop")
    outside = text.render(result, cwd=Path("/elsewhere"))
    assert outside.startswith("../home/dev/shop/scripts/export report.py:5:5:")


@pytest.mark.parametrize(
    ("reason", "phrase"),
    [
        ("role:test", "in tests"),
        ("loop:fixed", "in loops over a handful of items"),
        ("convention:N802", "N802 against the code base's own convention"),
        ("rewrite:RUF005", "RUF005 on lines rewriting ones that already broke it"),
        ("handler:catch-all", "on catch-all handlers that handle the error themselves"),
        ("handler:plain-raise", "on handlers that raise a plain Exception instead"),
        ("handler:other", "handler:other"),  # an unknown key is shown as it is
    ],
)
def test_every_dropping_reason_reads_as_words(reason: str, phrase: str) -> None:
    assert reason_phrase(reason) == phrase
