from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import reviewbot
from reviewbot.findings import Category, Finding, Fix, Location, Severity
from reviewbot.pipeline.result import CheckResult
from reviewbot.report import sarif
from tests.report.sample import empty_result, sample_result
from tests.snapshot import assert_snapshot

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    # The schema declares draft-04 in its "$schema"; pick the validator it asks for.
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _log(**changes: Any) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(sarif.render(sample_result(**changes)))
    return log


def _result(log: dict[str, Any], rule: str) -> dict[str, Any]:
    return next(r for r in log["runs"][0]["results"] if r["ruleId"] == rule)


def test_sarif_matches_snapshot() -> None:
    assert_snapshot("report.sarif", sarif.render(sample_result()))


def test_empty_sarif_matches_snapshot() -> None:
    assert_snapshot("empty.sarif", sarif.render(empty_result()))


def test_validator_is_draft_4(validator: jsonschema.protocols.Validator) -> None:
    assert isinstance(validator, jsonschema.Draft4Validator)


@pytest.mark.parametrize("result", [sample_result(), empty_result()], ids=["sample", "empty"])
def test_valid_against_the_sarif_schema(
    validator: jsonschema.protocols.Validator, result: CheckResult
) -> None:
    validator.validate(json.loads(sarif.render(result)))


def test_schema_rejects_a_broken_log(validator: jsonschema.protocols.Validator) -> None:
    log = _log()
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert not validator.is_valid(log)


def test_rule_index_points_at_the_rule() -> None:
    run = _log()["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == sorted(rule["id"] for rule in rules)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_unknown_rule_gets_a_minimal_descriptor() -> None:
    rules = _log()["runs"][0]["tool"]["driver"]["rules"]
    perf = next(rule for rule in rules if rule["id"] == "PERF401")
    assert perf["defaultConfiguration"] == {"level": "warning"}
    assert perf["properties"] == {"tags": ["performance", "ruff"]}
    assert "helpUri" not in perf


def test_ruff_rule_links_its_documentation() -> None:
    rules = _log()["runs"][0]["tool"]["driver"]["rules"]
    b006 = next(rule for rule in rules if rule["id"] == "B006")
    assert b006["helpUri"] == "https://docs.astral.sh/ruff/rules/mutable-argument-default/"
    assert b006["fullDescription"]["text"] == (
        "Checks for uses of mutable objects as function argument defaults."
    )
    assert b006["properties"]["tags"] == ["correctness", "ruff"]


def test_levels_and_fingerprints() -> None:
    log = _log()
    info = _result(log, "RB104")
    assert info["level"] == "note"
    assert _result(log, "RB402")["level"] == "error"
    assert info["partialFingerprints"] == {"reviewbot/v1": sample_result().findings[0].fingerprint}


def test_columns_are_code_points_passed_through() -> None:
    log = _log()
    assert log["runs"][0]["columnKind"] == "unicodeCodePoints"
    region = _result(log, "RB305")["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 7, "startColumn": 29, "endLine": 7, "endColumn": 49}


def test_uris_are_relative_percent_encoded_and_rooted() -> None:
    run = _log(root="/srv/my repo")["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///srv/my%20repo/"}}
    location = _result({"runs": [run]}, "RB305")["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "src/shop/i18n/gr%C3%BC%C3%9Fe.py",
        "uriBaseId": "%SRCROOT%",
    }


def test_fixes_become_replacements() -> None:
    fix = _result(_log(), "B006")["fixes"][0]
    assert fix["description"] == {"text": "Replace with `None`; initialize within function"}
    assert fix["properties"] == {"safe": False}
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "src/shop/cart.py"
    assert change["replacements"][1] == {
        "deletedRegion": {"startLine": 13, "startColumn": 5, "endLine": 13, "endColumn": 5},
        "insertedContent": {"text": "if items is None:\n        items = []\n    "},
    }
    assert "fixes" not in _result(_log(), "RB402")


def test_pull_request_finding_has_no_location(validator: jsonschema.protocols.Validator) -> None:
    finding = Finding(
        rule="RB501",
        category=Category.POLICY,
        severity=Severity.INFO,
        path="",
        location=Location(1, 1, 1, 1),
        message="PR changes 1,200 lines",
    )
    log = _log(findings=(finding,))
    validator.validate(log)
    assert "locations" not in log["runs"][0]["results"][0]


def test_repeated_rule_is_described_once() -> None:
    base = sample_result().findings
    twice = (*base, replace(base[0], location=Location(9, 1, 9, 6)))
    run = _log(findings=twice)["runs"][0]
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert ids.count("RB104") == 1
    assert [r["ruleIndex"] for r in run["results"] if r["ruleId"] == "RB104"] == [2, 2]


def test_driver_without_analyzer_versions() -> None:
    driver = _log(tool_versions={})["runs"][0]["tool"]["driver"]
    assert driver["version"] == reviewbot.__version__
    assert "properties" not in driver


def test_fix_without_description_or_edits() -> None:
    base = next(f for f in sample_result().findings if f.rule == "RB305")
    assert base.fix is not None
    bare = replace(base, fix=replace(base.fix, description=""))
    empty = replace(base, fix=Fix("nothing to change", ()))
    bare_log, empty_log = _log(findings=(bare,)), _log(findings=(empty,))
    assert "description" not in bare_log["runs"][0]["results"][0]["fixes"][0]
    assert "fixes" not in empty_log["runs"][0]["results"][0]


def test_relative_root_is_made_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert sarif.root_uri(".") == tmp_path.resolve().as_uri() + "/"
    assert sarif.root_uri("/") == "file:///"
