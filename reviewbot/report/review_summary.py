"""The summary comment: verdict, counts, complexity of changed functions, PR checks, overflow.

It starts with the hidden ``<!-- reviewbot:summary -->`` marker (how a later run finds and edits
it) and stays under GitHub's 65,536-character limit: long lists are cut with a count of what was
left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from reviewbot.control_chars import visible
from reviewbot.dropped import Dropped
from reviewbot.findings import Finding
from reviewbot.report.markdown_syntax import code_span, table, table_cell
from reviewbot.report.ordering import CATEGORY_ORDER
from reviewbot.report.wording import plural, reasons_phrase
from reviewbot.review.markers import MAX_BODY, SUMMARY_MARKER
from reviewbot.review.model import (
    Complexity,
    ComplexityChange,
    LearnedConvention,
    SummaryFacts,
    Verdict,
)
from reviewbot.review.pr_checks import NOT_SELECTED
from reviewbot.ruleset.review_records import CheckStatus

_LIST_LIMITS = (100, 25, 5, 0)
_STATUS = {
    CheckStatus.PASS: ":white_check_mark: pass",
    CheckStatus.FAIL: ":x: fail",
    CheckStatus.SKIPPED: ":heavy_minus_sign: skipped",
}


def render_summary(facts: SummaryFacts) -> str:
    """The summary Markdown, cut to fit GitHub's limit."""
    for limit in _LIST_LIMITS:
        text = _render(facts, limit)
        if len(text.encode("utf-16-le")) // 2 <= MAX_BODY:
            return text
    return text


def _render(facts: SummaryFacts, limit: int) -> str:
    sections = [
        SUMMARY_MARKER,
        "## reviewbot review",
        verdict_line(facts),
        _scope(facts),
        _counts(facts),
        _complexity(facts.complexity, limit),
        _checks(facts),
        _listing(
            f"{_new_phrase(len(facts.overflow))} not commented inline (over the budget)",
            facts.overflow,
            limit,
        ),
        _listing(f"{plural(len(facts.fixed), 'finding')} fixed by this change", facts.fixed, limit),
        _conventions(facts.conventions),
        _dropped(facts.dropped, limit),
    ]
    return "\n\n".join(section.rstrip("\n") for section in sections if section) + "\n"


def verdict_line(facts: SummaryFacts) -> str:
    """The verdict and the reason for it."""
    threshold = code_span(f"fail-on = {facts.fail_on.value}")
    blocking = sum(1 for f in facts.new if facts.fail_on.blocks(f.severity))
    if facts.verdict is Verdict.REQUEST_CHANGES:
        return f":x: **Verdict: request changes.** {_new_phrase(blocking)} at or above {threshold}."
    if facts.verdict is Verdict.COMMENT:
        return (
            f":speech_balloon: **Verdict: comment.** {_new_phrase(len(facts.new))}, "
            f"none at or above {threshold}."
        )
    return ":white_check_mark: **Verdict: approve.** Nothing new in this change."


def _new_phrase(count: int) -> str:
    return plural(count, "new finding")


def _scope(facts: SummaryFacts) -> str:
    change = facts.change
    added = sum(f.additions for f in change.files)
    removed = sum(f.deletions for f in change.files)
    head = code_span(change.head[:12] or change.head_ref)
    return (
        f"Reviewed {head} against {code_span(change.base[:12])}, its merge base with "
        f"{code_span(change.base_ref)}: {plural(len(change.files), 'file')} changed "
        f"(+{added} -{removed}{_size_note(facts)}), {plural(facts.analysed, 'Python file')} "
        f"analysed, {plural(facts.comments, 'inline comment')}."
    )


def _size_note(facts: SummaryFacts) -> str:
    """Why the size check (RB501) counts fewer lines than the diff, when it does."""
    size = facts.size
    if size is None or not size.left_out:
        return ""
    return (
        f"; +{size.added} -{size.removed} counted for size, "
        f"leaving out {size.left_out_phrase()}"
    )


