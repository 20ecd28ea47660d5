"""``reviewbot check --staged``: the pre-commit view, findings on the lines being committed.

The staged diff (``git diff --cached``, no context) says which lines of which files a commit
adds; only findings on those lines are kept, so debt elsewhere in a touched file does not block
the commit (``--all-lines`` keeps every finding in the staged files). The files are read from
the working tree: under pre-commit that is the staged content, because pre-commit stashes
unstaged edits before it runs a hook. A file staged for the first time counts as wholly added.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reviewbot.change.git import git
from reviewbot.change.model import FileChange, FileStatus
from reviewbot.change.patch import parse_patch
from reviewbot.pipeline.audit import CheckOptions, run_check
from reviewbot.pipeline.changed import check_changed_lines
from reviewbot.pipeline.result import CheckResult

_STAGED_DIFF = (
    "diff", "--cached", "-p", "-U0", "--find-renames", "--no-color", "--no-ext-diff",
    "--no-textconv", "--src-prefix=a/", "--dst-prefix=b/",
)

def run_staged_check(options: CheckOptions, *, all_lines: bool = False) -> CheckResult:
    """Findings in the staged Python files named by ``options`` (all of them when none are)."""
    if all_lines:
        return run_check(options)
    return check_changed_lines(
        options, lambda root: staged_changes(root, options.paths), "--staged"
    )


def staged_changes(root: Path, paths: Sequence[Path] = ()) -> dict[str, FileChange]:
    """The staged Python files (limited to ``paths``) and the lines the commit adds to each."""
    pathspecs = [str(path.resolve()) for path in paths]
    text = git(root, "-c", "core.quotePath=false", *_STAGED_DIFF, "--", *pathspecs)
    return {
        change.path: change
        for change in parse_patch(text)
        if change.is_python and change.status is not FileStatus.DELETED
    }


