"""A finding reviewbot found but did not report, with why: the answer to "why wasn't this flagged?".

Findings are dropped by judgement (a rule's stance on the file's role, and later the facts of a
loop or the code base's own conventions), never silently: each run counts them by reason and
``--show-dropped`` lists them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from reviewbot.findings import Finding, finding_to_dict


@dataclass(frozen=True)
class Dropped:
    """A finding not reported. ``reason`` is a stable key for counting (``role:test``);
    ``because`` is the clause a person reads (``a test file: in a tests/ folder``)."""

    finding: Finding
    reason: str
    because: str


def dropped_to_dict(dropped: Dropped) -> dict[str, Any]:
    """The finding's JSON object, plus ``dropped``: its ``reason`` and ``because``."""
    return {
        **finding_to_dict(dropped.finding),
        "dropped": {"reason": dropped.reason, "because": dropped.because},
    }


def count_by_reason(dropped: Iterable[Dropped]) -> Mapping[str, int]:
    """How many findings each reason dropped, most first (then by reason)."""
    counts = Counter(item.reason for item in dropped)
    return dict(sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])))