def _counts(facts: SummaryFacts) -> str:
    columns = [
        Counter(f.category for f in column) for column in (facts.new, facts.existing, facts.fixed)
    ]
    present = [category for category in CATEGORY_ORDER if any(c[category] for c in columns)]
    if not present:
        return "No findings on the changed files, before or after."
    rows = [[category.value, *(str(c[category]) for c in columns)] for category in present]
    rows.append(["**Total**", *(f"**{c.total()}**" for c in columns)])
    header = ["Category", "New", "Still open", "Fixed"]
    return "### Findings\n\n" + table(header, ["---", "---:", "---:", "---:"], rows)


def _complexity(changes: Sequence[ComplexityChange], limit: int) -> str:
    if not changes:
        return ""
    rows = [
        [
            code_span(visible(f"{c.function}()")),
            code_span(visible(f"{c.path}:{c.line}")),
            _moved(c, "cognitive"),
            _moved(c, "cyclomatic"),
        ]
        for c in changes[: max(limit, 1)]
    ]
    cut = _more(len(changes) - len(rows), "changed function")
    header = ["Function", "Where", "Cognitive", "Cyclomatic"]
    return (
        "### Complexity of changed functions\n\n"
        + table(header, ["---", "---", "---", "---"], rows)
        + cut
    )


def _moved(change: ComplexityChange, metric: str) -> str:
    before, after = _metric(change.before, metric), _metric(change.after, metric)
    if before is None:
        return f"new: {after}"
    if after is None:
        return f"{before} -> removed"
    text = f"{before} -> {after}"
    return f"**{text}**" if after > before else text


def _metric(value: Complexity | None, metric: str) -> int | None:
    return None if value is None else int(getattr(value, metric))


def _checks(facts: SummaryFacts) -> str:
    """The checks the policy selects (the JSON lists every one)."""
    selected = [check for check in facts.checks if check.message != NOT_SELECTED]
    if not selected:
        return ""
    rows = [
        [
            f"{code_span(check.rule)} {facts.rule_names.get(check.rule, '')}".rstrip(),
            _STATUS[check.status],
            table_cell(visible(check.message)),
        ]
        for check in selected
    ]
    return "### Pull request checks\n\n" + table(
        ["Check", "Result", "Details"], ["---", "---", "---"], rows
    )


def _listing(title: str, findings: Sequence[Finding], limit: int) -> str:
    if not findings:
        return ""
    items = [
        f"- {_where(f)} **{visible(f.rule)}** ({f.severity.value}) {table_cell(visible(f.message))}"
        for f in findings[:limit]
    ]
    cut = _more(len(findings) - len(items), "finding")
    return f"<details><summary>{title}</summary>\n\n" + "\n".join(items) + f"\n{cut}\n</details>"


def _conventions(conventions: Sequence[LearnedConvention]) -> str:
    """One line per convention rule the untouched code breaks, with the line to keep it so."""
    if not conventions:
        return ""
    lines = [
        f"- {code_span(c.rule)}: the code this change leaves alone breaks it {c.count} times "
        f"{c.role.where}, so {plural(c.held, 'new finding')} {_was(c.held)} not commented. "
        f"To make it permanent: {code_span(c.config_line)}"
        for c in conventions
    ]
    return "**This code base's own conventions win:**\n\n" + "\n".join(lines)


def _was(count: int) -> str:
    return "was" if count == 1 else "were"


def _dropped(dropped: Sequence[Dropped], limit: int) -> str:
    """The new findings not posted because of their file's role, counted, then listed."""
    if not dropped:
        return ""
    reasons = reasons_phrase(dropped)
    items = [
        f"- {_where(d.finding)} **{visible(d.finding.rule)}**: {table_cell(visible(d.because))}"
        for d in dropped[:limit]
    ]
    cut = _more(len(dropped) - len(items), "finding")
    title = f"{_new_phrase(len(dropped))} not posted: {reasons}"
    return f"<details><summary>{title}</summary>\n\n" + "\n".join(items) + f"\n{cut}\n</details>"


def _where(finding: Finding) -> str:
    return (
        code_span(visible(f"{finding.path}:{finding.line}")) if finding.path else "(pull request)"
    )


def _more(hidden: int, noun: str) -> str:
    return f"\n_... and {plural(hidden, noun)} more._\n" if hidden > 0 else ""
