"""Codes for problems with the analysis itself (category ``error``), not with the code's style.

They are always reported and cannot be selected or ignored: a file that could not be read or
parsed, or a rule that crashed, means the audit of that file is incomplete.
"""

from __future__ import annotations

from reviewbot.findings import Category, Severity
from reviewbot.ruleset.rule_info import RuleInfo

PARSE_ERROR = "RB900"
READ_ERROR = "RB901"
RULE_CRASHED = "RB902"
ANALYSIS_SKIPPED = "RB903"

INTERNAL_RULES: dict[str, RuleInfo] = {
    PARSE_ERROR: RuleInfo(
        PARSE_ERROR, "syntax-error", Category.ERROR, Severity.ERROR,
        "The file does not parse as Python.",
        "The file has a syntax error, so no other rule could check it. Fix the syntax error; "
        "the location points at where the parser gave up.",
    ),
    READ_ERROR: RuleInfo(
        READ_ERROR, "unreadable-file", Category.ERROR, Severity.ERROR,
        "The file could not be read or decoded.",
        "The file could not be read (permissions), is not valid in its declared encoding, or "
        "contains NUL bytes. Nothing in it was checked.",
    ),
    RULE_CRASHED: RuleInfo(
        RULE_CRASHED, "rule-crashed", Category.ERROR, Severity.ERROR,
        "A rule crashed on this file.",
        "A rule raised an exception on this file; its findings here are incomplete. The rest "
        "of the run went on.",
    ),
    ANALYSIS_SKIPPED: RuleInfo(
        ANALYSIS_SKIPPED, "analysis-skipped", Category.ERROR, Severity.WARNING,
        "Part of the analysis of this file was skipped.",
        "An analyzer could not process this file within its limits; the message says which "
        "analysis was skipped and why.",
    ),
}
