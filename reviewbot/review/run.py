"""``reviewbot review``: review a change and return the Review. Never prints, never posts.

Only the changed Python files are analysed, at head and (under their head paths) at the merge
base, each side written to a temporary folder from git so the working tree does not matter.
Findings the baseline (read from the working tree) accepts are never new (unless --no-baseline).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reviewbot.change.git import repository_root
from reviewbot.change.read import read_change
from reviewbot.errors import UsageError
from reviewbot.findings import FailOn, Finding
from reviewbot.pipeline.audit import CheckOptions
from reviewbot.pipeline.baseline import find_baseline
from reviewbot.pipeline.chain import RunSettings
from reviewbot.pipeline.result import CheckResult
from reviewbot.pipeline.rule_infos import rule_infos
from reviewbot.pipeline.session import open_session
from reviewbot.pipeline.sides import analyse_sides
from reviewbot.review.assess import TODO_CODE, assess_change, without_baselined
from reviewbot.review.compose import build_review
from reviewbot.review.model import Review, Summarise
from reviewbot.review.scope import ReviewScope
from reviewbot.ruleset.rule_info import RuleInfo


@dataclass(frozen=True)
class ReviewOptions:
    """Everything ``reviewbot review`` needs, as parsed from the command line.

    ``analysis`` holds what every auditing command shares (config, policy flags, jobs, cache,
    baseline); its first path, if any, is where to find the repository (default: cwd).
    """

    base_ref: str
    head_ref: str = "HEAD"
    description: str | None = None
    max_comments: int | None = None
    analysis: CheckOptions = field(default_factory=CheckOptions)


@dataclass(frozen=True)
class ReviewRun:
    """A finished review with what reporters need: fail-on, the root, rule descriptions."""

    review: Review
    fail_on: FailOn
    root: Path
    analysed: int
    rules: Mapping[str, RuleInfo]
    versions: Mapping[str, str]
    elapsed_seconds: float = 0.0

    @property
    def blocking(self) -> tuple[Finding, ...]:
        """New findings at or above fail-on: they set the exit status."""
        return tuple(f for f in self.review.new if self.fail_on.blocks(f.severity))

    def new_findings_result(self) -> CheckResult:
        """The new findings as a CheckResult, for the SARIF reporter."""
        return CheckResult(
            root=str(self.root),
            findings=tuple(sorted(self.review.new, key=lambda f: f.sort_key)),
            files_checked=self.analysed,
            rules=self.rules,
            fail_on=self.fail_on,
            tool_versions=self.versions,
        )


def run_review(options: ReviewOptions, summarise: Summarise) -> ReviewRun:
    """Review the change from the merge base of ``base_ref`` and ``head_ref`` to ``head_ref``.

    ``summarise`` words the summary comment (``report.review_summary.render_summary``).
    """
    started = time.perf_counter()
    analysis = options.analysis
    start = (analysis.paths[0] if analysis.paths else Path.cwd()).resolve()
    root = repository_root(start)
    if root is None:
        raise UsageError(f"reviewbot review needs a git repository; {start} is not in one")
    session = open_session([start], analysis.config_file, analysis.isolated, analysis.overrides)
    change = read_change(root, options.base_ref, options.head_ref)
    files = tuple(f for f in change.python_files if not session.excluded(root / f.path))
    scope = ReviewScope(session, root, change, files)
    settings = RunSettings(analysis.jobs, analysis.use_cache)
    head, base = analyse_sides(session, root, change, files, settings, frozenset({TODO_CODE}))
    assessment = assess_change(scope, (head, base), options.description)
    if analysis.use_baseline:
        baseline = find_baseline(session.policy.baseline_path, root)
        assessment = without_baselined(assessment, baseline)
    review = build_review(scope, assessment, head, options.max_comments, summarise)
    return ReviewRun(
        review=review,
        fail_on=session.policy.fail_on,
        root=root,
        analysed=len(files),
        rules=rule_infos(session, review.new),
        versions=session.versions,
        elapsed_seconds=time.perf_counter() - started,
    )
