"""``reviewbot check`` and every command built on it: discover → chain → baseline → result.

One road for the whole tree, ``--base``, ``--staged``, ``baseline`` and ``fix``: the files the
policy lets in are discovered, narrowed to the changed ones when a :class:`LineScope` is given,
run through the stage chain (:mod:`reviewbot.pipeline.chain`), filtered by the baseline, and, in
a line scope, narrowed to findings on changed lines. The result is the same record with the same
context (hotspots, excerpts, baseline counts) whichever way the command was asked. Never prints.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from reviewbot.change.git import commit_sha
from reviewbot.change.model import FileChange
from reviewbot.config.policy import CliOverrides
from reviewbot.dropped import Dropped
from reviewbot.errors import UsageError
from reviewbot.findings import Finding
from reviewbot.pipeline.baseline_use import BaselineUse, with_baseline
from reviewbot.pipeline.chain import Analysis, Progress, RunSettings, run_analysis
from reviewbot.pipeline.changed_lines import on_changed_lines
from reviewbot.pipeline.discover import SourceFile, Workspace, discover, discover_stdin
from reviewbot.pipeline.project import FactSource
from reviewbot.pipeline.report_context import (
    finding_excerpts,
    finding_lines,
    project_name,
    rank_hotspots,
)
from reviewbot.pipeline.result import CheckResult
from reviewbot.pipeline.rule_infos import rule_infos
from reviewbot.pipeline.session import Session, open_session

ChangesFor = Callable[[Path], dict[str, FileChange]]


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
    #: ``check -``: the source read from stdin, analysed as if it stood at ``paths[0]``
    #: (``--stdin-filename``); nothing is cached for it.
    stdin: bytes | None = None


@dataclass(frozen=True)
class LineScope:
    """Keep only the changed files, and in them the findings on changed lines.

    ``changes_for`` maps the repository root to the changed files; ``flag`` names the option
    that asked for this (``--base``, ``--staged``), for the error outside a repository.
    """

    changes_for: ChangesFor
    flag: str


def run_check(
    options: CheckOptions, progress: Progress | None = None, lines: LineScope | None = None
) -> CheckResult:
    """Audit the files named by ``options`` and return every finding after suppressions."""
    started = time.perf_counter()
    session = open_session(options.paths, options.config_file, options.isolated, options.overrides)
    return check_in_session(session, options, progress, lines=lines, started=started)


def files_to_check(options: CheckOptions) -> tuple[Path, ...]:
    """The files ``run_check`` would read for ``options`` (``check --show-files``): those
    discovered under the paths that the config does not exclude, in path order."""
    session = open_session(options.paths, options.config_file, options.isolated, options.overrides)
    files = _restricted(_workspace(session, options).files, options.only_paths)
    return tuple(f.absolute for f in files)


def check_in_session(
    session: Session,
    options: CheckOptions,
    progress: Progress | None = None,
    *,
    lines: LineScope | None = None,
    started: float | None = None,
) -> CheckResult:
    """:func:`run_check` with an open session (``started``: when the run began, for timing)."""
    started = time.perf_counter() if started is None else started
    workspace = _workspace(session, options)
    files = _restricted(workspace.files, options.only_paths)
    changes = _changes(workspace, lines)
    if changes is not None:
        files = tuple(f for f in files if f.relative in changes)
    settings = RunSettings(options.jobs, options.use_cache and options.stdin is None, progress)
    analysis = run_analysis(
        session, workspace.root, files, settings, partial(_fact_source, workspace)
    )
    findings, used = _baselined(analysis.findings, session, workspace.root, files, options)
    if changes is not None:
        findings = _on_changed_lines(findings, changes, analysis, session)
        analysis = replace(analysis, dropped=_dropped_on_changed_lines(changes, analysis, session))
    return _result(session, workspace, files, analysis, findings, used, started)


def _workspace(session: Session, options: CheckOptions) -> Workspace:
    """The files to audit: discovered under the paths, or the one buffer read from stdin."""
    if options.stdin is None:
        return discover(list(options.paths), session.policy.root, session.excluded)
    (filename,) = options.paths
    return discover_stdin(filename, options.stdin, session.policy.root, session.excluded)


def _fact_source(workspace: Workspace) -> FactSource:
    """The project the facts that span files are read from: every file discovered, at HEAD."""
    commit = commit_sha(workspace.root, "HEAD") if workspace.in_git else None
    return FactSource(workspace.root, commit, tuple(sorted(f.relative for f in workspace.files)))


def _changes(workspace: Workspace, lines: LineScope | None) -> dict[str, FileChange] | None:
    if lines is None:
        return None
    if not workspace.in_git:
        raise UsageError(f"{lines.flag} needs a git repository; {workspace.root} is not in one")
    return lines.changes_for(workspace.root)


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


def _on_changed_lines(
    findings: Sequence[Finding],
    changes: dict[str, FileChange],
    analysis: Analysis,
    session: Session,
) -> list[Finding]:
    return [
        finding
        for finding in findings
        if finding.path in changes
        and on_changed_lines(
            finding,
            changes[finding.path],
            analysis.functions.get(finding.path, ()),
            session.registry,
        )
    ]


def _dropped_on_changed_lines(
    changes: dict[str, FileChange], analysis: Analysis, session: Session
) -> tuple[Dropped, ...]:
    """The dropped findings a line scope would have reported: those on changed lines."""
    shown = _on_changed_lines([d.finding for d in analysis.dropped], changes, analysis, session)
    on_lines = {id(finding) for finding in shown}
    return tuple(d for d in analysis.dropped if id(d.finding) in on_lines)


def _result(
    session: Session,
    workspace: Workspace,
    files: Sequence[SourceFile],
    analysis: Analysis,
    findings: Sequence[Finding],
    used: BaselineUse | None,
    started: float,
) -> CheckResult:
    return CheckResult(
        root=str(workspace.root),
        findings=tuple(sorted(findings, key=lambda f: f.sort_key)),
        files_checked=len(files),
        rules=rule_infos(session, findings),
        fail_on=session.policy.fail_on,
        tool_versions=session.versions,
        suppressed=analysis.suppressed,
        elapsed_seconds=time.perf_counter() - started,
        project=project_name(session.policy.root, workspace.root),
        hotspots=rank_hotspots(analysis.analysed),
        excerpts=finding_excerpts(findings, analysis.texts),
        baseline_delta=None if used is None else used.delta(len(findings)),
        baseline_file="" if used is None else used.shown_path(workspace.root),
        dropped=analysis.dropped,
        source_lines=finding_lines(findings, analysis.texts),
    )


def _restricted(
    files: tuple[SourceFile, ...], only: frozenset[str] | None
) -> tuple[SourceFile, ...]:
    if only is None:
        return files
    return tuple(f for f in files if f.relative in only)
