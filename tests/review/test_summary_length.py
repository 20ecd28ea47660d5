"""The summary is read in under a minute on any pull request, and its counts agree."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewbot.change.model import Change, FileChange, FileStatus
from reviewbot.config.model import FilePolicy, Thresholds
from reviewbot.dropped import Dropped
from reviewbot.findings import Category, FailOn, Finding, Location, Severity
from reviewbot.report.review_summary import (
    MAX_VISIBLE_LINES,
    render_summary,
    visible_lines,
)
from reviewbot.review.complexity import notable_changes
from reviewbot.review.markers import MAX_BODY
from reviewbot.review.model import (
    Complexity,
    ComplexityChange,
    PolicyCheck,
    SummaryFacts,
    Verdict,
)
from reviewbot.ruleset.review_records import CheckStatus

CATEGORIES = list(Category)


def finding(index: int, path: str = "pkg/module.py", message: str = "a finding") -> Finding:
    category = CATEGORIES[index % len(CATEGORIES)]
    return Finding(
        f"RB{300 + index % 17}",
        category,
        Severity.WARNING,
        path,
        Location(index + 1, 1, index + 1, 5),
        f"{message} {index}",
        fingerprint=f"fp{index}-{path}",
    )


def changed(index: int) -> ComplexityChange:
    before = Complexity(index % 20, index % 12) if index % 3 else None
    return ComplexityChange(
        f"Module{index}.function_{index}",
        f"pkg/module_{index % 40}.py",
        index * 10 + 1,
        before,
        Complexity(index % 30, index % 14),
    )


def facts(
    new: int, complexity: int, checks: int, extra: int, message: str = "a finding"
) -> SummaryFacts:
    """A review with ``new`` findings split over comments, unplaced and overflow, ``checks``
    PR checks, and ``extra`` fixed and dropped findings."""
    findings = tuple(finding(i, message=message) for i in range(new))
    commented, rest = findings[: new // 3], findings[new // 3 :]
    unplaced, overflow = rest[: len(rest) // 2], rest[len(rest) // 2 :]
    file = FileChange("pkg/module.py", "pkg/module.py", FileStatus.MODIFIED)
    return SummaryFacts(
        verdict=Verdict.COMMENT if new else Verdict.APPROVE,
        fail_on=FailOn.ERROR,
        change=Change("main", "HEAD", "b" * 40, "h" * 40, (file,) * 3),
        analysed=3,
        new=findings,
        existing=tuple(finding(i, "pkg/old.py") for i in range(extra)),
        fixed=tuple(finding(i, "pkg/fixed.py", message) for i in range(extra)),
        complexity=tuple(changed(i) for i in range(complexity)),
        checks=tuple(
            PolicyCheck(f"RB5{i:02d}", CheckStatus.FAIL, message * 2) for i in range(checks)
        ),
        comments=max(len(commented) - 1, 0),
        overflow=overflow,
        rule_names={},
        dropped=tuple(Dropped(finding(i, "tests/t.py"), "role:test", "a test") for i in range(extra)),
        unplaced=unplaced,
        commented=len(commented),
        changed_functions=complexity + 400,
    )


@settings(max_examples=40, deadline=None)
@given(
    new=st.integers(0, 600),
    complexity=st.integers(0, 500),
    checks=st.integers(0, 12),
    extra=st.integers(0, 300),
    message=st.sampled_from(["short", "x" * 600, "multi\nline `code` | pipe"]),
)
def test_summary_shows_at_most_40_lines_and_fits_githubs_limit(
    new: int, complexity: int, checks: int, extra: int, message: str
) -> None:
    text = render_summary(facts(new, complexity, checks, extra, message))
    assert visible_lines(text) <= MAX_VISIBLE_LINES
    assert len(text.encode("utf-16-le")) // 2 <= MAX_BODY
    assert text.count("<details>") == text.count("</details>")


def test_hundreds_of_changed_functions_fold_into_one_line() -> None:
    text = render_summary(facts(new=0, complexity=0, checks=0, extra=0))
    assert text.endswith(
        "### Complexity of changed functions\n\n400 changed functions stayed within the "
        "complexity limits and rose by less than `[review] complexity-increase`.\n"
    )
    assert "0 -> 0" not in text


def test_the_line_accounting_for_new_findings_adds_up() -> None:
    summary = facts(new=30, complexity=2, checks=1, extra=1)
    text = render_summary(summary)
    line = next(line for line in text.split("\n") if line.startswith("Of the "))
    total, *parts = (int(n) for n in re.findall(r"(\d+) (?:new findings|in |on |over )", line))
    assert total == 30 == sum(parts)
    assert line == (
        "Of the 30 new findings: 10 in 9 inline comments, 10 on no changed line that shows "
        "them, 10 over the comment budget."
    )
    assert "10 new findings not commented inline (over the budget)" in text
    assert "10 new findings on no changed line that shows them" in text


def test_visible_lines_count_a_collapsed_block_as_its_summary_line() -> None:
    text = "a\n\n<details><summary>t</summary>\n\nx\ny\n\n</details>\n\nb\n"
    assert visible_lines(text) == 5


def test_complexity_table_lists_crossings_and_notable_rises_only() -> None:
    policy = FilePolicy({}, Thresholds(cyclomatic=10, cognitive=15))

    def change(before: tuple[int, int] | None, after: tuple[int, int]) -> ComplexityChange:
        return ComplexityChange(
            "f", "a.py", 1, Complexity(*before) if before else None, Complexity(*after)
        )

    crossed = change((15, 3), (16, 3))
    rose = change((2, 2), (7, 2))
    new_over = change(None, (30, 3))
    moved_calm = change((34, 12), (34, 12))  # a 'before' from the function it was moved from
    small = change((0, 1), (4, 1))
    new_calm = change(None, (4, 2))
    removed = ComplexityChange("g", "a.py", 1, Complexity(40, 20), None)
    changes = (crossed, rose, new_over, moved_calm, small, new_calm, removed)
    assert notable_changes(changes, lambda path: policy, 5) == (crossed, rose, new_over)
    assert notable_changes((small,), lambda path: policy, 4) == (small,)
