"""How the human-readable reporters phrase counts of findings and the blocking verdict."""

from __future__ import annotations

from collections.abc import Iterable

from reviewbot.config.roles import ROLE_NAMES, Role
from reviewbot.dropped import Dropped, count_by_reason
from reviewbot.findings import Severity
from reviewbot.pipeline.result import CheckResult
from reviewbot.report.ordering import SEVERITY_ORDER

# "info" is a mass noun: "4 info", never "4 infos".
_SEVERITY_NOUNS = {
    Severity.ERROR: ("error", "errors"),
    Severity.WARNING: ("warning", "warnings"),
    Severity.INFO: ("info", "info"),
}


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``count`` followed by the noun in the right number: ``1 file``, ``2 files``."""
    noun = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count} {noun}"


def severity_breakdown(result: CheckResult) -> str:
    """The non-zero severity counts, most severe first: ``3 errors, 5 warnings, 4 info``."""
    counts = result.count_by_severity()
    parts = [
        plural(counts[severity], *_SEVERITY_NOUNS[severity])
        for severity in SEVERITY_ORDER
        if counts[severity]
    ]
    return ", ".join(parts)


def blocking_phrase(result: CheckResult) -> str:
    """How many findings fail the run: ``2 blocking at --fail-on error``."""
    count = len(result.blocking)
    amount = str(count) if count else "none"
    return f"{amount} blocking at --fail-on {result.fail_on.value}"


def found_phrase(result: CheckResult) -> str:
    """What was found, without the verdict: ``Found 3 findings (3 errors) in 4 files``."""
    files = plural(result.files_checked, "file")
    if not result.findings:
        return f"No findings in {files}"
    found = plural(len(result.findings), "finding")
    return f"Found {found} ({severity_breakdown(result)}) in {files}"


def summary_sentence(result: CheckResult) -> str:
    """What was found and how much of it blocks, as one sentence."""
    if not result.findings:
        return f"{found_phrase(result)}."
    return f"{found_phrase(result)}; {blocking_phrase(result)}."


def suppressed_sentence(result: CheckResult) -> str:
    """A note on suppressed findings, or ``""`` when nothing was suppressed."""
    if not result.suppressed:
        return ""
    return f"{plural(result.suppressed, 'finding')} suppressed."


def dropped_sentence(result: CheckResult) -> str:
    """How many findings were found but not reported, and why, or ``""`` when none were."""
    if not result.dropped:
        return ""
    reasons = reasons_phrase(result.dropped)
    hint = "" if result.list_dropped else " (--show-dropped lists them)"
    return f"{plural(len(result.dropped), 'finding')} not reported: {reasons}{hint}."


def reasons_phrase(dropped: Iterable[Dropped]) -> str:
    """How many were dropped for each reason, in words: ``5 in tests, 2 in scripts``."""
    counts = count_by_reason(dropped)
    return ", ".join(f"{count} {reason_phrase(key)}" for key, count in counts.items())


#: What the loops around a per-iteration finding walk, as the reason it was not reported.
LOOP_PHRASES = {
    "loop:fixed": "in loops over a handful of items",
    "loop:schema": "in loops over fields, bases or settings",
    "loop:per-object": "in loops over one object's collection",
    "loop:unknown": "in loops of unknown size",
    "loop:once": "run at most once per loop",
    "loop:on-error": "run only when the loop's `try` fails",
}


#: What a broad ``except`` handler does, as the reason its BLE001 finding was not reported.
HANDLER_PHRASES = {
    "catch-all": "on catch-all handlers that handle the error themselves",
    "plain-raise": "on handlers that raise a plain Exception instead",
}


def reason_phrase(reason: str) -> str:
    """A dropping reason's key as words: ``role:test`` is ``in tests``."""
    kind, _, value = reason.partition(":")
    if kind == "role" and value in ROLE_NAMES:
        return Role(value).where
    if kind == "convention":
        return f"{value} against the code base's own convention"
    if kind == "ruff-config":
        return f"{value} not selected by the project's ruff configuration"
    if kind == "rewrite":
        return f"{value} on lines rewriting ones that already broke it"
    if kind == "handler":
        return HANDLER_PHRASES.get(value, reason)
    return LOOP_PHRASES.get(reason, reason)


def baseline_sentence(result: CheckResult) -> str:
    """A note on what the baseline hid and how many of its entries are stale, or ``""``."""
    delta = result.baseline_delta
    if delta is None:
        return ""
    hidden = plural(delta.get("hidden", 0), "finding")
    note = f"{hidden} hidden by the baseline ({result.baseline_file})"
    stale = delta.get("fixed", 0)
    if stale:
        entries = plural(stale, "entry", "entries")
        verb = "matches" if stale == 1 else "match"
        note += f"; {entries} no longer {verb} (see reviewbot baseline --check)"
    return note + "."
