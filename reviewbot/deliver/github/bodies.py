"""The text reviewbot writes on GitHub: hidden markers that identify it, and GitHub's size limit.

Markers are HTML comments, invisible in the rendered Markdown. They are how a later run finds
what earlier runs posted: the summary comment, each inline comment's finding (its fingerprint,
which never contains a line number, so moved code keeps it), the fixed note, and each review.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reviewbot.control_chars import visible
from reviewbot.report.markdown_syntax import code_span
from reviewbot.review.markers import MAX_BODY, SUMMARY_MARKER, fingerprint_marker
from reviewbot.review.model import ReviewComment

TRUNCATION_NOTE = (
    "\n\n*(truncated: this text exceeded GitHub's 65,536-character limit; "
    "`reviewbot review --dry-run` prints all of it)*"
)

_FINGERPRINT = re.compile(r"<!-- reviewbot:fingerprint=(\S+) -->")
_FIXED = re.compile(r"<!-- reviewbot:fixed=(\w+) -->")
_REVIEW = re.compile(r"<!-- reviewbot:review=(\w+) -->")
_TRAILING_MARKERS = re.compile(r"(?:\s*<!-- reviewbot:[^>]*-->)+\s*\Z")
_FENCE = re.compile(r"^\s*```", re.MULTILINE)


def review_marker(token: str) -> str:
    """The hidden marker naming one review, so a retried create can find it."""
    return f"<!-- reviewbot:review={token} -->"


def comment_body(comment: ReviewComment) -> str:
    """An inline comment's body with its fingerprint marker, within GitHub's limit."""
    marker = fingerprint_marker(comment.fingerprint)
    body = comment.body if marker in comment.body else f"{comment.body.rstrip()}\n\n{marker}"
    return fit(body)


def fingerprints_in(body: str) -> tuple[str, ...]:
    """The fingerprints an inline comment's body names."""
    return tuple(_FINGERPRINT.findall(body))


def fixed_in(body: str) -> str | None:
    """The commit a comment was marked fixed in, or None while it is open."""
    found = _FIXED.search(body)
    return found.group(1) if found else None


def review_token(body: str) -> str | None:
    """The token of a review reviewbot created, or None for anyone else's review."""
    found = _REVIEW.search(body)
    return found.group(1) if found else None


def is_summary(body: str) -> bool:
    """Whether an issue comment is reviewbot's summary."""
    return SUMMARY_MARKER in body


def marked_fixed(body: str, sha: str) -> str:
    """An earlier comment's body with a note that its finding is gone as of commit ``sha``."""
    note = (
        f"\n\n---\n:white_check_mark: **Fixed** in {sha}: reviewbot no longer finds this."
        f"\n<!-- reviewbot:fixed={sha} -->"
    )
    return fit(body, limit=MAX_BODY - _size(note)).rstrip() + note


def summary_body(summary: str, outside: Iterable[ReviewComment]) -> str:
    """The summary comment: marker, the review's summary, and the findings outside the diff."""
    text = summary.strip()
    sections = [text] if text.startswith(SUMMARY_MARKER) else [SUMMARY_MARKER, text]
    listed = [f"- {_where(comment)} {_headline(comment)}" for comment in outside]
    if listed:  # collapsed, so the summary stays as short to read as the review wrote it
        noun = "finding" if len(listed) == 1 else "findings"
        sections.append(
            f"<details><summary>Outside the diff: {len(listed)} {noun}</summary>\n\n"
            "GitHub takes comments only on lines this pull request's diff shows, so these "
            "findings are listed here:\n\n" + "\n".join(listed) + "\n\n</details>"
        )
    return fit("\n\n".join(sections) + "\n")


def fit(body: str, *, limit: int = MAX_BODY) -> str:
    """``body`` cut at a line so it fits ``limit`` with a note; trailing markers are kept."""
    if _size(body) <= limit:
        return body
    tail_match = _TRAILING_MARKERS.search(body)
    tail = tail_match.group(0) if tail_match else ""
    text = body[: len(body) - len(tail)] if tail else body
    budget = limit - _size(TRUNCATION_NOTE) - _size(tail) - len("\n```\n</details>\n" * 4)
    kept = _cut(text, budget)
    return kept + _closers(kept) + TRUNCATION_NOTE + tail


def _cut(text: str, budget: int) -> str:
    """The longest prefix of whole lines within ``budget`` UTF-16 code units."""
    kept = text[: max(0, budget)]
    while _size(kept) > budget:  # each character over budget is one or two code units
        kept = kept[: len(kept) - (_size(kept) - budget)]
    if "\n" in kept:
        kept = kept[: kept.rfind("\n")]
    return kept.rstrip()


def _closers(kept: str) -> str:
    """Close a code fence or ``<details>`` the cut left open, so the note renders as text."""
    closers = "\n```" if len(_FENCE.findall(kept)) % 2 else ""
    open_details = kept.count("<details") - kept.count("</details>")
    return closers + "\n</details>" * max(0, open_details)


def _size(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _where(comment: ReviewComment) -> str:
    lines = f"{comment.start_line}-{comment.line}" if comment.start_line else str(comment.line)
    return code_span(visible(f"{comment.path}:{lines}"))


def _headline(comment: ReviewComment) -> str:
    if comment.findings:
        finding = comment.findings[0]
        return f"**{finding.rule}** {visible(finding.message)}"
    first = comment.body.strip().splitlines()
    return first[0] if first else ""
