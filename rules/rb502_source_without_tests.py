"""RB502 (review only): source files changed but no test file changed."""

from __future__ import annotations

from reviewbot.change.model import FileChange, FileStatus
from reviewbot.config.globs import any_glob_match
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

_SHOWN = 3


class SourceWithoutTests(PolicyRule):
    """Flags a change to source code that leaves every test untouched."""

    code = "RB502"
    name = "source-without-tests"
    category = Category.POLICY
    severity = Severity.WARNING
    doc = RuleDoc(
        what=(
            "Checks, in `reviewbot review` only, that a pull request changing source files "
            "(`[policy] source-patterns`, default `*.py`) also changes at least one test file "
            "(`[policy] test-patterns`, default `tests/`, `test/`, `test_*.py`, `*_test.py`, "
            "`conftest.py`). Deleted files and files moved without edits do not count."
        ),
        why=(
            "A behaviour change without a test change is either untested or changes "
            "behaviour the tests do not pin down; either way the reviewer has to take the "
            "author's word for it. Asking for the test in review is cheaper than the bug "
            "report after release."
        ),
        example="M orders/pricing.py +12 -3\n",
        use_instead="M orders/pricing.py +12 -3\nM tests/test_pricing.py +25\n",
        options=(
            "`tests-required` (default true), `source-patterns` and `test-patterns` (globs, "
            "as in `exclude`) in `[policy]`."
        ),
    )
    valid = (
        ScenarioValid("M orders/pricing.py +12 -3\nM tests/test_pricing.py +25\n", "tests changed"),
        ScenarioValid("M README.md +3\nM docs/usage.md +10\n", "no source changed"),
        ScenarioValid("M orders/pricing.py +1\n", "turned off", settings={"tests_required": False}),
        ScenarioValid("D orders/legacy.py -80\n", "a deleted module needs no new test"),
        ScenarioValid("R orders/reports.py -> orders/reporting.py\n", "a module moved unchanged"),
    )
    invalid = (
        ScenarioInvalid("M orders/pricing.py +12 -3\n"),
        ScenarioInvalid(
            "M app/views.py +4\nM tests/test_views.py +9\n",
            note='with `test-patterns = ["spec/"]`, `tests/` holds no tests',
            settings={"test_patterns": ("spec/",)},
        ),
    )

    def check_pull_request(
        self, facts: PullRequestFacts, settings: PrPolicySettings
    ) -> CheckOutcome:
        """Fail when source files changed and no test file did."""
        if not settings.tests_required:
            return CheckOutcome(
                CheckStatus.SKIPPED, "turned off (`[policy] tests-required = false`)"
            )
        source, tests = _source_and_tests(facts, settings)
        if not source:
            return CheckOutcome(CheckStatus.PASS, "no source files changed")
        if tests:
            return CheckOutcome(
                CheckStatus.PASS, f"{_files(len(source))} and {_files(len(tests), 'test')} changed"
            )
        shown = ", ".join(f"`{path}`" for path in source[:_SHOWN])
        more = f" and {len(source) - _SHOWN} more" if len(source) > _SHOWN else ""
        return CheckOutcome(
            CheckStatus.FAIL,
            f"{_files(len(source))} changed ({shown}{more}) but no test file",
            "Nothing in this change shows the new behaviour works or pins it down for the next "
            "refactor. Add or update a test next to the change.",
        )


def _source_and_tests(
    facts: PullRequestFacts, settings: PrPolicySettings
) -> tuple[list[str], list[str]]:
    """The edited source files and the edited test files (a test file is never source)."""
    edited = [f.path for f in facts.files if _edited(f)]
    tests = [path for path in edited if any_glob_match(settings.test_patterns, path)]
    is_test = set(tests)
    source = [
        path
        for path in edited
        if path not in is_test and any_glob_match(settings.source_patterns, path)
    ]
    return source, tests


def _edited(change: FileChange) -> bool:
    """Added, or edited in place; a deletion or a move without edits needs no test."""
    if change.status is FileStatus.DELETED:
        return False
    return change.status is FileStatus.ADDED or bool(change.added_lines or change.removed_lines)


def _files(count: int, kind: str = "source") -> str:
    return f"{count} {kind} file{'' if count == 1 else 's'}"
