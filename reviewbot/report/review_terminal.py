"""The review for a terminal (``review --dry-run``): exactly what would be posted, in order.

The summary comment first, then each inline comment under a header naming its file and lines.
Bodies are printed as they would be posted, hidden markers included, so the preview is the real
thing; only control characters other than line breaks and tabs are shown as escapes.
"""

from __future__ import annotations

from reviewbot.control_chars import visible
from reviewbot.review.model import Review, ReviewComment

_BOLD = "\x1b[1m"
_RESET = "\x1b[0m"


def render_review_text(review: Review, *, color: bool = False) -> str:
    """The summary and every comment, each under a header line."""
    count = len(review.comments)
    header = (
        f"reviewbot review: {review.verdict.value.replace('_', ' ')} "
        f"(GitHub event {review.event.value}), {count} inline comment{'' if count == 1 else 's'}"
    )
    blocks = [
        _paint(header, color=color),
        _rule("summary comment", color=color),
        _body(review.summary),
    ]
    for index, comment in enumerate(review.comments, start=1):
        title = f"comment {index}/{count}: {_where(comment)}"
        blocks += [_rule(title, color=color), _body(comment.body)]
    return "\n\n".join(blocks) + "\n"


def _body(markdown: str) -> str:
    return visible(markdown.rstrip("\n"), keep="\n\t")


def _where(comment: ReviewComment) -> str:
    path = visible(comment.path)
    if comment.start_line is not None:
        return f"{path}:{comment.start_line}-{comment.line}"
    return f"{path}:{comment.line}"


def _rule(title: str, *, color: bool) -> str:
    return _paint(f"=== {title} ===", color=color)


def _paint(text: str, *, color: bool) -> str:
    return f"{_BOLD}{text}{_RESET}" if color else text
