"""The one record every analyzer produces: a Finding, with its severity, category and fix."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any


class Severity(str, enum.Enum):
    """How much a finding matters: ``error`` blocks, ``warning`` should be fixed, ``info`` is a nit."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Higher is more severe."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


class Category(str, enum.Enum):
    """What kind of problem a finding is about."""

    CORRECTNESS = "correctness"
    PERFORMANCE = "performance"
    COMPLEXITY = "complexity"
    CONVENTION = "convention"
    POLICY = "policy"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Review order: lower comes first (errors, then correctness > performance > ...)."""
        return _CATEGORY_RANK[self]


_CATEGORY_RANK = {
    Category.ERROR: 0,
    Category.CORRECTNESS: 1,
    Category.PERFORMANCE: 2,
    Category.COMPLEXITY: 3,
    Category.CONVENTION: 4,
    Category.POLICY: 5,
}


class FailOn(str, enum.Enum):
    """The lowest severity that makes a run fail."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NEVER = "never"

    def blocks(self, severity: Severity) -> bool:
        """Whether a finding of ``severity`` fails the run."""
        if self is FailOn.NEVER:
            return False
        return severity.rank >= Severity(self.value).rank


@dataclass(frozen=True)
class Edit:
    """Replace the text between two positions (1-based lines and columns, end exclusive)."""

    line: int
    column: int
    end_line: int
    end_column: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    """A change that resolves a finding; ``safe`` fixes cannot change behaviour."""

    description: str
    edits: tuple[Edit, ...]
    safe: bool = True


@dataclass(frozen=True, order=True)
class Location:
    """Where a finding sits: 1-based lines, 1-based code-point columns, end column exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Finding:
    """One problem in one place, from any analyzer (libcst rules, metrics, ruff, the PR checks)."""

    rule: str
    category: Category
    severity: Severity
    path: str
    location: Location
    message: str
    rationale: str = ""
    fix: Fix | None = None
    fingerprint: str = ""
    #: Facts for reviewbot's own stages, not part of the JSON contract. ``loop``: what the loops
    #: around a per-iteration finding walk (see :func:`loop_extra`).
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def loop_fact(self) -> tuple[str, str] | None:
        """``(reason, because)`` of the loops around the finding, when a rule recorded them."""
        found = self.extra.get("loop")
        return (found["reason"], found["because"]) if found else None

    @property
    def line(self) -> int:
        """First line of the finding."""
        return self.location.line

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        """Stable report order: file, line, column, rule."""
        return (self.path, self.location.line, self.location.column, self.rule)

    def with_severity(self, severity: Severity) -> Finding:
        """The same finding at another severity (config overrides)."""
        return replace(self, severity=severity)


def loop_extra(reason: str, because: str) -> dict[str, Any]:
    """``Finding.extra`` for a per-iteration finding: ``loop:data`` and why, for the loop stage."""
    return {"loop": {"reason": reason, "because": because}}


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """The JSON shape of a Finding, with the field names of the design's contract."""
    loc = finding.location
    return {
        "rule": finding.rule,
        "category": finding.category.value,
        "severity": finding.severity.value,
        "path": finding.path,
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "message": finding.message,
        "rationale": finding.rationale,
        "fix": _fix_to_dict(finding.fix),
        "fingerprint": finding.fingerprint,
    }


def finding_from_dict(raw: Mapping[str, Any]) -> Finding:
    """Rebuild a Finding from its JSON shape (cache entries, baselines)."""
    return Finding(
        rule=raw["rule"],
        category=Category(raw["category"]),
        severity=Severity(raw["severity"]),
        path=raw["path"],
        location=Location(raw["line"], raw["column"], raw["end_line"], raw["end_column"]),
        message=raw["message"],
        rationale=raw.get("rationale", ""),
        fix=_fix_from_dict(raw.get("fix")),
        fingerprint=raw.get("fingerprint", ""),
    )


def _fix_to_dict(fix: Fix | None) -> dict[str, Any] | None:
    if fix is None:
        return None
    return {
        "description": fix.description,
        "safe": fix.safe,
        "edits": [
            {
                "line": e.line,
                "column": e.column,
                "end_line": e.end_line,
                "end_column": e.end_column,
                "replacement": e.replacement,
            }
            for e in fix.edits
        ],
    }


def _fix_from_dict(raw: Mapping[str, Any] | None) -> Fix | None:
    if raw is None:
        return None
    edits = tuple(
        Edit(e["line"], e["column"], e["end_line"], e["end_column"], e["replacement"])
        for e in raw["edits"]
    )
    return Fix(description=raw["description"], edits=edits, safe=raw["safe"])
