"""The SARIF 2.1.0 report: one run, for code scanning and other SARIF viewers.

Columns: findings carry 1-based columns counted in Unicode code points, while SARIF counts
UTF-16 code units unless told otherwise. The run declares ``columnKind: unicodeCodePoints``
so the columns are passed through unchanged; converting would need every file's text, which
a reporter does not have.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from reviewbot.findings import Finding, Fix
from reviewbot.pipeline.result import CheckResult
from reviewbot.report import json_text
from reviewbot.report.json_report import tool_description
from reviewbot.report.ordering import sorted_findings
from reviewbot.report.sarif_rules import SARIF_LEVELS, rule_descriptors

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/reviewbot/reviewbot"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "reviewbot/v1"


def render(result: CheckResult, *, color: bool = False) -> str:
    """The SARIF log as indented JSON with a trailing newline; ``color`` is ignored."""
    return json_text.dumps(sarif_log(result))


def sarif_log(result: CheckResult) -> dict[str, Any]:
    """The SARIF log object: one run holding every finding of ``result``."""
    findings = sorted_findings(result.findings)
    rules = rule_descriptors(result.rules, findings)
    rule_index = {rule["id"]: index for index, rule in enumerate(rules)}
    run = {
        "tool": {"driver": _driver(result, rules)},
        "originalUriBaseIds": {SRCROOT: {"uri": root_uri(result.root)}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(finding, rule_index[finding.rule]) for finding in findings],
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def root_uri(root: str) -> str:
    """The repository root as a ``file://`` URI ending in ``/``, as uriBaseIds require."""
    path = Path(root)
    uri = (path if path.is_absolute() else path.resolve()).as_uri()
    return uri if uri.endswith("/") else f"{uri}/"


def _driver(result: CheckResult, rules: list[dict[str, Any]]) -> dict[str, Any]:
    analyzers = tool_description(result)
    driver: dict[str, Any] = {
        "name": analyzers.pop("name"),
        "version": analyzers.pop("version"),
        "informationUri": INFORMATION_URI,
        "rules": rules,
    }
    if analyzers:
        driver["properties"] = {"analyzerVersions": analyzers}
    return driver


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    sarif_result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": SARIF_LEVELS[finding.severity],
        "message": {"text": finding.message},
    }
    # PR-level findings have no file; a result without a location is still valid SARIF.
    if finding.path:
        loc = finding.location
        region = _region(loc.line, loc.column, loc.end_line, loc.end_column)
        physical = {"artifactLocation": _artifact(finding.path), "region": region}
        sarif_result["locations"] = [{"physicalLocation": physical}]
    if finding.fingerprint:
        sarif_result["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    if finding.fix is not None and finding.fix.edits and finding.path:
        sarif_result["fixes"] = [_fix(finding.path, finding.fix)]
    return sarif_result


def _artifact(path: str) -> dict[str, str]:
    """A repo-relative POSIX path as a percent-encoded URI reference under %SRCROOT%."""
    # a name that is not UTF-8 is percent-encoded byte for byte, as it is on disk
    uri = quote(path.encode("utf-8", "surrogateescape"), safe="/")
    return {"uri": uri, "uriBaseId": SRCROOT}


def _region(line: int, column: int, end_line: int, end_column: int) -> dict[str, int]:
    """A 1-based region; positions below 1 (unknown) are left out rather than made invalid."""
    region = {
        "startLine": line,
        "startColumn": column,
        "endLine": end_line,
        "endColumn": end_column,
    }
    return {key: value for key, value in region.items() if value >= 1}


def _fix(path: str, fix: Fix) -> dict[str, Any]:
    replacements = [
        {
            "deletedRegion": _region(edit.line, edit.column, edit.end_line, edit.end_column),
            "insertedContent": {"text": edit.replacement},
        }
        for edit in fix.edits
    ]
    sarif_fix: dict[str, Any] = {}
    if fix.description:
        sarif_fix["description"] = {"text": fix.description}
    change = {"artifactLocation": _artifact(path), "replacements": replacements}
    sarif_fix["artifactChanges"] = [change]
    sarif_fix["properties"] = {"safe": fix.safe}
    return sarif_fix
