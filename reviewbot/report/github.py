"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` per finding.

Escaping follows the Actions toolkit (``@actions/core`` ``command.ts``): the message escapes
``%``, CR and LF; property values additionally escape ``:`` and ``,``. Other control characters
and line separators (which the runner has no escape for) become visible escapes (``\\x1b``).
"""

from __future__ import annotations

from reviewbot.control_chars import visible
from reviewbot.findings import Finding, Severity
from reviewbot.pipeline.result import CheckResult
from reviewbot.report.ordering import sorted_findings

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}

_DATA_ESCAPES = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))
_PROPERTY_ESCAPES = (*_DATA_ESCAPES, (":", "%3A"), (",", "%2C"))


def render(result: CheckResult, *, color: bool = False) -> str:
    """One workflow command line per finding; ``""`` when there are none. ``color`` is ignored."""
    return "".join(annotation(finding) + "\n" for finding in sorted_findings(result.findings))


def annotation(finding: Finding) -> str:
    """The workflow command that annotates ``finding`` at its location."""
    properties = ",".join(
        f"{name}={escape_property(value)}" for name, value in _properties(finding)
    )
    return f"::{COMMANDS[finding.severity]} {properties}::{escape_data(finding.message)}"


def escape_data(text: str) -> str:
    """Escape a command's message the way the Actions runner unescapes it.

    CR and LF become ``%0D``/``%0A`` (the runner turns them back); every other control
    character and line separator becomes a visible escape, so the command stays one line.
    """
    return _escape(visible(text, keep="\r\n"), _DATA_ESCAPES)


def escape_property(text: str) -> str:
    """Escape a command property value (``file``, ``title``...), control characters as above."""
    return _escape(visible(text, keep="\r\n"), _PROPERTY_ESCAPES)


def _escape(text: str, escapes: tuple[tuple[str, str], ...]) -> str:
    # "%" comes first in every table so the escapes themselves are not escaped again.
    for raw, escaped in escapes:
        text = text.replace(raw, escaped)
    return text


def _properties(finding: Finding) -> list[tuple[str, str]]:
    """The command's properties, in the order ``file, line, col, endLine, endColumn, title``."""
    title = ("title", f"{finding.rule} ({finding.category.value})")
    if not finding.path:
        return [title]
    loc = finding.location
    where = [("file", finding.path), ("line", str(loc.line))]
    # GitHub rejects columns on an annotation that spans lines, so they go only on one-liners.
    if loc.end_line != loc.line:
        return [*where, ("endLine", str(loc.end_line)), title]
    columns = [("col", str(loc.column)), ("endLine", str(loc.end_line))]
    return [*where, *columns, ("endColumn", str(loc.end_column)), title]
