from __future__ import annotations

import re

from reviewbot.findings import FailOn
from reviewbot.report import text
from tests.report.sample import empty_result, findings, sample_result
from tests.snapshot import assert_snapshot

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_text_report_matches_snapshot() -> None:
    assert_snapshot("report.txt", text.render(sample_result()))


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
    blocks = text.render(sample_result()).split("\n\n")
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
    lines = text.render(sample_result()).splitlines()
    at = next(i for i, line in enumerate(lines) if " B006 " in line)
    assert lines[at + 1] == (
        "    fix available (unsafe): Replace with `None`; initialize within function"
    )
