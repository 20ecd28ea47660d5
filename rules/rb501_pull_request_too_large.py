"""RB501 (review only): a pull request with more changed lines than ``[policy] pr-size-lines``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import PurePosixPath

from reviewbot.change.model import FileChange
from reviewbot.config.review_settings import PrPolicySettings
from reviewbot.findings import Category, Severity
from reviewbot.ruleset.api import PolicyRule, RuleDoc
from reviewbot.ruleset.change_size import ChangeSize, measure_by_path
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
            "`[policy] pr-size-lines` lines (default 400): added plus removed lines of the "
            "files a person reviews. Left out, and named in the message with their lines: "
            "lockfiles (`poetry.lock`, `uv.lock`, `package-lock.json`, `go.sum` and the like, "
            "the `[policy] lockfiles` names, a requirements `.txt` compiled from the `.in` next "
            "to it), generated and vendored files (by their role: a generated-code header, a "
            "vendoring folder, `[roles]`), translation catalogues (`.po`, `.pot`, `.mo`, "
            "`.xliff`, Qt `.ts` files whose first bytes say `<TS`, and non-Python files under "
            "`locale/` or `locales/`; other `.ts` files are TypeScript and count), binary "
            "files, and a copy's copied lines (a copied file counts once: only its edits "
            "count). The summary's line count gives both figures when they differ."
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
        ScenarioValid(
            "M orders/pricing.py +20\nA locale/de/LC_MESSAGES/django.po +800\n",
            "translations are not counted",
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
        size = facts.size or measure_by_path(facts.files, settings.lockfile_names)
        measured = (
            f"{size.lines} changed lines (+{size.added} -{size.removed} in "
            f"{_plural(size.files, 'file')})"
        )
        left_out = f"; left out: {size.left_out_phrase()}" if size.left_out else ""
        if size.lines <= limit:
            return CheckOutcome(
                CheckStatus.PASS, f"{measured}, within the limit of {limit}{left_out}"
            )
        return CheckOutcome(
            CheckStatus.FAIL,
            f"{measured}, over the limit of {limit}; most of it is in "
            f"{_largest_folders(facts.files, size)}{left_out}",
            "A change this size gets skimmed rather than reviewed, and is hard to revert or "
            "bisect. Split it along the folders above: refactors first, then the behaviour "
            "change with its tests.",
        )


def _plural(count: int, noun: str) -> str:
    """``1 file``, ``12 files``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _largest_folders(files: Sequence[FileChange], size: ChangeSize) -> str:
    sizes: Counter[str] = Counter()
    for path, lines in size.counted_by_path(files).items():
        folder = str(PurePosixPath(path).parent)
        sizes["(root)" if folder == "." else f"{folder}/"] += lines
    return ", ".join(f"`{name}` ({lines})" for name, lines in sizes.most_common(3) if lines)
