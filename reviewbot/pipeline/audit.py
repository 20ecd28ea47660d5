"""``reviewbot check``: audit files under a policy and return a CheckResult. Never prints."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reviewbot.config.policy import CliOverrides
from reviewbot.findings import Finding
from reviewbot.pipeline.analyse import AnalysedFile, analyse
from reviewbot.pipeline.baseline_use import BaselineUse, with_baseline
from reviewbot.pipeline.dedupe import drop_ruff_duplicates
from reviewbot.pipeline.discover import SourceFile, Workspace, discover
from reviewbot.pipeline.report_context import finding_excerpts, project_name, rank_hotspots
from reviewbot.pipeline.result import CheckResult
from reviewbot.pipeline.ruff_findings import ruff_findings
from reviewbot.pipeline.ruff_run import start_ruff
from reviewbot.pipeline.rule_infos import rule_infos
from reviewbot.pipeline.session import Session, open_session
from reviewbot.pipeline.suppress import apply_suppressions

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class CheckOptions:
    """Everything ``reviewbot check`` needs, as parsed from the command line."""

    paths: tuple[Path, ...] = ()
    config_file: Path | None = None
    isolated: bool = False
    overrides: CliOverrides = field(default_factory=CliOverrides)
    jobs: int = 0
    use_cache: bool = True
    only_paths: frozenset[str] | None = None  # restrict to these repo-relative paths
    use_baseline: bool = True  # False: --no-baseline, report every finding


def run_check(options: CheckOptions, progress: Progress | None = None) -> CheckResult:
    """Audit the files named by ``options`` and return every finding after suppressions."""
    started = time.perf_counter()
    session = open_session(options.paths, options.config_file, options.isolated, options.overrides)
    return check_in_session(session, options, progress, started=started)


def check_in_session(
    session: Session,
    options: CheckOptions,
    progress: Progress | None = None,
    *,
    started: float | None = None,
) -> CheckResult:
    """:func:`run_check` with an open session (``started``: when the run began, for timing)."""
    started = time.perf_counter() if started is None else started
    workspace = discover(list(options.paths), session.policy.root, session.excluded)
    files = _restricted(workspace.files, options.only_paths)
    audited = audit(session, workspace, files, options, progress)
    findings, used = _baselined(audited.findings, session, workspace.root, files, options)
    return CheckResult(
        root=str(workspace.root),
        findings=tuple(sorted(findings, key=lambda f: f.sort_key)),
        files_checked=len(files),
        rules=rule_infos(session, findings),
        fail_on=session.policy.fail_on,
        tool_versions=session.versions,
        suppressed=audited.suppressed,
        elapsed_seconds=time.perf_counter() - started,
        project=project_name(session.policy.root, workspace.root),
        hotspots=rank_hotspots(audited.analysed),
        excerpts=finding_excerpts(findings, audited.sources),
        baseline_delta=None if used is None else used.delta(len(findings)),
        baseline_file="" if used is None else used.shown_path(workspace.root),
    )


def _baselined(
    findings: Sequence[Finding],
    session: Session,
    root: Path,
    files: Sequence[SourceFile],
    options: CheckOptions,
) -> tuple[list[Finding], BaselineUse | None]:
    """``findings`` without those the baseline accepts (unless ``--no-baseline``)."""
    audited = {f.relative for f in files}
    kept, used = with_baseline(
        findings,
        session.policy.baseline_path,
        root,
        audited.__contains__,
        enabled=options.use_baseline,
    )
    return list(kept), used


@dataclass(frozen=True)
class Audit:
    """An audit's findings after suppressions, with the analysed files and their text."""

    findings: list[Finding]
    suppressed: int
    analysed: list[AnalysedFile]
    sources: dict[str, str]


def audit_files(
    session: Session,
    workspace: Workspace,
    files: Sequence[SourceFile],
    options: CheckOptions,
    progress: Progress | None = None,
) -> tuple[list[Finding], int]:
    """Findings for ``files`` (libcst rules, metrics and ruff) and how many were suppressed."""
    audited = audit(session, workspace, files, options, progress)
    return audited.findings, audited.suppressed


def audit(
    session: Session,
    workspace: Workspace,
    files: Sequence[SourceFile],
    options: CheckOptions,
    progress: Progress | None = None,
) -> Audit:
    """Analyse ``files`` and run ruff over them; the findings, the files and their text."""
    policy_for = session.file_policy(workspace.root)
    ruff = start_ruff(
        session.ruff_binary,
        [f.absolute for f in files],
        session.policy.ruff_codes(),
        workspace.root,
        options.use_cache,
    )
    analysed = analyse(
        session, files, policy_for, jobs=options.jobs, use_cache=options.use_cache, progress=progress
    )
    sources = {a.source_file.relative: _text(a.raw) for a in analysed}
    functions = {
        a.source_file.relative: a.result.metrics.functions
        for a in analysed
        if a.result.metrics is not None
    }
    from_ruff = ruff_findings(ruff.results(), workspace.root, policy_for, sources, functions)
    results = {a.source_file.relative: a.result for a in analysed}
    kept, suppressed = apply_suppressions(results, from_ruff, policy_for, session.registry)
    return Audit(drop_ruff_duplicates(kept, session.registry), suppressed, analysed, sources)


def _restricted(files: tuple[SourceFile, ...], only: frozenset[str] | None) -> tuple[SourceFile, ...]:
    if only is None:
        return files
    return tuple(f for f in files if f.relative in only)


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", errors="replace")
