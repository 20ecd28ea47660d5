"""The preset's stance on loops: a per-iteration finding is reported only when the loops around
it walk what ``[loops] report`` lists, and the statement runs on every iteration.

The engine records the fact on each such finding (``Finding.loop_fact``); the others are dropped
here with that fact as the reason (``loop:fixed``, ``loop:once``, ...), so a user who asks "why
wasn't this flagged?" gets the answer from ``--show-dropped``. A reported finding's message ends
with what the loop walks ("the loop walks `order_ids`, ids the caller passes in"): the reason the
cost per iteration matters here, which the shape of the statement alone does not say.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace

from reviewbot.dropped import Dropped
from reviewbot.findings import Finding

ONCE = "loop:once"


def apply_loop_walks(
    findings: Iterable[Finding], report: Collection[str]
) -> tuple[list[Finding], list[Dropped]]:
    """``findings`` split into those reported and those the loops around them drop."""
    kept: list[Finding] = []
    dropped: list[Dropped] = []
    for finding in findings:
        fact = finding.loop_fact
        if fact is None:
            kept.append(finding)
        elif _reported(fact[0], report):
            kept.append(_with_walk(finding, fact[1]))
        else:
            dropped.append(Dropped(finding, fact[0], fact[1]))
    return kept, dropped


def _with_walk(finding: Finding, because: str) -> Finding:
    """``finding`` whose message ends with what its loop walks."""
    return replace(finding, message=f"{finding.message.rstrip('. ')} ({because})")


def _reported(reason: str, report: Collection[str]) -> bool:
    return reason != ONCE and reason.removeprefix("loop:") in report
