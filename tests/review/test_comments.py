"""Planning comments: ranking, the budget, merging, anchoring and suggestion blocks."""

from __future__ import annotations

from reviewbot.change.model import Change, FileChange, FileStatus
from reviewbot.findings import Category, Edit, Finding, Fix, Location, Severity
from reviewbot.metrics.model import FunctionMetrics
from reviewbot.review.advice import AdviceBook, first_sentences
from reviewbot.review.comments import CommentPlan, HeadFacts, plan_comments
from reviewbot.review.ruff_doc import section
from reviewbot.review.suggestion import suggestion_for
from reviewbot.ruleset.registry import builtin_registry

REGISTRY = builtin_registry()
TEXT = "import os\nx = {}\nif not a in b:\n    pass\nvalue = call(\n    1,\n)\n" + "pass\n" * 30


def finding(
    rule: str,
    line: int,
    category: Category,
    severity: Severity,
    fix: Fix | None = None,
    end_line: int | None = None,
) -> Finding:
    return Finding(
        rule,
        category,
        severity,
        "app.py",
        Location(line, 1, end_line or line, 5),
        f"{rule} message",
        "",
        fix,
        f"fp-{rule}-{line}",
    )


def change(added: set[int], hunks: tuple[tuple[int, int], ...]) -> Change:
    file = FileChange(
        "app.py", "app.py", FileStatus.MODIFIED, added_lines=frozenset(added), hunks=hunks
    )
    return Change("main", "HEAD", "b" * 40, "h" * 40, (file,))


def plan(
    findings: list[Finding],
    budget: int,
    added: set[int],
    hunks: tuple[tuple[int, int], ...],
    functions: tuple[FunctionMetrics, ...] = (),
) -> CommentPlan:
    head = HeadFacts({"app.py": functions}, {"app.py": TEXT})
    return plan_comments(findings, change(added, hunks), head, AdviceBook(REGISTRY, {}), budget)


def test_ranked_by_severity_then_category_and_cut_by_the_budget() -> None:
    found = [
        finding("T201", 1, Category.CONVENTION, Severity.INFO),
        finding("RB302", 2, Category.PERFORMANCE, Severity.WARNING),
        finding("F841", 3, Category.CORRECTNESS, Severity.WARNING),
        finding("B006", 4, Category.CORRECTNESS, Severity.ERROR),
    ]
    result = plan(found, 2, {1, 2, 3, 4}, ((1, 7),))
    assert [c.findings[0].rule for c in result.comments] == ["B006", "F841"]
    assert [f.rule for f in result.overflow] == ["RB302", "T201"]


def test_findings_on_the_same_line_become_one_comment() -> None:
    found = [
        finding("T201", 2, Category.CONVENTION, Severity.INFO),
        finding("F841", 2, Category.CORRECTNESS, Severity.WARNING),
    ]
    [comment] = plan(found, 25, {2}, ((1, 5),)).comments
    assert [f.rule for f in comment.findings] == ["F841", "T201"]
    assert comment.fingerprint == "fp-F841-2"
    assert "Also on these lines:\n\n- **T201** (convention, info): T201 message" in comment.body
    assert "`# reviewbot: ignore[F841, T201]`" in comment.body
    assert comment.body.rstrip().endswith(
        "<!-- reviewbot:fingerprint=fp-F841-2 -->\n<!-- reviewbot:fingerprint=fp-T201-2 -->"
    )
    assert comment.body.startswith("**Correctness · F841 (warning): F841 message**")


def test_def_line_outside_the_diff_moves_to_the_first_added_branch_of_the_function() -> None:
    function = FunctionMetrics("work", "work", 10, 1, 30, 12, 20, 3, 18)
    text = "\n" * 9 + "def work(a):\n" + "    a += 1\n" * 14 + "    if a:\n        a = 2\n" + "    a\n" * 5
    delta = finding("RB206", 10, Category.COMPLEXITY, Severity.WARNING)
    head = HeadFacts({"app.py": (function,)}, {"app.py": text})
    changed = change({24, 25, 26}, ((21, 29),))
    [comment] = plan_comments([delta], changed, head, AdviceBook(REGISTRY, {}), 25).comments
    assert (comment.line, comment.findings[0].line) == (25, 10)
    assert "at the end of line 10 (the function's `def` line)" in comment.body


def test_safe_multi_line_fix_becomes_a_suggestion_on_exactly_its_lines() -> None:
    fix = Fix("collapse", (Edit(5, 9, 7, 2, "call(1)"),), safe=True)
    fixed = finding("C408", 5, Category.PERFORMANCE, Severity.WARNING, fix, end_line=7)
    [comment] = plan([fixed], 25, {5, 6, 7}, ((1, 9),)).comments
    assert (comment.start_line, comment.line) == (5, 7)
    assert "```suggestion\nvalue = call(1)\n```" in comment.body


def test_no_suggestion_for_unsafe_fixes_or_lines_outside_one_hunk() -> None:
    unsafe = Fix("x", (Edit(3, 4, 3, 14, "a not in b"),), safe=False)
    file = change({3}, ((1, 4),)).files[0]
    assert (
        suggestion_for([finding("E713", 3, Category.CONVENTION, Severity.INFO, unsafe)], file, TEXT)
        is None
    )
    safe = Fix("x", (Edit(5, 9, 7, 2, "call(1)"),), safe=True)
    split = change({5}, ((1, 5), (7, 9))).files[0]
    assert (
        suggestion_for(
            [finding("C408", 5, Category.PERFORMANCE, Severity.WARNING, safe)], split, TEXT
        )
        is None
    )


def test_deleting_fix_suggests_an_empty_block() -> None:
    fix = Fix("remove import", (Edit(1, 1, 2, 1, ""),), safe=True)
    [comment] = plan(
        [finding("F401", 1, Category.CORRECTNESS, Severity.WARNING, fix)], 25, {1}, ((1, 4),)
    ).comments
    assert "Suggested change (a safe fix: delete the line):\n\n```suggestion\n```" in comment.body
    assert comment.start_line is None and comment.line == 1


def test_ruff_advice_sections() -> None:
    explanation = (
        "## What it does\nX.\n\n## Why is this bad?\nOne. Two\nlines. Three. Four.\n\n## Example\n"
    )
    assert section(explanation, "Why is this bad?") == "One. Two\nlines. Three. Four."
    assert first_sentences("One. Two\nlines. Three. Four.") == "One. Two lines. Three."


def test_unsafe_fix_is_shown_as_the_code_it_would_write() -> None:
    fix = Fix("Replace with `None`", (Edit(2, 5, 2, 7, "None"),), safe=False)
    [comment] = plan(
        [finding("B006", 2, Category.CORRECTNESS, Severity.ERROR, fix)], 25, {2}, ((1, 4),)
    ).comments
    assert "Replace with `None` (an automatic fix exists but may change behaviour" in comment.body
    assert "```python\nx = None\n```" in comment.body
    assert "suggestion" not in comment.body
