"""One benchmark run as a file (JSON, the record) and as a table, with the labels' verdicts."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.benchmarks.review_prs_comments import CommentRecord
from tests.benchmarks.review_prs_labels import Label, Precision, lost_posts, precision
from tests.benchmarks.review_prs_specs import group_of


@dataclass(frozen=True)
class PullRequestResult:
    """What reviewbot made of one benchmark pull request."""

    name: str
    project: str
    kind: str
    base: str
    head: str
    python_files: int
    added: int
    removed: int
    exit_code: int
    wall_seconds: float
    error: str | None
    event: str | None
    verdict: str | None
    new_findings: int
    summary_visible: int
    summary_total: int
    comments: tuple[CommentRecord, ...]

    def to_dict(self) -> dict[str, Any]:
        """The result for the run file."""
        fields = {key: value for key, value in vars(self).items() if key != "comments"}
        return {
            **fields,
            "wall_seconds": round(self.wall_seconds, 2),
            "inline_comments": len(self.comments),
            "comments": [comment.to_dict() for comment in self.comments],
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> PullRequestResult:
        """A result read back from a run file."""
        fields = {
            key: value for key, value in raw.items() if key not in ("comments", "inline_comments")
        }
        comments = tuple(CommentRecord.from_dict(raw["name"], entry) for entry in raw["comments"])
        return cls(**fields, comments=comments)


@dataclass(frozen=True)
class Run:
    """A whole run: which reviewbot, when, and its result per pull request."""

    name: str
    reviewbot: str
    version: str
    date: str
    results: tuple[PullRequestResult, ...]

    @property
    def comments(self) -> list[CommentRecord]:
        """Every inline comment of the run, pull request by pull request."""
        return [comment for result in self.results for comment in result.comments]


def write_run(run: Run, path: Path) -> None:
    """Save ``run`` as indented JSON."""
    document = {
        "name": run.name,
        "reviewbot": run.reviewbot,
        "version": run.version,
        "date": run.date,
        "pull_requests": [result.to_dict() for result in run.results],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def read_run(path: Path) -> Run:
    """A run file written by ``write_run``."""
    raw: dict[str, Any] = json.loads(path.read_text())
    results = tuple(PullRequestResult.from_dict(entry) for entry in raw["pull_requests"])
    return Run(raw["name"], raw["reviewbot"], raw["version"], raw["date"], results)


def table(run: Run, labels: Mapping[str, Label]) -> str:
    """The run as a Markdown table: one row per pull request, a total per group, and over all.

    The groups (``first``, ``held-out``, ``fresh``) are reported apart because only the later ones
    were never used to tune the rules; a run of one group has a single total line.
    """
    header = (
        "| PR | kind | py files | +/- | comments | event | summary lines (shown/all) | wall s |"
        " precision |\n| --- | --- | --: | --: | --: | --- | --: | --: | --- |"
    )
    groups: dict[str, list[PullRequestResult]] = {}
    for result in run.results:
        groups.setdefault(group_of(result.name), []).append(result)
    lines = [header]
    for group, results in groups.items():
        lines.extend(
            _row(result, precision(result.name, result.comments, labels)) for result in results
        )
        lines.append(_total(group, results, labels))
    if len(groups) > 1:
        lines.append(_total("all", list(run.results), labels))
    return "\n".join(lines)


def _total(label: str, results: Sequence[PullRequestResult], labels: Mapping[str, Label]) -> str:
    comments = [comment for result in results for comment in result.comments]
    judged = precision(label, comments, labels)
    return (
        f"| **{label}** | | {sum(r.python_files for r in results)} "
        f"| +{sum(r.added for r in results)}/-{sum(r.removed for r in results)} "
        f"| {len(comments)} | | {sum(r.summary_visible for r in results)}/"
        f"{sum(r.summary_total for r in results)} "
        f"| {sum(r.wall_seconds for r in results):.1f} | {_precision_cell(judged)} |"
    )


def _row(result: PullRequestResult, judged: Precision) -> str:
    event = result.event or f"CRASH (exit {result.exit_code})"
    return (
        f"| {result.name} {result.base}→{result.head} | {result.kind} | {result.python_files} "
        f"| +{result.added}/-{result.removed} | {len(result.comments)} | {event} "
        f"| {result.summary_visible}/{result.summary_total} | {result.wall_seconds:.1f} "
        f"| {_precision_cell(judged)} |"
    )


def _precision_cell(judged: Precision) -> str:
    labelled = judged.posted + judged.skipped
    if judged.value is None:
        return f"unlabelled ({len(judged.unlabelled)})" if judged.unlabelled else "–"
    missing = f", {len(judged.unlabelled)} unlabelled" if judged.unlabelled else ""
    return f"{judged.value:.0%} of {labelled}{missing}"


def notes(run: Run, labels: Mapping[str, Label], earlier: Run | None) -> list[str]:
    """Crashes, unlabelled ids, and the earlier run's good comments this run no longer makes."""
    lines = [
        f"{result.name}: exit {result.exit_code}: {result.error.strip().splitlines()[-1]}"
        for result in run.results
        if result.error
    ]
    unlabelled = precision("all", run.comments, labels).unlabelled
    if unlabelled:
        lines.append(f"{len(unlabelled)} comments have no label:")
        lines.extend(f"  {comment_id}" for comment_id in unlabelled)
    if earlier is not None:
        lost = lost_posts(earlier.comments, run.comments, labels)
        lines.append(
            f"comments of `{earlier.name}` labelled post and missing from `{run.name}`"
            f" (not bought with silence): {len(lost)}"
        )
        lines.extend(f"  {comment.id}" for comment in lost)
    return lines
