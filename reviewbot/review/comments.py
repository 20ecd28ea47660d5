"""Turn new findings into inline comments: placed, grouped, ranked, within the budget.

Each finding goes on the changed line that shows its problem (``review.placement``), or to the
summary when no line does. Findings on one line, and one loop's repeats of a performance rule,
become one comment (``review.grouping``), the most important first; comments are ranked by
severity, then category (correctness > performance > complexity > convention), and the ones past
the budget go to the summary's overflow.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from reviewbot.change.model import Change
from reviewbot.findings import Finding
from reviewbot.metrics.model import FunctionMetrics
from reviewbot.review.advice import AdviceBook
from reviewbot.review.comment_body import comment_body
from reviewbot.review.grouping import Placed, group_placed
from reviewbot.review.model import ReviewComment
from reviewbot.review.placement import comment_line
from reviewbot.review.suggestion import fixed_excerpt, suggestion_for
from reviewbot.ruleset.registry import Registry


@dataclass(frozen=True)
class CommentPlan:
    """The inline comments within budget, the findings left over the budget, and those no
    changed line shows (both for the summary)."""

    comments: tuple[ReviewComment, ...]
    overflow: tuple[Finding, ...]
    unplaced: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class HeadFacts:
    """What comments need from the head side: functions and text per path."""

    functions: Mapping[str, Sequence[FunctionMetrics]]
    texts: Mapping[str, str]


def plan_comments(
    new: Iterable[Finding],
    change: Change,
    head: HeadFacts,
    advice: AdviceBook,
    budget: int,
) -> CommentPlan:
    """Comments for the ``budget`` most important groups; the rest as overflow.

    Findings without a path (pull-request checks) are the summary's checks table, not listed here.
    """
    placed, unplaced = _place(new, change, head, advice.registry)
    groups = [
        sorted(group, key=lambda item: rank(item.finding))
        for group in group_placed(placed, head.texts, advice.registry)
    ]
    groups.sort(
        key=lambda group: (rank(group[0].finding)[:2], group[0].finding.path, group[0].line)
    )
    comments = tuple(_comment(group, change, head, advice) for group in groups[:budget])
    overflow = tuple(item.finding for group in groups[budget:] for item in group)
    return CommentPlan(comments, overflow, tuple(unplaced))


def _place(
    new: Iterable[Finding], change: Change, head: HeadFacts, registry: Registry
) -> tuple[list[Placed], list[Finding]]:
    """Findings on a changed file with the line their comment goes on, and those with none."""
    placed: list[Placed] = []
    unplaced: list[Finding] = []
    for finding in new:
        file = change.file(finding.path) if finding.path else None
        if file is None:
            continue
        functions = head.functions.get(finding.path, ())
        text = head.texts.get(finding.path, "")
        line = comment_line(finding, file, functions, text, registry)
        if line is None:
            unplaced.append(finding)
        else:
            placed.append(Placed(finding, line))
    return placed, unplaced


def importance(finding: Finding) -> tuple[int, int, str, int]:
    """Sort key: most severe first, then category order, then rule and column."""
    return (-finding.severity.rank, finding.category.rank, finding.rule, finding.location.column)


def rank(finding: Finding) -> tuple[int, int, str, int, int]:
    """``importance``, then the earlier line first (the one a group's comment sits on)."""
    return (*importance(finding), finding.line)


def _comment(
    group: Sequence[Placed], change: Change, head: HeadFacts, advice: AdviceBook
) -> ReviewComment:
    primary = group[0].finding
    path, line = primary.path, group[0].line
    found = tuple(item.finding for item in group)
    file = change.file(path)
    text = head.texts.get(path, "")
    suggestion = None
    if file is not None and primary.line == line:
        suggestion = suggestion_for(found, file, text)
    excerpt = None if suggestion is not None else fixed_excerpt(primary, text)
    start_line = None
    if suggestion is not None:
        line = suggestion.last
        start_line = suggestion.first if suggestion.first != suggestion.last else None
    body = comment_body(found, advice.advice(primary), suggestion, excerpt, line)
    return ReviewComment(path, line, start_line, body, primary.fingerprint, found)
