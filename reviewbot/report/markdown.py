"""The Markdown report for job summaries and PR comments: verdict, counts, findings per file.

Rule messages are Markdown as their authors wrote them (backticks mark code), so only what
would break a table is escaped: pipes and line breaks. Paths and rule codes are code spans
fenced to survive any backticks they contain.
"""

from __future__ import annotations

from pathlib import Path

from reviewbot.control_chars import visible
from reviewbot.findings import Finding
from reviewbot.pipeline.result import CheckResult
from reviewbot.report.dropped import markdown_listing
from reviewbot.report.markdown_syntax import code_span, table, table_cell
from reviewbot.report.ordering import (
    CATEGORY_ORDER,
    SEVERITY_ORDER,
    findings_by_file,
    sorted_findings,
)
from reviewbot.report.paths import shown_path
from reviewbot.report.wording import dropped_sentence, found_phrase, plural, suppressed_sentence

HEADING = "## reviewbot"
# Keeps a report well under GitHub's 64 KiB comment and 1 MiB job-summary limits.
MAX_FINDINGS = 200


def render(
    result: CheckResult,
    *,
    color: bool = False,
    max_findings: int = MAX_FINDINGS,
    cwd: Path | None = None,
) -> str:
    """The report, listing at most ``max_findings`` findings; ``color`` is ignored; paths are
    relative to ``cwd`` when given (see :mod:`reviewbot.report.paths`)."""
    sections = [HEADING, verdict(result)]
    if result.findings:
        sections.extend([_counts_line(result), _count_table(result)])
        sections.extend(_file_sections(result, max_findings, cwd))
        sections.append(_overflow_note(len(result.findings), max_findings))
    else:
        sections.append(suppressed_sentence(result))
    sections += [dropped_sentence(result), markdown_listing(result, cwd)]
    return "\n\n".join(section.rstrip("\n") for section in sections if section) + "\n"


def verdict(result: CheckResult) -> str:
    """One line saying whether the run fails, and at which ``--fail-on`` threshold."""
    if not result.findings:
        return f":white_check_mark: {found_phrase(result)}."
    threshold = code_span(f"--fail-on {result.fail_on.value}")
    blocking = len(result.blocking)
    if blocking:
        return f":x: **{plural(blocking, 'blocking finding')}** at {threshold}: this check fails."
    return f":white_check_mark: No blocking findings at {threshold}."


def _counts_line(result: CheckResult) -> str:
    suppressed = suppressed_sentence(result)
    return f"{found_phrase(result)}. {suppressed}".rstrip()


def _count_table(result: CheckResult) -> str:
    """Counts by category (rows, only those present) and severity (columns), with totals."""
    header = ["Category", "Error", "Warning", "Info", "Total"]
    align = ["---", "---:", "---:", "---:", "---:"]
    rows = []
    for category in CATEGORY_ORDER:
        in_category = [f for f in result.findings if f.category is category]
        if in_category:
            rows.append([category.value, *_severity_counts(in_category)])
    totals = _severity_counts(list(result.findings))
    rows.append(["**Total**", *(f"**{count}**" for count in totals)])
    return table(header, align, rows)


def _severity_counts(findings: list[Finding]) -> list[str]:
    counts = [sum(1 for f in findings if f.severity is severity) for severity in SEVERITY_ORDER]
    return [str(count) for count in [*counts, len(findings)]]


def _file_sections(result: CheckResult, max_findings: int, cwd: Path | None) -> list[str]:
    shown = sorted_findings(result.findings)[:max_findings]
    return [
        f"### {_file_title(shown_path(path, result.root, cwd))}\n\n"
        + _findings_table(result, findings)
        for path, findings in findings_by_file(shown)
    ]


def _file_title(path: str) -> str:
    # Findings about the change as a whole (PR-level policy checks) carry no path.
    return code_span(visible(path)) if path else "Pull request"


def _findings_table(result: CheckResult, findings: list[Finding]) -> str:
    header = ["Line", "Rule", "Severity", "Message"]
    align = ["---:", "---", "---", "---"]
    rows = [
        [str(f.line), _rule_link(result, f.rule), f.severity.value, _message(f)] for f in findings
    ]
    return table(header, align, rows)


def _rule_link(result: CheckResult, code: str) -> str:
    """The rule code, linked to its documentation when the rule has a URL."""
    info = result.rules.get(code)
    label = table_cell(code_span(visible(code)))
    return f"[{label}]({info.url})" if info and info.url else label


def _message(finding: Finding) -> str:
    if finding.fix is None:
        fix_note = ""
    else:
        fix_note = " _(fix available)_" if finding.fix.safe else " _(unsafe fix available)_"
    return table_cell(visible(finding.message)) + fix_note


def _overflow_note(total: int, max_findings: int) -> str:
    """A note on the findings left out of the listing, or ``""`` when all are shown."""
    if total <= max_findings:
        return ""
    hidden = total - max_findings
    return f"_Showing the first {max_findings} of {total} findings; {hidden} more not listed._"
