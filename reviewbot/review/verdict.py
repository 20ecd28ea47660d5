"""The verdict by policy, and the GitHub review event it maps to (see the design)."""

from __future__ import annotations

from collections.abc import Iterable

from reviewbot.config.review_settings import ReviewSettings
from reviewbot.findings import FailOn, Finding
from reviewbot.review.model import ReviewEvent, Verdict


def decide_verdict(new: Iterable[Finding], fail_on: FailOn) -> Verdict:
    """``request_changes`` when a new finding is at or above ``fail_on``; ``comment`` when
    anything is new; else ``approve``."""
    found = list(new)
    if any(fail_on.blocks(finding.severity) for finding in found):
        return Verdict.REQUEST_CHANGES
    return Verdict.COMMENT if found else Verdict.APPROVE


def event_for(verdict: Verdict, settings: ReviewSettings) -> ReviewEvent:
    """``REQUEST_CHANGES`` only when ``request-changes`` is on; ``APPROVE`` only when ``approve``
    is on (the Actions token cannot approve by default); otherwise ``COMMENT``."""
    if verdict is Verdict.REQUEST_CHANGES and settings.request_changes:
        return ReviewEvent.REQUEST_CHANGES
    if verdict is Verdict.APPROVE and settings.approve:
        return ReviewEvent.APPROVE
    return ReviewEvent.COMMENT
