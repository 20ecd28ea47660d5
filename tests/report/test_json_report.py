from __future__ import annotations

import json

from reviewbot.findings import finding_from_dict
from reviewbot.report import json_report
from tests.report.sample import empty_result, sample_result
from tests.snapshot import assert_snapshot


def test_json_report_matches_snapshot() -> None:
    assert_snapshot("report.json", json_report.render(sample_result()))


def test_empty_json_report_matches_snapshot() -> None:
    assert_snapshot("empty.json", json_report.render(empty_result()))


def test_top_level_and_tool_keys_are_in_contract_order() -> None:
    report = json.loads(json_report.render(sample_result()))
    assert list(report) == ["version", "tool", "findings", "summary"]
    assert report["tool"] == {
        "name": "reviewbot",
        "version": "0.1.0",
        "libcst": "1.5.1",
        "radon": "6.0.1",
        "ruff": "0.17.0",
    }
    assert list(report["tool"])[:2] == ["name", "version"]


def test_summary_counts() -> None:
    summary = json.loads(json_report.render(sample_result()))["summary"]
    assert summary == {
        "files": 41,
        "findings": 7,
        "blocking": 2,
        "fail_on": "error",
        "by_severity": {"error": 2, "warning": 3, "info": 2},
        "by_category": {
            "error": 0,
            "correctness": 2,
            "performance": 2,
            "complexity": 1,
            "convention": 2,
            "policy": 0,
        },
        "suppressed": 2,
        "dropped": {},
    }


def test_findings_round_trip() -> None:
    result = sample_result()
    report = json.loads(json_report.render(result))
    assert tuple(finding_from_dict(raw) for raw in report["findings"]) == result.findings


def test_output_is_indented_and_ends_with_newline() -> None:
    rendered = json_report.render(sample_result())
    assert rendered.startswith('{\n  "version": 1,')
    assert rendered.endswith("}\n")
