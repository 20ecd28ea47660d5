"""The orders reporters list things in: findings, files, severities and categories."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from reviewbot.findings import Category, Finding, Severity

# Most severe first, the order people read a breakdown in.
SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)

# Review order: errors, then correctness > performance > complexity > convention > policy.
CATEGORY_ORDER = tuple(sorted(Category, key=lambda category: category.rank))


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in report order: file, line, column, rule."""
    return sorted(findings, key=lambda finding: finding.sort_key)


def findings_by_file(findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings grouped by path: files in sorted order, each file's findings in report order."""
    ordered = sorted_findings(findings)
    return [(path, list(group)) for path, group in groupby(ordered, key=lambda f: f.path)]
