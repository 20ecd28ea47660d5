"""The Review as JSON (the design's Review JSON, version 1): what the GitHub layer posts."""

from __future__ import annotations

from typing import Any

from reviewbot.dropped import dropped_to_dict
from reviewbot.findings import finding_to_dict
from reviewbot.report import json_text
from reviewbot.review.model import Complexity, ComplexityChange, Review, ReviewComment

REVIEW_JSON_VERSION = 1


def review_to_dict(review: Review) -> dict[str, Any]:
    """The review object with the contract's field names."""
    return {
        "version": REVIEW_JSON_VERSION,
        "base": review.base,
        "head": review.head,
        "verdict": review.verdict.value,
        "event": review.event.value,
        "comments": [_comment(comment) for comment in review.comments],
        "summary": review.summary,
        "findings": {
            "new": [finding_to_dict(f) for f in review.new],
            "existing": [finding_to_dict(f) for f in review.existing],
            "fixed": [finding_to_dict(f) for f in review.fixed],
        },
        "complexity": [_complexity(change) for change in review.complexity],
        "checks": [
            {"rule": check.rule, "status": check.status.value, "message": check.message}
            for check in review.checks
        ],
        "overflow": [finding_to_dict(f) for f in review.overflow],
        "dropped": [dropped_to_dict(d) for d in review.dropped],
    }


def render_review_json(review: Review) -> str:
    """The review as indented JSON with a trailing newline."""
    return json_text.dumps(review_to_dict(review))


def _comment(comment: ReviewComment) -> dict[str, Any]:
    return {
        "path": comment.path,
        "line": comment.line,
        "start_line": comment.start_line,
        "side": comment.side,
        "body": comment.body,
        "fingerprint": comment.fingerprint,
        "finding": finding_to_dict(comment.findings[0]) if comment.findings else None,
    }


def _complexity(change: ComplexityChange) -> dict[str, Any]:
    return {
        "function": change.function,
        "path": change.path,
        "line": change.line,
        "before": _metrics(change.before),
        "after": _metrics(change.after),
    }


def _metrics(value: Complexity | None) -> dict[str, int] | None:
    return None if value is None else {"cognitive": value.cognitive, "cyclomatic": value.cyclomatic}
