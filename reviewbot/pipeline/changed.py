"""``reviewbot check --base REF``: audit only the lines changed since the merge base with REF.

The working tree is compared with the merge base of REF and HEAD (committed, staged and unstaged
edits; untracked files count as wholly added). Only the changed Python files are analysed, and
only findings on changed lines are kept, new or not: the pre-push view of a pull request.
Findings the baseline accepts are hidden (unless ``--no-baseline``), here and in ``--staged``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from reviewbot.change.model import PYTHON_SUFFIXES, FileChange, FileStatus
from reviewbot.change.read import read_change, untracked_files
from reviewbot.errors import UsageError
from reviewbot.pipeline.audit import CheckOptions
from reviewbot.pipeline.baseline_use import with_baseline
from reviewbot.pipeline.changed_lines import on_changed_lines
from reviewbot.pipeline.discover import discover
from reviewbot.pipeline.result import CheckResult
from reviewbot.pipeline.rule_infos import rule_infos
from reviewbot.pipeline.session import open_session
from reviewbot.pipeline.side_audit import finish_side, start_side

ChangesFor = Callable[[Path], dict[str, FileChange]]


def run_changed_check(options: CheckOptions, base_ref: str) -> CheckResult:
    """Findings on the lines changed since the merge base of ``base_ref`` and HEAD."""
    return check_changed_lines(options, lambda root: changed_files(root, base_ref), "--base")


def check_changed_lines(options: CheckOptions, changes_for: ChangesFor, flag: str) -> CheckResult:
    """Audit the changed Python files and keep the findings on their changed lines.

    ``changes_for`` maps the repository root to the changed files; ``flag`` names the option
    that asked for this, for the error outside a repository.
    """
    started = time.perf_counter()
    session = open_session(options.paths, options.config_file, options.isolated, options.overrides)
    workspace = discover(list(options.paths), session.policy.root, session.excluded)
    if not workspace.in_git:
        raise UsageError(f"{flag} needs a git repository; {workspace.root} is not in one")
    changes = changes_for(workspace.root)
    files = [f for f in workspace.files if f.relative in changes]
    pending = start_side(session, workspace.root, files, ruff_cache=options.use_cache)
    policy_for = session.file_policy(workspace.root)
    audit = finish_side(
        session, pending, policy_for, jobs=options.jobs, use_cache=options.use_cache
    )
    audited, used = with_baseline(
        audit.findings,
        session.policy.baseline_path,
        workspace.root,
        changes.__contains__,
        enabled=options.use_baseline,
    )
    findings = tuple(
        finding
        for finding in audited
        if finding.path in changes
        and on_changed_lines(
            finding, changes[finding.path], audit.functions.get(finding.path, ()), session.registry
        )
    )
    return CheckResult(
        root=str(workspace.root),
        findings=findings,
        files_checked=len(files),
        rules=rule_infos(session, findings),
        fail_on=session.policy.fail_on,
        tool_versions=session.versions,
        suppressed=audit.suppressed,
        elapsed_seconds=time.perf_counter() - started,
        baseline_delta=None if used is None else used.delta(len(findings)),
        baseline_file="" if used is None else used.shown_path(workspace.root),
    )


def changed_files(root: Path, base_ref: str) -> dict[str, FileChange]:
    """The Python files changed in the working tree since the merge base, by path."""
    change = read_change(root, base_ref, head_ref=None)
    found = {f.path: f for f in change.python_files}
    for path in untracked_files(root):
        if path.endswith(PYTHON_SUFFIXES) and path not in found:
            found[path] = _wholly_added(root, path)
    return found


def _wholly_added(root: Path, path: str) -> FileChange:
    try:
        lines = (root / path).read_bytes().count(b"\n") + 1
    except OSError:
        lines = 0
    every = frozenset(range(1, lines + 1))
    return FileChange(path, None, FileStatus.ADDED, added_lines=every, hunks=((1, lines),))
