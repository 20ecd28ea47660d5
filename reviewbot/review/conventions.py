"""The code base's own conventions win over a convention rule.

A naming or style rule that the rest of the code base consistently breaks is not the project's
convention: camelCase test names beside forty others, classes named ``test_*`` in a suite of
hundreds. Before a new convention finding is commented inline, its rule is run over the files
the change did not touch; where it fires at least ``review.convention-threshold`` times (10 by
default) in files of the same role, the new finding is held back: counted as dropped, and the
summary names the rule once with the config line that makes the decision permanent.

The file a change edits has conventions of its own, and they are the ones its author sees beside
the new line: a new ``_render_DOMAIN_type`` method among a dozen ``_render_<TYPE>_type``
siblings, a one-line ``if x: y`` among the file's others. Where the file as it was before the
change already broke the rule at least ``FILE_THRESHOLD`` times (the findings the review classes
as existing or fixed: a change that moves the file's one-liners into a new function keeps its
convention), the new finding is held back the same way.

A change that rewrites lines which already broke a rule (``(self.name,) + tuple(chunk)`` edited
to ``(self.name,) + tuple(keys)``) did not bring the pattern: where the change removes at least as
many findings of a convention rule from a file as it adds to it, the file breaks the rule no more
often than before, and the new ones are held back as rewrites (counted, no convention learned).

Only ruff's convention codes are learned this way, from one ruff run (with ruff's cache) over at
most ``SAMPLE_FILES`` untouched files: those in the folders of the new findings first, then the
rest in path order. The cost of a review stays bounded by the change, not the repository, and the
sample is the same on every run. Findings that block are never held back.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reviewbot.config.roles import Role
from reviewbot.dropped import Dropped
from reviewbot.findings import Category, Finding
from reviewbot.pipeline.analyse import file_role
from reviewbot.pipeline.chain import Analysis
from reviewbot.pipeline.discover import SourceFile
from reviewbot.pipeline.ruff_run import start_ruff
from reviewbot.pipeline.session import Session
from reviewbot.review.model import LearnedConvention
from reviewbot.review.scope import ReviewScope
from reviewbot.roles.classify import HEAD_CHARS

#: The most untouched files a review reads to learn the code base's conventions.
SAMPLE_FILES = 400
#: How often the lines a change leaves in a file must break a rule for it to be that file's
#: convention: three times is a habit, not an accident.
FILE_THRESHOLD = 3


@dataclass(frozen=True)
class HeldBack:
    """The new findings still to comment on, those held back, and the conventions learned."""

    new: tuple[Finding, ...]
    dropped: tuple[Dropped, ...] = ()
    conventions: tuple[LearnedConvention, ...] = ()


def hold_back_conventions(
    scope: ReviewScope,
    new: Sequence[Finding],
    head: Analysis,
    before: Sequence[Finding] = (),
    fixed: Sequence[Finding] = (),
) -> HeldBack:
    """``new`` without the convention findings that rewrite lines which already broke the rule
    (as many ``fixed`` in the file), and those the rest of the code base, or their own file as
    it was (``before``: the findings the change leaves in place or removes), consistently
    breaks."""
    session = scope.session
    threshold = session.policy.review.convention_threshold
    roles = {path: verdict.role for path, verdict in head.roles.items()}
    learnt = [f for f in new if learnable(f, session) and f.path in roles]
    if threshold is None or not learnt:
        return HeldBack(tuple(new))
    rewrites = _rewrites(learnt, [f for f in fixed if learnable(f, session)])
    candidates = [f for f in learnt if id(f) not in rewrites]
    in_file = Counter((f.rule, f.path) for f in before if learnable(f, session))
    by_file = [f for f in candidates if in_file[(f.rule, f.path)] >= FILE_THRESHOLD]
    rest = [f for f in candidates if in_file[(f.rule, f.path)] < FILE_THRESHOLD]
    near = frozenset(str(Path(f.path).parent) for f in rest)
    counts = _untouched_counts(scope, frozenset(f.rule for f in rest), near) if rest else Counter()
    by_base = [f for f in rest if counts[(f.rule, roles[f.path])] >= threshold]
    held_ids = {id(f) for f in (*by_file, *by_base)} | set(rewrites)
    dropped = (
        *rewrites.values(),
        *(_dropped_by_file(f, in_file[(f.rule, f.path)]) for f in by_file),
        *(_dropped(f, roles[f.path], counts[(f.rule, roles[f.path])]) for f in by_base),
    )
    per_file = Counter((f.rule, f.path) for f in by_file)
    per_rule = Counter((f.rule, roles[f.path]) for f in by_base)
    conventions = (
        *(
            LearnedConvention(rule, roles[path], in_file[(rule, path)], number, path)
            for (rule, path), number in sorted(per_file.items())
        ),
        *(
            LearnedConvention(rule, role, counts[(rule, role)], number)
            for (rule, role), number in sorted(per_rule.items(), key=lambda item: item[0][0])
        ),
    )
    kept = tuple(f for f in new if id(f) not in held_ids)
    return HeldBack(kept, dropped, conventions)


def _rewrites(new: Sequence[Finding], fixed: Sequence[Finding]) -> dict[int, Dropped]:
    """The ``new`` findings (by id) of a rule in a file that the change removed as many of."""
    removed = Counter((f.rule, f.path) for f in fixed)
    added = Counter((f.rule, f.path) for f in new)
    return {
        id(f): _dropped_rewrite(f, removed[(f.rule, f.path)], added[(f.rule, f.path)])
        for f in new
        if added[(f.rule, f.path)] <= removed[(f.rule, f.path)]
    }


def _dropped_rewrite(finding: Finding, removed: int, added: int) -> Dropped:
    because = (
        f"a rewrite: this change removes {removed} {finding.rule} finding(s) from {finding.path} "
        f"and adds {added}, so the file breaks the rule no more often than before"
    )
    return Dropped(finding, f"rewrite:{finding.rule}", because)


def _dropped_by_file(finding: Finding, count: int) -> Dropped:
    because = (
        f"the file's convention: {finding.path} broke {finding.rule} {count} times before "
        "this change"
    )
    return Dropped(finding, f"convention:{finding.rule}", because)


def learnable(finding: Finding, session: Session) -> bool:
    """A convention finding of a ruff rule that does not block: one the code base's own
    conventions may overrule."""
    return (
        finding.category is Category.CONVENTION
        and session.catalog.is_ruff(finding.rule)
        and not session.policy.fail_on.blocks(finding.severity)
    )


def _dropped(finding: Finding, role: Role, count: int) -> Dropped:
    because = (
        f"the code base's convention: the code this change leaves alone breaks "
        f"{finding.rule} {count} times {role.where}"
    )
    return Dropped(finding, f"convention:{finding.rule}", because)


def _untouched_counts(
    scope: ReviewScope, codes: frozenset[str], near: frozenset[str]
) -> Counter[tuple[str, Role]]:
    """How often each of ``codes`` fires in a bounded sample of the files the change leaves
    alone (those in the folders ``near`` first), by their role."""
    session = scope.session
    files = sample_untouched(scope.untouched, near)
    by_name = {str(f.absolute): f for f in files}
    diagnostics = start_ruff(
        session.ruff_binary, [f.absolute for f in files], codes, scope.root, use_cache=True
    ).results()
    roles: dict[str, Role] = {}
    counts: Counter[tuple[str, Role]] = Counter()
    for diagnostic in diagnostics:
        source_file = by_name.get(diagnostic.filename)
        if source_file is None:
            continue
        if diagnostic.filename not in roles:
            roles[diagnostic.filename] = _role(session, source_file)
        counts[(diagnostic.code, roles[diagnostic.filename])] += 1
    return counts


def sample_untouched(files: Sequence[SourceFile], near: frozenset[str]) -> list[SourceFile]:
    """At most ``SAMPLE_FILES`` of ``files``: those in a folder of ``near`` first, then the
    rest, each in path order, so every run of the same review reads the same files."""
    ordered = sorted(files, key=lambda f: (str(Path(f.relative).parent) not in near, f.relative))
    return ordered[:SAMPLE_FILES]


def _role(session: Session, source_file: SourceFile) -> Role:
    try:
        with source_file.absolute.open("rb") as handle:
            head = handle.read(HEAD_CHARS)
    except OSError:
        head = b""
    return file_role(session, source_file, head).role
