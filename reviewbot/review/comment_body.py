"""The body of one inline comment, as a senior reviewer would write it.

A bold headline with the category and code; why it matters here; the change to make (a
``suggestion`` block when a safe fix covers exactly the commented lines, else a short example);
other findings on the same lines; how to silence each, naming the line the suppression comment
goes on, in small print; a hidden fingerprint marker for every finding the comment holds (so a
later run finds it by any of them). Messages, rationales and fix descriptions can quote the code
under review, so their control characters are shown as escapes
(:func:`reviewbot.control_chars.visible`): a string in the code cannot break the comment's
Markdown or smuggle a terminal escape into a reader's log.
"""

from __future__ import annotations

from collections.abc import Sequence

from reviewbot.control_chars import visible
from reviewbot.findings import Category, Finding
from reviewbot.review.advice import Advice
from reviewbot.review.markers import fingerprint_marker
from reviewbot.review.suggestion import Suggestion, suggestion_block


def comment_body(
    findings: Sequence[Finding],
    advice: Advice,
    suggestion: Suggestion | None,
    excerpt: Suggestion | None = None,
    line: int | None = None,
) -> str:
    """The Markdown body for ``findings`` (the first is the one the comment is about).

    ``suggestion`` is a safe fix for exactly the commented lines; else ``excerpt`` shows what
    the finding's own (unsafe) fix would write; else the rule's example is shown. ``line`` is
    the line the comment sits on (default: the first finding's).
    """
    primary = findings[0]
    parts = [
        headline(primary),
        _why(primary, advice),
        _change(primary, advice, suggestion, excerpt),
        _also(primary, findings[1:]),
        _silence(findings, primary.line if line is None else line),
        "\n".join(dict.fromkeys(fingerprint_marker(f.fingerprint) for f in findings)),
    ]
    return "\n\n".join(part for part in parts if part) + "\n"


def headline(finding: Finding) -> str:
    """``**Performance · RB302 (warning): `x in allowed` inside ...**``."""
    category = finding.category.value.capitalize()
    return f"**{category} · {finding.rule} ({finding.severity.value}): {visible(finding.message)}**"


def _why(finding: Finding, advice: Advice) -> str:
    link = f" ([{finding.rule} docs]({advice.link}))" if advice.link else ""
    return f"{visible(advice.why)}{link}" if advice.why else ""


def _change(
    finding: Finding, advice: Advice, suggestion: Suggestion | None, excerpt: Suggestion | None
) -> str:
    if suggestion is not None:
        what = "a safe fix" if suggestion.lines else "a safe fix: delete the line"
        return f"Suggested change ({what}):\n\n" + suggestion_block(suggestion)
    if excerpt is not None and finding.fix is not None:
        return _unsafe_fix(visible(finding.fix.description), excerpt)
    if advice.example:
        return f"For example:\n\n{_python_block(advice.example)}"
    return ""


def _unsafe_fix(description: str, excerpt: Suggestion) -> str:
    caution = "an automatic fix exists but may change behaviour; check it before applying"
    code = "\n".join(excerpt.lines)
    if not code.strip():
        return f"{description}: delete the line ({caution})."
    return f"{description} ({caution}):\n\n{_python_block(code)}"


def _python_block(code: str) -> str:
    fence = "````" if "```" in code else "```"
    return f"{fence}python\n{code}\n{fence}"


def _also(primary: Finding, others: Sequence[Finding]) -> str:
    """The other findings the comment holds; those on another line (one loop's repeats) name it."""
    if not others:
        return ""
    listed = "\n".join(
        f"- {_elsewhere(primary, f)}**{f.rule}** ({f.category.value}, {f.severity.value}): "
        f"{visible(f.message)}"
        for f in others
    )
    same_line = all(f.line == primary.line for f in others)
    title = "Also on these lines" if same_line else "Also in this loop"
    return f"{title}:\n\n{listed}"


def _elsewhere(primary: Finding, finding: Finding) -> str:
    return "" if finding.line == primary.line else f"line {finding.line}: "


def _silence(findings: Sequence[Finding], line: int) -> str:
    """Where ``# reviewbot: ignore[...]`` goes for each finding: at the end of the line the
    finding is on (its ``def`` line for a function's complexity), named by number."""
    codes_by_line: dict[int, dict[str, None]] = {}
    for finding in findings:
        codes_by_line.setdefault(finding.line, {})[finding.rule] = None
    places = [
        f"`# reviewbot: ignore[{', '.join(codes)}]` at the end of {_line_name(at, line, findings)}"
        for at, codes in sorted(codes_by_line.items())
    ]
    return (
        f"<sub>Silence with {' and '.join(places)}, "
        "or change the rule's severity in `[tool.reviewbot.severity]`.</sub>"
    )


def _line_name(at: int, line: int, findings: Sequence[Finding]) -> str:
    if at != line and any(f.line == at and f.category is Category.COMPLEXITY for f in findings):
        return f"line {at} (the function's `def` line)"
    return f"line {at}"
