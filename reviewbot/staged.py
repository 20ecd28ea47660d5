"""``reviewbot check --staged``: the pre-commit view, findings on the lines being committed.

The staged diff (``git diff --cached``, no context) says which lines of which files a commit
adds; only findings on those lines are kept, so debt elsewhere in a touched file does not block
the commit (``--all-lines`` keeps every finding in the staged files). The files are read from
the working tree: under pre-commit that is the staged content, because pre-commit stashes
unstaged edits before it runs a hook. A file staged for the first time counts as wholly added.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from reviewbot.audit import CheckOptions, run_check
from reviewbot.diff.model import FileChange, FileStatus
from reviewbot.diff.patch import parse_patch
from reviewbot.errors import UsageError
from reviewbot.git import git
from reviewbot.result import CheckResult
from reviewbot.review.classify import on_changed_lines
from reviewbot.review.side_audit import finish_side, start_side
from reviewbot.rule_info import rule_infos
from reviewbot.session import open_session
from reviewbot.workspace import discover

_STAGED_DIFF = (
    "diff", "--cached", "-p", "-U0", "--find-renames", "--no-color", "--no-ext-diff",
    "--no-textconv", "--src-prefix=a/", "--dst-prefix=b/",
)

ChangesFor = Callable[[Path], dict[str, FileChange]]


def run_staged_check(options: CheckOptions, *, all_lines: bool = False) -> CheckResult:
    """Findings in the staged Python files named by ``options`` (all of them when none are)."""
    if all_lines:
        return run_check(options)
    return check_changed_lines(options, lambda root: staged_changes(root, options.paths))


def staged_changes(root: Path, paths: Sequence[Path] = ()) -> dict[str, FileChange]:
    """The staged Python files (limited to ``paths``) and the lines the commit adds to each."""
    pathspecs = [str(path.resolve()) for path in paths]
    text = git(root, "-c", "core.quotePath=false", *_STAGED_DIFF, "--", *pathspecs)
    return {
        change.path: change
        for change in parse_patch(text)
        if change.is_python and change.status is not FileStatus.DELETED
    }


def check_changed_lines(options: CheckOptions, changes_for: ChangesFor) -> CheckResult:
    """Audit the changed Python files and keep the findings on their changed lines."""
    started = time.perf_counter()
    session = open_session(options.paths, options.config_file, options.isolated, options.overrides)
    workspace = discover(list(options.paths), session.policy.root, session.excluded)
    if not workspace.in_git:
        raise UsageError(f"--staged needs a git repository; {workspace.root} is not in one")
    changes = changes_for(workspace.root)
    files = [f for f in workspace.files if f.relative in changes]
    pending = start_side(session, workspace.root, files, ruff_cache=options.use_cache)
    policy_for = session.file_policy(workspace.root)
    audit = finish_side(session, pending, policy_for, jobs=options.jobs, use_cache=options.use_cache)
    findings = tuple(
        finding
        for finding in audit.findings
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
    )
