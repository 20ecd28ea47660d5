"""A comment that merges findings stays idempotent: later runs know it by any of them."""

from __future__ import annotations

from reviewbot.change.model import Change, FileChange, FileStatus
from reviewbot.deliver.github.diff_lines import DiffLines
from reviewbot.deliver.github.plan import plan_delivery
from reviewbot.deliver.github.prior import PriorState
from reviewbot.deliver.github.thread import Posted
from reviewbot.review.advice import AdviceBook
from reviewbot.review.comments import HeadFacts, plan_comments
from reviewbot.ruleset.registry import builtin_registry
from tests.deliver.github.builders import comment, finding, review

TEXT = (
    "def render(orders):\n"
    "    report = ''\n"
    "    footer = ''\n"
    "    for order in orders:\n"
    "        report += str(order.id)\n"
    "        footer += str(order.total)\n"
    "    return report + footer\n"
)


def test_a_merged_comment_is_not_posted_again_nor_marked_fixed_while_one_finding_remains() -> None:
    first = finding("fp-report", 5, rule="RB301")
    second = finding("fp-footer", 6, rule="RB301")
    file = FileChange(
        "app.py", None, FileStatus.ADDED, added_lines=frozenset(range(1, 8)), hunks=((1, 7),)
    )
    change = Change("main", "HEAD", "b" * 40, "h" * 40, (file,))
    head = HeadFacts({"app.py": ()}, {"app.py": TEXT})
    [merged] = plan_comments(
        [first, second], change, head, AdviceBook(builtin_registry(), {}), 25
    ).comments
    assert merged.findings == (first, second)
    posted = Posted(id=7, body=merged.body, author="reviewbot")
    prior = PriorState(comments=(posted,), reviews=(), summary=None)
    diff = DiffLines({"app.py": ((1, 7),)})
    # a later push fixed `report`: the comment on `footer` alone is the same conversation
    later = review("b" * 40, "c" * 40, [comment(second)])
    plan = plan_delivery(later, diff, prior)
    assert plan.review is None
    assert plan.already_posted == 1
    assert plan.fixed == ()
