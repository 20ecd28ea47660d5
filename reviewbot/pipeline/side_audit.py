"""Audit one side of a change: the same stages as ``reviewbot check``, on the given files.

ruff runs once per side with reviewbot's selection plus TD003 (for the new-TODO check, RB506,
whether or not TD003 is selected); its TD003 findings are kept apart and only reach the report
through the selection as usual. Both sides' ruff processes run while libcst analyses.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reviewbot.config.model import FilePolicy, RuleSettings
from reviewbot.findings import Category, Finding, Severity
from reviewbot.metrics.model import FunctionMetrics
from reviewbot.pipeline.analyse import analyse
from reviewbot.pipeline.dedupe import drop_ruff_duplicates
from reviewbot.pipeline.discover import SourceFile
from reviewbot.pipeline.ruff_findings import ruff_findings
from reviewbot.pipeline.ruff_run import RuffRun, start_ruff
from reviewbot.pipeline.session import Session
from reviewbot.pipeline.suppress import apply_suppressions
from reviewbot.pipeline.suppression import Directive

TODO_CODE = "TD003"
_TODO_POLICY = FilePolicy({TODO_CODE: RuleSettings(TODO_CODE, Category.CONVENTION, Severity.INFO)})

PolicyFor = Callable[[str], FilePolicy]


@dataclass(frozen=True)
class SideAudit:
    """One side's findings (after suppressions), functions, texts, directives and TODOs."""

    findings: tuple[Finding, ...] = ()
    functions: Mapping[str, tuple[FunctionMetrics, ...]] = field(default_factory=dict)
    texts: Mapping[str, str] = field(default_factory=dict)
    directives: Mapping[str, tuple[Directive, ...]] = field(default_factory=dict)
    todos: tuple[Finding, ...] = ()
    suppressed: int = 0


@dataclass(frozen=True)
class PendingSide:
    """A side whose ruff run has started."""

    root: Path
    files: tuple[SourceFile, ...]
    ruff: RuffRun


def start_side(
    session: Session, root: Path, files: Sequence[SourceFile], *, ruff_cache: bool
) -> PendingSide:
    """Start ruff on ``files`` (under ``root``, where ruff runs) in the background."""
    codes = session.policy.ruff_codes() | {TODO_CODE}
    ruff = start_ruff(session.ruff_binary, [f.absolute for f in files], codes, root, ruff_cache)
    return PendingSide(root, tuple(files), ruff)


def finish_side(
    session: Session, pending: PendingSide, policy_for: PolicyFor, *, jobs: int, use_cache: bool
) -> SideAudit:
    """Analyse the side's files with libcst and metrics, then merge ruff's findings."""
    analysed = analyse(session, pending.files, policy_for, jobs=jobs, use_cache=use_cache)
    texts = {a.source_file.relative: a.raw.decode("utf-8", errors="replace") for a in analysed}
    functions = {
        a.source_file.relative: a.result.metrics.functions
        for a in analysed
        if a.result.metrics is not None
    }
    diagnostics = pending.ruff.results()
    selected = ruff_findings(diagnostics, pending.root, policy_for, texts, functions)
    todos = [d for d in diagnostics if d.code == TODO_CODE]
    results = {a.source_file.relative: a.result for a in analysed}
    kept, suppressed = apply_suppressions(results, selected, policy_for, session.registry)
    return SideAudit(
        findings=tuple(
            sorted(drop_ruff_duplicates(kept, session.registry), key=lambda f: f.sort_key)
        ),
        functions=functions,
        texts=texts,
        directives={path: result.directives for path, result in results.items()},
        todos=tuple(ruff_findings(todos, pending.root, lambda _: _TODO_POLICY, texts, functions)),
        suppressed=suppressed,
    )
