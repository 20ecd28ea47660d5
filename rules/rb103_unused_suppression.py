"""RB103: a ``# reviewbot: ignore[...]`` comment that silences nothing."""

from __future__ import annotations

from reviewbot.findings import Category, Severity
from reviewbot.ruleset.api import Invalid, RuleDoc, SuppressionRule, Valid, Violation


class UnusedSuppression(SuppressionRule):
    """Flags suppression comments whose codes no longer match any finding."""

    code = "RB103"
    name = "unused-suppression"
    category = Category.CONVENTION
    severity = Severity.INFO
    doc = RuleDoc(
        what="Checks for `# reviewbot: ignore[CODE]` comments that silence no finding.",
        why=(
            "A suppression outlives the problem it hid: the code was fixed, the rule was renamed "
            "or turned off, or the comment drifted to another line. A stale suppression tells "
            "readers a problem exists where none does, and silently hides the next real finding "
            "that lands on that line."
        ),
        example=(
            "def total(prices):\n"
            "    return sum(prices)  # reviewbot: ignore[RB301]\n"
        ),
        use_instead="def total(prices):\n    return sum(prices)\n",
    )
    valid = (
        Valid(
            "parts = ''\nfor p in ps:\n    parts += p  # reviewbot: ignore[RB301]\n",
            "the comment silences a real RB301 finding",
        ),
        Valid("x = 1  # a normal comment mentioning reviewbot\n", "not a directive"),
        Valid('HELP = "# reviewbot: ignore[RB301]"\n', "inside a string, not a comment"),
    )
    invalid = (
        Invalid("total = 1  # reviewbot: ignore[RB301]\n", lines=(1,)),
        Invalid("# reviewbot: ignore-file[RB999]\nx = 1\n", lines=(1,)),
    )

    def check_unused(self, code: str, enabled: bool) -> Violation:
        """Explain why the directive for ``code`` is unused."""
        reason = "matches no finding here" if enabled else "names a rule that is not enabled here"
        return Violation(
            message=f"`# reviewbot: ignore[{code}]` {reason}; remove it",
            rationale=(
                "A suppression that silences nothing misleads readers and would hide the next "
                "real finding on this line."
            ),
        )
