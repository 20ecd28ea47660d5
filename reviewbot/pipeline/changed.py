"""``check --base REF`` and ``check --staged``: the audit of :mod:`reviewbot.pipeline.audit`,
narrowed to the changed files and the findings on their changed lines.

``--base`` is the pre-push view of a pull request (the working tree against the merge base of REF
and HEAD); ``--staged`` is the pre-commit view (the lines a commit adds, read from the working
tree: under pre-commit that is the staged content, because pre-commit stashes unstaged edits
before it runs a hook). ``--all-lines`` keeps every finding in the staged files. Findings the
baseline accepts are hidden (unless ``--no-baseline``), as everywhere.
"""

from __future__ import annotations

from functools import partial

from reviewbot.change.working import since_merge_base, staged
from reviewbot.pipeline.audit import CheckOptions, LineScope, run_check
from reviewbot.pipeline.result import CheckResult


def run_changed_check(options: CheckOptions, base_ref: str) -> CheckResult:
    """Findings on the lines changed since the merge base of ``base_ref`` and HEAD."""
    return run_check(
        options, lines=LineScope(partial(since_merge_base, base_ref=base_ref), "--base")
    )


def run_staged_check(options: CheckOptions, *, all_lines: bool = False) -> CheckResult:
    """Findings in the staged Python files named by ``options`` (all of them when none are)."""
    if all_lines:
        return run_check(options)
    return run_check(options, lines=LineScope(partial(staged, paths=options.paths), "--staged"))
