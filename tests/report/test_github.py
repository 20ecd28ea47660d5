from __future__ import annotations

from reviewbot.findings import Category, Finding, Location, Severity
from reviewbot.report import github
from tests.report.sample import empty_result, sample_result
from tests.snapshot import assert_snapshot


def _finding(path: str, message: str, location: Location, severity: Severity) -> Finding:
    return Finding(
        rule="RB402",
        category=Category.CORRECTNESS,
        severity=severity,
        path=path,
        location=location,
        message=message,
    )


def test_github_annotations_match_snapshot() -> None:
    assert_snapshot("annotations.txt", github.render(sample_result()))


def test_no_findings_no_commands() -> None:
    assert github.render(empty_result()) == ""


def test_levels_map_to_error_warning_notice() -> None:
    lines = github.render(sample_result()).splitlines()
    commands = {line.split(" ", 1)[0] for line in lines}
    assert commands == {"::error", "::warning", "::notice"}
    assert next(line for line in lines if "RB104" in line).startswith("::notice ")


def test_message_and_properties_are_escaped() -> None:
    finding = _finding(
        "odd: dir/a,b%.py", "100% sure\r\nnext: a,b", Location(3, 1, 3, 4), Severity.ERROR
    )
    assert github.annotation(finding) == (
        "::error file=odd%3A dir/a%2Cb%25.py,line=3,col=1,endLine=3,endColumn=4,"
        "title=RB402 (correctness)::100%25 sure%0D%0Anext: a,b"
    )


def test_escape_functions_follow_the_toolkit() -> None:
    assert github.escape_data("%0A:,\n\r") == "%250A:,%0A%0D"
    assert github.escape_property("%:,\n\r") == "%25%3A%2C%0A%0D"


def test_multi_line_findings_drop_columns() -> None:
    finding = _finding("a.py", "long", Location(40, 1, 95, 1), Severity.WARNING)
    assert github.annotation(finding) == (
        "::warning file=a.py,line=40,endLine=95,title=RB402 (correctness)::long"
    )


def test_finding_without_a_path_has_only_a_title() -> None:
    finding = _finding("", "PR too large", Location(1, 1, 1, 1), Severity.INFO)
    assert github.annotation(finding) == "::notice title=RB402 (correctness)::PR too large"
