"""When the review cannot be posted: workflow annotations plus the full review in the job summary.

A pull request from a fork runs with a read-only token, so GitHub answers 403 to every write.
That is not the job's failure: the highest-ranked new findings become annotations and the whole
review (summary and every inline comment) goes to ``$GITHUB_STEP_SUMMARY``. The exit status
still follows ``fail-on``.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step (50 per job);
more are dropped silently. reviewbot writes at most 10 errors, 10 warnings and 8 notices for
findings, plus two notices of its own (why the review was not posted, and how many findings only
the job summary lists): 30 at most, within both limits. A step summary may hold 1 MiB.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from reviewbot.control_chars import visible
from reviewbot.deliver.github.bodies import fit
from reviewbot.deliver.github.redact import Redactor
from reviewbot.findings import Finding, Severity
from reviewbot.report.github import annotation, escape_data
from reviewbot.report.markdown_syntax import code_span
from reviewbot.review.model import Review, ReviewComment

ANNOTATIONS_PER_STEP = {Severity.ERROR: 10, Severity.WARNING: 10, Severity.INFO: 8}
STEP_SUMMARY_BYTES = 1024 * 1024


def ranked(findings: Iterable[Finding]) -> list[Finding]:
    """Most important first: severity, then category (correctness > performance > ...), place."""
    return sorted(findings, key=lambda f: (-f.severity.rank, f.category.rank, f.sort_key))


def fallback_annotations(findings: Sequence[Finding]) -> list[str]:
    """Workflow commands for the highest-ranked findings, within GitHub's per-step limits."""
    chosen: list[Finding] = []
    for severity, limit in ANNOTATIONS_PER_STEP.items():
        chosen.extend([f for f in ranked(findings) if f.severity is severity][:limit])
    lines = [annotation(finding) for finding in ranked(chosen)]
    hidden = len(findings) - len(chosen)
    if hidden:
        lines.append(
            f"::notice title=reviewbot::{escape_data(f'{hidden} more findings are listed in the job summary')}"
        )
    return lines


def step_summary(review: Review, reason: str) -> str:
    """The whole review as Markdown for the job summary, within its 1 MiB limit."""
    sections = [
        f"> reviewbot could not post to the pull request ({reason}); the review is below.",
        review.summary.strip(),
    ]
    if review.comments:
        sections.append("## Inline comments")
        sections.extend(_comment_section(comment) for comment in review.comments)
    text = "\n\n".join(sections) + "\n"
    # fit() counts UTF-16 code units; a quarter of the byte budget is safe for any text.
    return text if len(text.encode()) <= STEP_SUMMARY_BYTES else fit(text, limit=STEP_SUMMARY_BYTES // 4)


def append_step_summary(path: Path, markdown: str, redact: Redactor) -> None:
    """Add ``markdown``, ``redact``'s secrets hidden, to the job summary file (others' are kept)."""
    with path.open("a", encoding="utf-8") as summary:
        summary.write(redact(markdown))


def _comment_section(comment: ReviewComment) -> str:
    lines = f"{comment.start_line}-{comment.line}" if comment.start_line else str(comment.line)
    return f"### {code_span(visible(comment.path) + ':' + lines)}\n\n{comment.body.strip()}"
