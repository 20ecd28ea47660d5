"""A finding's message and path reach a posted review only with their control characters escaped.

A message can quote the code under review and a path is whatever the author named the file, so
either could carry a line break that forges a workflow command in a CI log, or a terminal escape.
"""

from __future__ import annotations

import re

from reviewbot.change.model import Change, FileChange, FileStatus
from reviewbot.deliver.github.bodies import comment_body, summary_body
from reviewbot.findings import Category, Edit, Finding, Fix, Location, Severity
from reviewbot.review.advice import AdviceBook
from reviewbot.review.comments import HeadFacts, plan_comments
from reviewbot.review.model import ReviewComment
from reviewbot.ruleset.registry import builtin_registry

PATH = "a\n::error file=x::y\x1b[31m.py"
MESSAGE = "slow\n::error file=x::y \x1b[2J done"
SHOWN_PATH = r"a\n::error file=x::y\x1b[31m.py"
SHOWN_MESSAGE = r"slow\n::error file=x::y \x1b[2J done"
TEXT = "x = {}\ny = 2\n"
FORGED = re.compile(r"^::error", re.MULTILINE)


def _finding(rule: str, category: Category, fix: Fix | None = None) -> Finding:
    return Finding(
        rule,
        category,
        Severity.WARNING,
        PATH,
        Location(1, 1, 1, 7),
        MESSAGE,
        "It costs\n::error file=x::y a lot\x1b[0m.",
        fix,
        f"fp-{rule}",
    )


def _comment() -> ReviewComment:
    fix = Fix("Rewrite\n::error file=x::y\x1b[1m", (Edit(1, 5, 1, 7, "dict()"),), safe=False)
    found = [
        _finding("B006", Category.CORRECTNESS, fix),
        _finding("T201", Category.CONVENTION),
    ]
    file = FileChange(PATH, PATH, FileStatus.MODIFIED, added_lines=frozenset({1}), hunks=((1, 2),))
    change = Change("main", "HEAD", "b" * 40, "h" * 40, (file,))
    head = HeadFacts({PATH: ()}, {PATH: TEXT})
    plan = plan_comments(found, change, head, AdviceBook(builtin_registry(), {}), 25)
    [comment] = plan.comments
    return comment


def test_the_posted_comment_shows_message_rationale_and_fix_escaped() -> None:
    posted = comment_body(_comment())

    assert "\x1b" not in posted and not FORGED.search(posted)
    assert f"**Correctness · B006 (warning): {SHOWN_MESSAGE}**" in posted
    assert f"- **T201** (convention, warning): {SHOWN_MESSAGE}" in posted
    assert r"It costs ::error file=x::y a lot\x1b[0m." in posted  # one line, escape visible
    assert r"Rewrite\n::error file=x::y\x1b[1m (an automatic fix" in posted


def test_the_summary_lists_a_comment_outside_the_diff_escaped() -> None:
    summary = summary_body("## reviewbot\n\nOne finding.", [_comment()])

    assert "\x1b" not in summary and not FORGED.search(summary)
    assert f"- `{SHOWN_PATH}:1` **B006** {SHOWN_MESSAGE}" in summary
