"""Labels of benchmark comments, and what they say: precision, and posts lost between runs.

The labels file maps a comment id to a reader's judgement:
``{"ID": {"label": "post" | "skip", "reason": "..."}}``. Precision is the share of a run's
labelled comments labelled ``post``; comments without a label are listed, not guessed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.benchmarks.review_prs_comments import CommentRecord

LABELS = ("post", "skip")


@dataclass(frozen=True)
class Label:
    """A reader's judgement of one comment."""

    label: str  # "post" or "skip"
    reason: str


@dataclass(frozen=True)
class Precision:
    """How the labelled comments of one pull request (or of a whole run) were judged."""

    scope: str
    posted: int
    skipped: int
    unlabelled: tuple[str, ...]

    @property
    def value(self) -> float | None:
        """The share of labelled comments worth posting; None while none is labelled."""
        labelled = self.posted + self.skipped
        return self.posted / labelled if labelled else None


def read_labels(path: Path) -> dict[str, Label]:
    """The labels file, checked: every label is ``post`` or ``skip``. A missing file is empty."""
    if not path.exists():
        return {}
    raw: dict[str, dict[str, str]] = json.loads(path.read_text())
    labels = {
        key: Label(str(entry["label"]), str(entry.get("reason", ""))) for key, entry in raw.items()
    }
    wrong = sorted(key for key, label in labels.items() if label.label not in LABELS)
    if wrong:
        raise SystemExit(f"{path}: the label of {', '.join(wrong)} is neither 'post' nor 'skip'")
    return labels


def precision(
    scope: str, comments: Iterable[CommentRecord], labels: Mapping[str, Label]
) -> Precision:
    """The judgement of ``comments`` under ``labels``."""
    posted = skipped = 0
    unlabelled = []
    for comment in comments:
        label = labels.get(comment.id)
        if label is None:
            unlabelled.append(comment.id)
        elif label.label == "post":
            posted += 1
        else:
            skipped += 1
    return Precision(scope, posted, skipped, tuple(unlabelled))


def lost_posts(
    earlier: Sequence[CommentRecord], later: Sequence[CommentRecord], labels: Mapping[str, Label]
) -> list[CommentRecord]:
    """The earlier run's comments labelled ``post`` that the later run no longer makes.

    A later run that comments less is better only when what it dropped was noise: these are the
    good comments it gave up.
    """
    kept = {comment.id for comment in later}
    return [
        comment
        for comment in earlier
        if comment.id not in kept and labels.get(comment.id, Label("", "")).label == "post"
    ]
