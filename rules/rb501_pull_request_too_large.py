"""RB501 (review only): a pull request with more changed lines than ``[policy] pr-size-lines``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import PurePosixPath

from reviewbot.change.model import FileChange
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

_LARGE = "M orders/pricing.py +260 -40\nA orders/refunds.py +180\nM tests/test_pricing.py +30 -5\n"


class PullRequestTooLarge(PolicyRule):
    """Flags pull requests too large to review carefully."""

    code = "RB501"
    name = "pull-request-too-large"
    category = Category.POLICY
    severity = Severity.WARNING
    doc = RuleDoc(
        what=(
            "Checks, in `reviewbot review` only, that the pull request changes at most "
            "`[policy] pr-size-lines` lines (default 400): added plus removed lines of text "
            "files. Lockfiles and binary files are not counted."
        ),
        why=(
            "Reviewers find most defects in the first few hundred lines they read; past that, "
            "review turns into skimming and approvals come faster, not better. A large change "
            "is also harder to revert and to bisect. The message names the folders holding "
            "most of the change, the natural lines to split it along."
        ),
        example=_LARGE,
        use_instead=(
            "# first pull request: the pricing change and its tests\n"
            "M orders/pricing.py +260 -40\nM tests/test_pricing.py +30 -5\n"
            "# second pull request: refunds\nA orders/refunds.py +180\n"
        ),
        options="`pr-size-lines` in `[policy]` (default 400; `false` turns the check off).",
    )
    valid = (
        ScenarioValid("M orders/pricing.py +120 -40\nM tests/test_pricing.py +30\n", "190 lines"),
        ScenarioValid(_LARGE, "turned off", settings={"pr_size_lines": None}),
        ScenarioValid(
            "M pyproject.toml +2 -1\nM poetry.lock +900 -300\n", "lockfiles are not counted"
        ),
    )
    invalid = (
        ScenarioInvalid(_LARGE, note="515 lines"),
        ScenarioInvalid(
            "M orders/pricing.py +30 -2\n",
            note="over a lower limit",
            settings={"pr_size_lines": 20},
        ),
    )

    def check_pull_request(
        self, facts: PullRequestFacts, settings: PrPolicySettings
    ) -> CheckOutcome:
        """Fail when added plus removed lines exceed ``pr-size-lines``."""
        limit = settings.pr_size_lines
        if limit is None:
            return CheckOutcome(
                CheckStatus.SKIPPED, "turned off (`[policy] pr-size-lines = false`)"
            )
        counted = _counted(facts, settings)
        added = sum(f.additions for f in counted)
        removed = sum(f.deletions for f in counted)
        size = f"{added + removed} changed lines (+{added} -{removed})"
        if added + removed <= limit:
            return CheckOutcome(CheckStatus.PASS, f"{size}, within the limit of {limit}")
        return CheckOutcome(
            CheckStatus.FAIL,
            f"{size}, over the limit of {limit}; most of it is in {_largest_folders(counted)}",
            "A change this size gets skimmed rather than reviewed, and is hard to revert or "
            "bisect. Split it along the folders above: refactors first, then the behaviour "
            "change with its tests.",
        )


def _counted(facts: PullRequestFacts, settings: PrPolicySettings) -> list[FileChange]:
    """The files whose lines count: text files other than lockfiles."""
    lockfiles = {lock for _, locks in settings.lockfiles for lock in locks}
    return [f for f in facts.files if not f.binary and PurePosixPath(f.path).name not in lockfiles]


def _largest_folders(files: Sequence[FileChange]) -> str:
    sizes: Counter[str] = Counter()
    for change in files:
        folder = str(PurePosixPath(change.path).parent)
        sizes["(root)" if folder == "." else f"{folder}/"] += change.additions + change.deletions
    return ", ".join(f"`{name}` ({lines})" for name, lines in sizes.most_common(3))
