"""RB503 (review only): a pull request description that is empty or too short."""

from __future__ import annotations

import re

from reviewbot.config.review_settings import PrPolicySettings
from reviewbot.findings import Category, Severity
from reviewbot.ruleset.api import PolicyRule, RuleDoc
from reviewbot.ruleset.review_records import (
    CheckOutcome,
    CheckStatus,
    PullRequestFacts,
    ScenarioInvalid,
    ScenarioValid,
)

_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_GOOD = (
    "M orders/refunds.py +40\n"
    "description: Refund partially shipped orders. Shipped lines are refunded at the price paid, "
    "the rest is cancelled. Closes #212.\n"
)


class DescriptionTooShort(PolicyRule):
    """Flags pull requests whose description does not say what and why."""

    code = "RB503"
    name = "description-too-short"
    category = Category.POLICY
    severity = Severity.INFO
    doc = RuleDoc(
        what=(
            "Checks, in `reviewbot review` only, that the pull request description has at least "
            "`[policy] description-min-length` characters (default 30), not counting HTML "
            "comments left from a template. Skipped when the description is unknown: pass "
            "`--description-file FILE`, or run under GitHub Actions, which reads it from the event."
        ),
        why=(
            "The description is where the reviewer learns why the change exists and what to "
            'look at first, and where `git blame` readers land years later. "Fix" tells them '
            "nothing; two sentences on the why and a link to the issue are enough."
        ),
        example="M orders/refunds.py +40\ndescription: fix\n",
        use_instead=_GOOD,
        options="`description-min-length` in `[policy]` (default 30; 0 or `false` turns it off).",
    )
    valid = (
        ScenarioValid(_GOOD, "says what and why"),
        ScenarioValid("M orders/refunds.py +40\n", "description unknown: skipped"),
        ScenarioValid(
            "M orders/refunds.py +40\ndescription: fix\n",
            "turned off",
            settings={"description_min_length": 0},
        ),
    )
    invalid = (
        ScenarioInvalid("M orders/refunds.py +40\ndescription: fix refunds\n"),
        ScenarioInvalid(
            "M orders/refunds.py +40\ndescription: <!-- Describe your change here -->\n",
            note="only the template's comment",
        ),
    )

    def check_pull_request(
        self, facts: PullRequestFacts, settings: PrPolicySettings
    ) -> CheckOutcome:
        """Fail when the known description is shorter than ``description-min-length``."""
        minimum = settings.description_min_length
        if not minimum:
            return CheckOutcome(
                CheckStatus.SKIPPED, "turned off (`[policy] description-min-length = 0`)"
            )
        if facts.description is None:
            return CheckOutcome(
                CheckStatus.SKIPPED, "description unknown (pass `--description-file`)"
            )
        text = " ".join(_HTML_COMMENT.sub(" ", facts.description).split())
        if len(text) >= minimum:
            return CheckOutcome(CheckStatus.PASS, f"description has {len(text)} characters")
        found = "is empty" if not text else f"has {len(text)} characters"
        return CheckOutcome(
            CheckStatus.FAIL,
            f"the description {found}; write at least {minimum}: what changed and why",
            "Reviewers start from the description; without it they reverse-engineer the intent "
            "from the diff. Say what changed, why, and what to look at first.",
        )
