"""Turn new findings into inline comments: grouped by location, ranked, within the budget.

Findings on the same lines become one comment (the most important first); comments are ranked
by severity, then category (correctness > performance > complexity > convention), and the ones
past the budget go to the summary's overflow. A comment sits on the finding's line when the
diff shows it, else on the first line the change added inside what the finding is about (a
function-level finding whose ``def`` line the diff does not show).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from reviewbot.change.model import Change, FileChange
from reviewbot.findings import Finding
from reviewbot.metrics.model import FunctionMetrics
from reviewbot.pipeline.changed_lines import finding_extent
from reviewbot.review.advice import AdviceBook
from reviewbot.review.comment_body import comment_body
from reviewbot.review.model import ReviewComment
from reviewbot.review.suggestion import fixed_excerpt, suggestion_for
from reviewbot.ruleset.registry import Registry

Location = tuple[str, int]


@dataclass(frozen=True)
class CommentPlan:
    """The inline comments within budget and the findings left for the summary."""

    comments: tuple[ReviewComment, ...]
    overflow: tuple[Finding, ...]


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
    """Comments for the ``budget`` most important locations; the rest as overflow."""
    groups: dict[Location, list[Finding]] = defaultdict(list)
    for finding in new:
        file = change.file(finding.path) if finding.path else None
        if file is not None:
            functions = head.functions.get(finding.path, ())
            line = anchor_line(finding, file, functions, advice.registry)
            groups[(finding.path, line)].append(finding)
    ranked = sorted(
        ((location, sorted(found, key=importance)) for location, found in groups.items()),
        key=lambda item: (importance(item[1][0])[:2], item[0]),
    )
    comments = tuple(
        _comment(location, found, change, head, advice) for location, found in ranked[:budget]
    )
    overflow = tuple(finding for _, found in ranked[budget:] for finding in found)
    return CommentPlan(comments, overflow)


def importance(finding: Finding) -> tuple[int, int, str, int]:
    """Sort key: most severe first, then category order, then rule and column."""
    return (-finding.severity.rank, finding.category.rank, finding.rule, finding.location.column)


def anchor_line(
    finding: Finding, file: FileChange, functions: Sequence[FunctionMetrics], registry: Registry
) -> int:
    """The head line a comment on ``finding`` goes on."""
    if file.commentable(finding.line):
        return finding.line
    first, last = finding_extent(finding, functions, registry) or (
        1,
        max(file.added_lines, default=1),
    )
    added = [line for line in sorted(file.added_lines) if first <= line <= last]
    return added[0] if added else finding.line


def _comment(
    location: Location,
    found: Sequence[Finding],
    change: Change,
    head: HeadFacts,
    advice: AdviceBook,
) -> ReviewComment:
    path, line = location
    file = change.file(path)
    suggestion = None
    if file is not None and found[0].line == line:
        suggestion = suggestion_for(found, file, head.texts.get(path, ""))
    text = head.texts.get(path, "")
    excerpt = None if suggestion is not None else fixed_excerpt(found[0], text)
    start_line = None
    if suggestion is not None:
        line = suggestion.last
        start_line = suggestion.first if suggestion.first != suggestion.last else None
    body = comment_body(found, advice.advice(found[0]), suggestion, excerpt)
    return ReviewComment(path, line, start_line, body, found[0].fingerprint, tuple(found))
