from __future__ import annotations

import re
from dataclasses import replace

from reviewbot.findings import FailOn
from reviewbot.report import markdown
from reviewbot.report.markdown_syntax import code_span, table_cell
from tests.report.sample import empty_result, findings, sample_result
from tests.snapshot import assert_snapshot


def test_markdown_report_matches_snapshot() -> None:
    assert_snapshot("report.md", markdown.render(sample_result()))


def test_empty_markdown_report_matches_snapshot() -> None:
    assert_snapshot("empty.md", markdown.render(empty_result()))


def test_pipes_in_messages_are_escaped() -> None:
    rendered = markdown.render(sample_result())
    assert r"Write `str \| None` instead of `Optional[str]` |" in rendered


def test_rule_codes_link_to_their_docs() -> None:
    rendered = markdown.render(sample_result())
    assert "[`B006`](https://docs.astral.sh/ruff/rules/mutable-argument-default/)" in rendered
    assert "| `PERF401` |" in rendered


def test_code_spans_outgrow_backticks_inside() -> None:
    assert code_span("plain.py") == "`plain.py`"
    assert code_span("a`b.py") == "``a`b.py``"
    assert code_span("`x``") == "``` `x`` ```"


def test_table_cells_stay_on_one_line() -> None:
    assert table_cell("a | b\nc\r\nd") == r"a \| b c d"


def test_long_reports_are_capped_with_a_note() -> None:
    rendered = markdown.render(sample_result(), max_findings=3)
    listed = re.findall(r"^\| \d+ \| ", rendered, flags=re.MULTILINE)
    assert len(listed) == 3
    assert rendered.endswith("_Showing the first 3 of 7 findings; 4 more not listed._\n")


def test_verdicts() -> None:
    only_info = tuple(f for f in findings() if f.rule == "RB104")
    assert markdown.verdict(sample_result()) == (
        ":x: **2 blocking findings** at `--fail-on error`: this check fails."
    )
    assert markdown.verdict(sample_result(findings=only_info)) == (
        ":white_check_mark: No blocking findings at `--fail-on error`."
    )
    assert markdown.verdict(empty_result()) == ":white_check_mark: No findings in 41 files."
    never = sample_result(fail_on=FailOn.NEVER)
    assert (
        markdown.verdict(never) == ":white_check_mark: No blocking findings at `--fail-on never`."
    )


def test_pull_request_findings_get_their_own_section() -> None:
    finding = replace(findings()[0], path="")
    rendered = markdown.render(sample_result(findings=(finding,)))
    assert "### Pull request\n" in rendered


def test_unsafe_fixes_are_called_unsafe() -> None:
    rendered = markdown.render(sample_result())
    b006 = next(line for line in rendered.splitlines() if "`B006`" in line)
    rb305 = next(line for line in rendered.splitlines() if "`RB305`" in line)
    assert b006.endswith("_(unsafe fix available)_ |")  # B006's fix is unsafe
    assert rb305.endswith("_(fix available)_ |")  # RB305's fix is safe
