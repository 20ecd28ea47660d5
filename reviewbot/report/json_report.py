"""The machine-readable report of ``check --format json`` (version 1 of the design's contract)."""

from __future__ import annotations

from typing import Any

import reviewbot
from reviewbot.dropped import count_by_reason, dropped_to_dict
from reviewbot.findings import finding_to_dict
from reviewbot.pipeline.result import CheckResult
from reviewbot.report import json_text
from reviewbot.report.ordering import CATEGORY_ORDER, SEVERITY_ORDER, sorted_findings

FORMAT_VERSION = 1


def render(result: CheckResult, *, color: bool = False) -> str:
    """The report as indented JSON with a stable key order and a trailing newline.

    ``color`` is accepted for a uniform reporter signature and ignored.
    """
    report = {
        "version": FORMAT_VERSION,
        "tool": tool_description(result),
        "findings": [finding_to_dict(finding) for finding in sorted_findings(result.findings)],
        "summary": _summary(result),
    }
    if result.list_dropped:
        report["dropped"] = [dropped_to_dict(d) for d in result.dropped]
    return json_text.dumps(report)


def tool_description(result: CheckResult) -> dict[str, str]:
    """reviewbot's name and version, then the analyzers' versions (ruff, libcst, radon) by name."""
    versions = dict(result.tool_versions)
    described = {
        "name": "reviewbot",
        "version": versions.pop("reviewbot", reviewbot.__version__),
    }
    described.update(sorted(versions.items()))
    return described


def _summary(result: CheckResult) -> dict[str, Any]:
    # Every severity and category is present, zero or not, so consumers never miss a key.
    by_severity = result.count_by_severity()
    by_category = result.count_by_category()
    summary: dict[str, Any] = {
        "files": result.files_checked,
        "findings": len(result.findings),
        "blocking": len(result.blocking),
        "fail_on": result.fail_on.value,
        "by_severity": {severity.value: by_severity[severity] for severity in SEVERITY_ORDER},
        "by_category": {category.value: by_category[category] for category in CATEGORY_ORDER},
        "suppressed": result.suppressed,
        "dropped": dict(count_by_reason(result.dropped)),
    }
    delta = result.baseline_delta
    if delta is not None:  # only when a baseline was applied, so the shape is unchanged otherwise
        summary["baseline"] = {
            "path": result.baseline_file,
            "hidden": delta.get("hidden", 0),
            "stale": delta.get("fixed", 0),
        }
    return summary
