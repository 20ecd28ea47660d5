"""The terminal report: one ``path:line:col: CODE [severity] message`` line per finding."""

from __future__ import annotations

from reviewbot.control_chars import visible
from reviewbot.findings import Finding, Fix, Severity
from reviewbot.pipeline.result import CheckResult
from reviewbot.report.ordering import findings_by_file
from reviewbot.report.wording import baseline_sentence, summary_sentence, suppressed_sentence

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_SEVERITY_COLORS = {
    Severity.ERROR: "\x1b[31m",
    Severity.WARNING: "\x1b[33m",
    Severity.INFO: "\x1b[36m",
}


def render(result: CheckResult, *, color: bool = False) -> str:
    """Findings grouped by file, a blank line between files, then the summary lines."""
    blocks = [
        "".join(_finding_lines(finding, color) for finding in findings)
        for _path, findings in findings_by_file(result.findings)
    ]
    return "\n".join([*blocks, _summary(result, color)])


def _finding_lines(finding: Finding, color: bool) -> str:
    """The finding's line, plus an indented marker when it carries a fix."""
    loc = finding.location
    # Findings about the change as a whole (PR-level policy checks) carry no path.
    where = _paint(visible(finding.path) or "(pull request)", _BOLD, color)
    code = _paint(visible(finding.rule), _SEVERITY_COLORS[finding.severity], color)
    line = f"{where}:{loc.line}:{loc.column}: {code} [{finding.severity.value}] {visible(finding.message)}\n"
    if finding.fix is None:
        return line
    return line + "    " + _paint(_fix_marker(finding.fix), _DIM, color) + "\n"


def _fix_marker(fix: Fix) -> str:
    marker = "fix available" if fix.safe else "fix available (unsafe)"
    return f"{marker}: {visible(fix.description)}" if fix.description else marker


def _summary(result: CheckResult, color: bool) -> str:
    """The closing summary sentence and, when anything was suppressed, a note saying so."""
    lines = [_paint(summary_sentence(result), _BOLD, color)]
    suppressed = suppressed_sentence(result)
    if suppressed:
        lines.append(suppressed)
    baseline = baseline_sentence(result)
    if baseline:
        lines.append(baseline)
    return "".join(f"{line}\n" for line in lines)


def _paint(text: str, style: str, color: bool) -> str:
    """``text`` wrapped in an ANSI style when colour is on."""
    return f"{style}{text}{_RESET}" if color else text
