"""RB207 in a review: the blocks of code a change copies, as findings on their first line.

What the added lines are compared with is bounded by the change, never the whole tree: the
changed files themselves (their lines the change did not add are code still there), the other
added lines, and at most ``SAMPLE_FILES`` files the change leaves alone, read at the base (the
same at head: nothing touched them), those in the changed files' folders first
(:func:`reviewbot.review.conventions.sample_untouched`).

Not judged as copies: files the change adds as copies of files already there, byte-identical
(:func:`reviewbot.change.copies.copied_files`) or near (:func:`reviewbot.change.near_copies.
find_copies`), which the review treats as one code base's twin; and moved code, which needs no
rule of its own here: a block deleted from its file is no longer among the originals. A finding
in a file whose role ignores RB207 (tests, migrations, generated and vendored code in both
presets) is dropped, counted, as any other.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reviewbot.change.blobs import object_name, read_blobs
from reviewbot.change.near_copies import Copy
from reviewbot.dropped import Dropped
from reviewbot.findings import Finding, Location
from reviewbot.fingerprint import file_part_fingerprint
from reviewbot.metrics.copied_blocks import CopiedBlock, Lines, copied_blocks
from reviewbot.pipeline.chain import Analysis
from reviewbot.pipeline.metric_findings import violation_finding
from reviewbot.pipeline.stances import apply_stances
from reviewbot.pipeline.suppression import apply_directives
from reviewbot.review.conventions import sample_untouched
from reviewbot.review.scope import ReviewScope
from reviewbot.ruleset.api import CopyRule

#: A file larger than this is not read as an original: generated tables, vendored bundles.
MAX_ORIGINAL_CHARS = 400_000


@dataclass(frozen=True)
class CopyFindings:
    """RB207's findings to report, and those the files' roles drop."""

    new: tuple[Finding, ...] = ()
    dropped: tuple[Dropped, ...] = ()


def copy_findings(
    scope: ReviewScope,
    head: Analysis,
    exact_copies: Collection[str],
    near_copies: Mapping[str, Copy],
) -> CopyFindings:
    """RB207's findings on the change's added lines, after suppression comments and roles.

    Files the change adds as copies of files that were there (``exact_copies`` byte for byte,
    ``near_copies`` at least 90% alike) are left out. Two near-identical files the change adds
    are not: the second copies the first, and says so."""
    session = scope.session
    size = session.policy.review.copied_block_lines
    policy_for = session.file_policy(scope.root)
    rules = [rule() for rule in session.registry if issubclass(rule, CopyRule)]
    judged = [f for f in scope.files if f.path in head.texts and f.added_lines]
    if size is None or not rules or not judged:
        return CopyFindings()
    if not any(policy_for(f.path).enabled(rule.code) for f in judged for rule in rules):
        return CopyFindings()
    skipped = {*exact_copies, *(c.path for c in near_copies.values() if c.from_base)}
    changed = {
        f.path: Lines(head.texts[f.path], frozenset() if f.path in skipped else f.added_lines)
        for f in judged
    }
    found: list[Finding] = []
    for block in copied_blocks(changed, _sample(scope, head), size):
        for rule in rules:
            if policy_for(block.path).enabled(rule.code):
                found += _finding(rule, block, scope, head)
    kept = [f for f in found if apply_directives([f], head.directives.get(f.path, ())).kept]
    reported, dropped = apply_stances(kept, head.roles, session.policy.stances)
    return CopyFindings(tuple(reported), tuple(dropped))


def _finding(
    rule: CopyRule, block: CopiedBlock, scope: ReviewScope, head: Analysis
) -> list[Finding]:
    violation = rule.check_copy(block)
    if violation is None:
        return []
    policy = scope.session.file_policy(scope.root)(block.path)
    lines = head.texts[block.path].split("\n")
    first = lines[block.start - 1]
    column = len(first) - len(first.lstrip()) + 1
    location = Location(block.start, column, block.end, len(lines[block.end - 1]) + 1)
    fingerprint = file_part_fingerprint(rule.code, block.path, f"{block.original}:{first.strip()}")
    return [violation_finding(rule, violation, location, block.path, policy, fingerprint)]


def _sample(scope: ReviewScope, head: Analysis) -> dict[str, str]:
    """The bounded sample of files the change leaves alone, by path, as the base has them."""
    near = frozenset(str(Path(path).parent) for path in head.texts)
    return _read(scope, [f.relative for f in sample_untouched(scope.untouched, near)])


def _read(scope: ReviewScope, paths: Sequence[str]) -> dict[str, str]:
    names: Mapping[str, str] = {path: object_name(scope.change.base, path) for path in paths}
    blobs = read_blobs(scope.root, list(names.values()))
    texts = {
        path: blobs[name].decode("utf-8", "replace")
        for path, name in names.items()
        if name in blobs
    }
    return {path: text for path, text in texts.items() if len(text) <= MAX_ORIGINAL_CHARS}
