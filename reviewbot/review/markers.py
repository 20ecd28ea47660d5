"""The hidden markers in reviewbot's GitHub comments, and GitHub's body size limit.

One definition for the review (which writes them) and the GitHub layer (which finds and edits
comments by them).
"""

from __future__ import annotations

SUMMARY_MARKER = "<!-- reviewbot:summary -->"
# GitHub rejects a comment or review body longer than this (its error says "characters";
# counting UTF-16 code units is never fewer, so a check in code units is safe for any text).
MAX_BODY = 65_536


def fingerprint_marker(fingerprint: str) -> str:
    """The hidden marker naming the finding an inline comment is about."""
    return f"<!-- reviewbot:fingerprint={fingerprint} -->"
