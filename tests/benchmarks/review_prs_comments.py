"""The inline comments of a benchmark review: stable ids, the code around them, the dump to judge.

A comment's id must survive an unrelated change to reviewbot that moves nothing in the reviewed
code, and should survive line numbers shifting: it is built from the pull request, the path, the
rule and the commented source lines (whitespace-normalised), never from the line number. When
the same rule comments on the same text twice in a file, an occurrence index tells them apart.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CONTEXT = 6  # lines shown either side of the commented lines
_INSTRUCTIONS = (
    "Judge each comment as a strict senior reviewer: would you post it on this pull request?"
    " Record the verdict in `tests/benchmarks/review_prs_labels.json` as"
    ' `{"ID": {"label": "post" | "skip", "reason": "..."}}`.\n'
)


@dataclass(frozen=True)
class CommentRecord:
    """One inline comment as the run file and the dump keep it."""

    id: str
    pr: str
    path: str
    line: int
    start_line: int | None
    rule: str
    body: str
    context_start: int  # the line number of ``context[0]``
    context: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The record for the JSON run file."""
        return {
            "id": self.id,
            "path": self.path,
            "line": self.line,
            "start_line": self.start_line,
            "rule": self.rule,
            "body": self.body,
            "context_start": self.context_start,
            "context": list(self.context),
        }

    @classmethod
    def from_dict(cls, pr: str, raw: dict[str, Any]) -> CommentRecord:
        """A record read back from a run file."""
        return cls(
            id=str(raw["id"]),
            pr=pr,
            path=str(raw["path"]),
            line=int(raw["line"]),
            start_line=None if raw["start_line"] is None else int(raw["start_line"]),
            rule=str(raw["rule"]),
            body=str(raw["body"]),
            context_start=int(raw["context_start"]),
            context=tuple(str(line) for line in raw["context"]),
        )


def normalised(lines: Iterable[str]) -> str:
    """The lines with their whitespace collapsed: indentation and spacing do not change an id."""
    return "\n".join(" ".join(line.split()) for line in lines)


def comment_id(pr: str, path: str, rule: str, commented: Sequence[str], occurrence: int) -> str:
    """``PR:PATH:RULE:DIGEST:OCCURRENCE``, the digest taken over the normalised commented lines."""
    digest = hashlib.sha256(normalised(commented).encode()).hexdigest()[:10]
    return f"{pr}:{path}:{rule}:{digest}:{occurrence}"


def records(pr: str, comments: Sequence[dict[str, Any]], root: Path) -> list[CommentRecord]:
    """The records of a review's comments in file and line order; ``root`` holds the head tree.

    Occurrence indexes count in line order, so they do not depend on how the review ranked them.
    """
    seen: Counter[tuple[str, str, str]] = Counter()
    ordered = sorted(comments, key=lambda raw: (str(raw["path"]), int(raw["line"])))
    return [_record(pr, raw, _file_lines(root / str(raw["path"])), seen) for raw in ordered]


def _record(
    pr: str, comment: dict[str, Any], lines: Sequence[str], seen: Counter[tuple[str, str, str]]
) -> CommentRecord:
    line = int(comment["line"])
    start = comment.get("start_line")
    first = int(start) if start else line
    finding = comment.get("finding") or {}
    rule = str(finding.get("rule", "?"))
    commented = lines[first - 1 : line]
    key = (comment["path"], rule, normalised(commented))
    occurrence = seen[key]
    seen[key] += 1
    context_start = max(1, first - CONTEXT)
    return CommentRecord(
        id=comment_id(pr, comment["path"], rule, commented, occurrence),
        pr=pr,
        path=str(comment["path"]),
        line=line,
        start_line=int(start) if start else None,
        rule=rule,
        body=str(comment["body"]),
        context_start=context_start,
        context=tuple(lines[context_start - 1 : line + CONTEXT]),
    )


def _file_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def dump_markdown(run_name: str, comments: Sequence[CommentRecord]) -> str:
    """Every comment with its id, place, body and the code around it, for a reader to judge."""
    return _dump(f"# Review comments of the `{run_name}` run\n", _INSTRUCTIONS, comments)


def unique_comments(runs: Iterable[Sequence[CommentRecord]]) -> list[CommentRecord]:
    """The comments of several runs, each id once (its first run's record), in pull request,
    path and line order: what a blind reader judges, not knowing which run made a comment."""
    first: dict[str, CommentRecord] = {}
    order: dict[str, int] = {}
    for comments in runs:
        for comment in comments:
            first.setdefault(comment.id, comment)
            order.setdefault(comment.pr, len(order))
    return sorted(first.values(), key=lambda c: (order[c.pr], c.path, c.line, c.id))


def blind_markdown(title: str, header: str, comments: Sequence[CommentRecord]) -> str:
    """The dump of ``comments`` under a header of the caller's, naming no run."""
    return _dump(f"# {title}\n", header, comments)


def _dump(title: str, header: str, comments: Sequence[CommentRecord]) -> str:
    parts = [title, header, f"{len(comments)} comments.\n"]
    parts.extend(_comment_section(comment) for comment in comments)
    return "\n".join(parts)


def _comment_section(comment: CommentRecord) -> str:
    first = comment.start_line or comment.line
    place = f"{comment.path}:{first}" + (f"-{comment.line}" if first != comment.line else "")
    code = [
        f"{'>' if first <= number <= comment.line else ' '} {number:>5} | {text}"
        for number, text in enumerate(comment.context, start=comment.context_start)
    ]
    fence = "````"
    return "\n".join(
        [
            f"## `{comment.id}`\n",
            f"**{comment.pr}** `{place}` ({comment.rule})\n",
            f"{fence}text",
            *code,
            fence,
            "",
            "Comment body:\n",
            *(f"> {line}" if line else ">" for line in comment.body.splitlines()),
            "",
        ]
    )
