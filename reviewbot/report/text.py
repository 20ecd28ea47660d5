"""The terminal report: a ``path:line:col: CODE [severity] message`` line per finding.

Two shapes, as ruff has: ``full`` (the default, also called ``text``) shows under each finding
the code line it is on, with carets under the flagged columns, its fix and the command that
explains the rule; ``concise`` keeps the one line (and the fix marker under it). Paths are
relative to ``cwd`` when it is given (see :mod:`reviewbot.report.paths`).
"""

from __future__ import annotations

from pathlib import Path

from reviewbot.control_chars import visible
from reviewbot.findings import Finding, Fix, Severity
from reviewbot.pipeline.result import CheckResult, excerpt_key
from reviewbot.report.code_line import Span, code_line
from reviewbot.report.dropped import text_listing
from reviewbot.report.ordering import findings_by_file, sorted_findings
from reviewbot.report.paths import shown_path
from reviewbot.report.wording import (
    baseline_sentence,
    dropped_sentence,
    summary_sentence,
    suppressed_sentence,
)

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_GUTTER = "\x1b[1;34m"
_SEVERITY_COLORS = {
    Severity.ERROR: "\x1b[31m",
    Severity.WARNING: "\x1b[33m",
    Severity.INFO: "\x1b[36m",
}


def render(result: CheckResult, *, color: bool = False, cwd: Path | None = None) -> str:
    """The full report: each finding with its code line, fix and pointer, then the summary."""
    blocks = [
        _full_block(result, finding, color=color, cwd=cwd)
        for finding in sorted_findings(result.findings)
    ]
    return "\n".join([*blocks, summary(result, color=color)]) + text_listing(result, cwd)


def render_concise(result: CheckResult, *, color: bool = False, cwd: Path | None = None) -> str:
    """Findings grouped by file, a blank line between files, then the summary lines."""
    blocks = [
        "".join(_concise_lines(result, finding, color=color, cwd=cwd) for finding in findings)
        for _path, findings in findings_by_file(result.findings)
    ]
    return "\n".join([*blocks, summary(result, color=color)]) + text_listing(result, cwd)


def _concise_lines(result: CheckResult, finding: Finding, *, color: bool, cwd: Path | None) -> str:
    """The finding's line, plus an indented marker when it carries a fix."""
    line = _header(result, finding, color=color, cwd=cwd)
    if finding.fix is None:
        return line
    return line + "    " + _paint(_fix_marker(finding.fix), _DIM, color) + "\n"


def _full_block(result: CheckResult, finding: Finding, *, color: bool, cwd: Path | None) -> str:
    """The header line, the code line with its carets, the fix and ``reviewbot explain``."""
    lines = [_header(result, finding, color=color, cwd=cwd).rstrip("\n")]
    lines += _code(result, finding, color=color)
    if finding.fix is not None:
        lines.append(_note(_fix_marker(finding.fix), color=color))
    lines.append(_note(f"help: reviewbot explain {visible(finding.rule)}", color=color))
    return "".join(f"{line}\n" for line in lines)


def _header(result: CheckResult, finding: Finding, *, color: bool, cwd: Path | None) -> str:
    loc = finding.location
    # Findings about the change as a whole (PR-level policy checks) carry no path.
    path = shown_path(finding.path, result.root, cwd)
    where = _paint(visible(path) or "(pull request)", _BOLD, color)
    code = _paint(visible(finding.rule), _SEVERITY_COLORS[finding.severity], color)
    return f"{where}:{loc.line}:{loc.column}: {code} [{finding.severity.value}] {visible(finding.message)}\n"


def _code(result: CheckResult, finding: Finding, *, color: bool) -> list[str]:
    """The code line under the finding, or nothing for a finding on no line of a file read."""
    text = result.source_lines.get(excerpt_key(finding.path, finding.line))
    if text is None:
        return []
    loc = finding.location
    span = Span(loc.column, loc.end_column if loc.end_line == loc.line else None)
    shown = code_line(text, finding.line, span)
    if not color:
        return list(shown.lines())
    gutter = " " * len(str(shown.number))
    carets = _paint("^" * shown.carets, _SEVERITY_COLORS[finding.severity], color)
    return [
        _paint(f"{gutter} |", _GUTTER, color),
        _paint(f"{shown.number} |", _GUTTER, color) + f" {shown.source}".rstrip(),
        _paint(f"{gutter} |", _GUTTER, color) + " " + " " * shown.indent + carets,
    ]


def _note(text: str, *, color: bool) -> str:
    """A ``  = ...`` line closing a finding's block, as ruff ends its blocks."""
    return "  = " + _paint(text, _DIM, color)


def _fix_marker(fix: Fix) -> str:
    marker = "fix available" if fix.safe else "fix available (unsafe)"
    return f"{marker}: {visible(fix.description)}" if fix.description else marker


def summary(result: CheckResult, *, color: bool) -> str:
    """The closing summary sentence and, when anything was suppressed, a note saying so."""
    lines = [_paint(summary_sentence(result), _BOLD, color)]
    suppressed = suppressed_sentence(result)
    if suppressed:
        lines.append(suppressed)
    baseline = baseline_sentence(result)
    if baseline:
        lines.append(baseline)
    dropped = dropped_sentence(result)
    if dropped:
        lines.append(dropped)
    return "".join(f"{line}\n" for line in lines)


def _paint(text: str, style: str, color: bool) -> str:
    """``text`` wrapped in an ANSI style when colour is on."""
    return f"{style}{text}{_RESET}" if color else text
