"""The summary comment: verdict, counts, complexity of changed functions, PR checks, overflow.

It starts with the hidden ``<!-- reviewbot:summary -->`` marker (how a later run finds and edits
it) and stays under GitHub's 65,536-character limit: long lists are cut with a count of what was
left out. It is read in under a minute: at most MAX_VISIBLE_LINES lines show outside collapsed
``<details>`` blocks; when the open tables would pass that, the biggest are collapsed. Every
count agrees: the new findings are split into those in inline comments, the failed pull request
checks, those no changed line shows, and those over the comment budget.
"""

from __future__ import annotations

import re
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
MAX_VISIBLE_LINES = 40
#: A complexity table with more rows than this is collapsed whatever the room.
MAX_OPEN_COMPLEXITY_ROWS = 10
#: The open tables, in the order they are collapsed when the summary is too long to read: the
#: counts by category first (the line above them already accounts for every new finding).
_COLLAPSIBLE = ("counts", "complexity", "checks")
_DETAILS_START = re.compile(r"^\s*<details>")
_DETAILS_END = re.compile(r"</details>\s*$")
_STATUS = {
    CheckStatus.PASS: ":white_check_mark: pass",
    CheckStatus.FAIL: ":x: fail",
    CheckStatus.SKIPPED: ":heavy_minus_sign: skipped",
}


def render_summary(facts: SummaryFacts) -> str:
    """The summary Markdown: short enough to read, cut to fit GitHub's limit."""
    text = ""
    for limit in _LIST_LIMITS:
        for count in range(len(_COLLAPSIBLE) + 1):
            text = _render(facts, limit, frozenset(_COLLAPSIBLE[:count]))
            if visible_lines(text) <= MAX_VISIBLE_LINES:
                break
        if len(text.encode("utf-16-le")) // 2 <= MAX_BODY:
            return text
    return text


def visible_lines(markdown: str) -> int:
    """The lines a reader sees without expanding anything: every line outside ``<details>``
    blocks, and one for each block's ``<summary>``."""
    count = 0
    inside = False
    for line in markdown.rstrip("\n").split("\n"):
        if not inside:
            count += 1
            inside = bool(_DETAILS_START.match(line)) and not _DETAILS_END.search(line)
        elif _DETAILS_END.search(line):
            inside = False
    return count


def _render(facts: SummaryFacts, limit: int, collapsed: frozenset[str]) -> str:
    sections = [
        SUMMARY_MARKER,
        "## reviewbot review",
        verdict_line(facts),
        _scope(facts),
        where_new_findings_are(facts),
        _collapsible(_counts(facts), _counts_title(facts), collapse="counts" in collapsed),
        _complexity(facts, limit, collapse="complexity" in collapsed),
        _collapsible(_checks(facts), collapse="checks" in collapsed),
        _listing(
            f"{_new_phrase(len(facts.overflow))} not commented inline (over the budget)",
            facts.overflow,
            limit,
        ),
        _listing(
            f"{_new_phrase(len(facts.unplaced))} on no changed line that shows them "
            "(about a whole module, or a function whose changed lines add no branch)",
            facts.unplaced,
            limit,
        ),
        _listing(f"{plural(len(facts.fixed), 'finding')} fixed by this change", facts.fixed, limit),
        _conventions(facts.conventions),
        _dropped(facts.dropped, limit),
    ]
    return "\n\n".join(section.rstrip("\n") for section in sections if section) + "\n"


def where_new_findings_are(facts: SummaryFacts) -> str:
    """One line that accounts for every new finding: commented inline, a failed pull request
    check, on no changed line, or over the comment budget."""
    if not facts.new:
        return ""
    checks = sum(1 for finding in facts.new if not finding.path)
    parts = [
        (facts.commented, f"in {plural(facts.comments, 'inline comment')}"),
        (checks, "in the pull request checks"),
        (len(facts.unplaced), "on no changed line that shows them"),
        (len(facts.overflow), "over the comment budget"),
    ]
    where = ", ".join(f"{count} {place}" for count, place in parts if count)
    return f"Of the {_new_phrase(len(facts.new))}: {where}."


def _collapsible(section: str, title: str = "", *, collapse: bool) -> str:
    """``section`` (``### Title`` then its body) as a collapsed ``<details>`` when asked,
    under ``title`` (default: its own)."""
    if not collapse or not section.startswith("### "):
        return section
    heading, _, body = section.partition("\n\n")
    summary = title or heading[4:]
    return f"<details><summary>{summary}</summary>\n\n{body.rstrip()}\n\n</details>"


def _counts_title(facts: SummaryFacts) -> str:
    return (
        f"Findings by category: {len(facts.new)} new, {len(facts.existing)} still open, "
        f"{len(facts.fixed)} fixed"
    )


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


def _complexity(facts: SummaryFacts, limit: int, *, collapse: bool) -> str:
    """The changed functions that crossed a limit or rose notably; the others in one line."""
    changes = facts.complexity
    rest = _calm_functions(facts)
    if not changes:
        return f"### Complexity of changed functions\n\n{rest}" if rest else ""
    title = f"Complexity of changed functions: {len(changes)} crossed a limit or rose notably"
    listed = f"### {title}\n\n{_complexity_table(changes, limit)}"
    if collapse or len(changes) > MAX_OPEN_COMPLEXITY_ROWS:
        listed = _collapsible(listed, collapse=True)
    return f"{listed}\n\n{rest}" if rest else listed


def _calm_functions(facts: SummaryFacts) -> str:
    """One line for the changed functions the table leaves out."""
    quiet = facts.changed_functions - len(facts.complexity)
    if quiet <= 0:
        return ""
    noun = "other changed function" if facts.complexity else "changed function"
    return (
        f"{plural(quiet, noun)} stayed within the complexity limits and rose by less than "
        "`[review] complexity-increase`."
    )


def _complexity_table(changes: Sequence[ComplexityChange], limit: int) -> str:
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
    return (table(header, ["---", "---", "---", "---"], rows) + cut).rstrip()


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
    """One line per convention rule the untouched code breaks, with the line to keep it so; a
    collapsed section, so a code base with many such rules keeps the summary short."""
    if not conventions:
        return ""
    held = sum(c.held for c in conventions)
    title = (
        f"This code base's own conventions win over {plural(len(conventions), 'rule')}: "
        f"{plural(held, 'new finding')} not commented"
    )
    lines = [
        f"- {code_span(c.rule)}: {_broken(c)}, so {plural(c.held, 'new finding')} {_was(c.held)} not commented. "
        f"To make it permanent: {code_span(c.config_line)}"
        for c in conventions
    ]
    return f"<details><summary>{title}</summary>\n\n" + "\n".join(lines) + "\n\n</details>"


def _broken(c: LearnedConvention) -> str:
    """Who breaks the rule how often: the untouched code, or the changed file before."""
    if c.path is None:
        return f"the code this change leaves alone breaks it {c.count} times {c.role.where}"
    return f"{code_span(c.path)} broke it {c.count} times before this change"


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
