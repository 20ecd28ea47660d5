r"""``reviewbot fix``: apply findings' fixes to files, safely, and say what is left.

Every fixable finding of a check (reviewbot's libcst rules and ruff's, safe fixes only unless
``unsafe``) is applied in one pass per file: fixes whose edits overlap an earlier one wait for
the next round. When the fixed text does not parse (or cannot be encoded back), the fixes that
break it are left out one by one (in file order, each kept only if the text with it and the fixes
kept before it still parses) and reported as dropped; a file none of whose fixes survive is
refused and kept as it was. Files are replaced atomically. Because one fix can enable or clash
with another, the changed files are checked again and fixed again, up to ``max_rounds`` times; a
last full check counts what remains.

``fix`` writes only inside the checked tree (the workspace root): a file reached through a
symlink is fixed by writing the symlink's target when that target lies inside the root (and not
in its ``.git`` folder), and refused, with a message naming the target, when it lies outside.
Line and column positions count ``\n``, ``\r\n`` and a lone ``\r`` as line ends, as Python and
ruff do, and inserted line breaks take the file's own line ending.
"""

from __future__ import annotations

import ast
import difflib
import io
import tokenize
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import groupby
from pathlib import Path

from reviewbot.atomic_file import write_atomically
from reviewbot.control_chars import visible
from reviewbot.engine.edits import apply_fixes
from reviewbot.findings import FailOn, Finding, Fix
from reviewbot.pipeline.audit import CheckOptions, run_check
from reviewbot.pipeline.result import CheckResult

Position = tuple[int, int]


@dataclass(frozen=True)
class FixOptions:
    """What to fix (the check's files and policy), which fixes, and whether to only preview."""

    check: CheckOptions = field(default_factory=CheckOptions)
    unsafe: bool = False
    preview: bool = False
    max_rounds: int = 3


@dataclass(frozen=True)
class DroppedFix:
    """A finding's fix left out of its file because the file would not parse (or encode) with it."""

    path: str
    line: int
    rule: str
    description: str
    reason: str


@dataclass(frozen=True)
class FileFix:
    """A file's fixed text, the findings whose fixes it applies and the fixes it left out.

    ``problem`` says why all the fixes together could not be written ("" when they could); when
    every fix was dropped, ``fixed`` is ``original`` and the file is refused with that reason.
    """

    path: str
    original: str
    fixed: str
    encoding: str
    findings: tuple[Finding, ...]
    dropped: tuple[DroppedFix, ...] = ()
    problem: str = ""

    def diff(self) -> str:
        """A unified diff (``a/path`` -> ``b/path``) of the change."""
        lines = difflib.unified_diff(
            self.original.splitlines(keepends=True),
            self.fixed.splitlines(keepends=True),
            fromfile=f"a/{visible(self.path)}",  # a name cannot break the header line
            tofile=f"b/{visible(self.path)}",
        )
        return "".join(_terminated(line) for line in lines)


@dataclass(frozen=True)
class Refusal:
    """A file whose fixes were not written, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class FixedFile:
    """How many fixes were applied to one file (over all rounds), and of which rules."""

    path: str
    count: int
    rules: tuple[str, ...]


@dataclass(frozen=True)
class FixReport:
    """What ``reviewbot fix`` fixed (in preview: would fix), what it refused, and what is left."""

    fixed: tuple[FixedFile, ...]
    refused: tuple[Refusal, ...]
    remaining: tuple[Finding, ...]
    fail_on: FailOn
    preview: bool = False
    diffs: tuple[str, ...] = ()
    dropped: tuple[DroppedFix, ...] = ()

    @property
    def fixed_count(self) -> int:
        """Fixes applied over all files."""
        return sum(item.count for item in self.fixed)

    @property
    def blocking(self) -> tuple[Finding, ...]:
        """Remaining findings at or above ``fail_on``."""
        return tuple(f for f in self.remaining if self.fail_on.blocks(f.severity))


def fix_files(options: FixOptions) -> FixReport:
    """Fix the files ``options.check`` names (or, with ``preview``, compute the diffs only).

    A path named on the command line that is itself a symlink is refused (the check would
    otherwise take the tree it leads to as the tree to fix); name its target instead.
    """
    named = named_symlinks(options.check.paths)
    if named:
        paths = tuple(p for p in options.check.paths if not p.is_symlink())
        if not paths:  # nothing left to check: remaining is empty, so fail_on shows nowhere
            return FixReport((), named, (), FailOn.ERROR, preview=options.preview)
        options = replace(options, check=replace(options.check, paths=paths))
    first = run_check(options.check)
    if options.preview:
        report = _preview(first, unsafe=options.unsafe)
    else:
        rounds = _fix_rounds(options, first)
        final = run_check(options.check) if rounds.fixed else first
        refused, dropped = _outcome(
            rounds.refused, rounds.plans.values(), fixed=frozenset(rounds.fixed)
        )
        report = FixReport(
            fixed=_fixed_files(rounds.fixed),
            refused=refused,
            remaining=final.findings,
            fail_on=final.fail_on,
            dropped=dropped,
        )
    return replace(report, refused=(*named, *report.refused)) if named else report


def named_symlinks(paths: Sequence[Path]) -> tuple[Refusal, ...]:
    """Refusals for the paths named on the command line that are symlinks."""
    return tuple(
        Refusal(
            str(path),
            f"it is a symlink (to {path.resolve()}); fix does not follow a symlink named on "
            "the command line, name the file it leads to instead; file left unchanged",
        )
        for path in paths
        if path.is_symlink()
    )


@dataclass
class _Rounds:
    """What the rounds fixed and refused, and each file's latest plan (for the fixes it dropped)."""

    fixed: dict[str, list[Finding]] = field(default_factory=dict)
    refused: dict[str, Refusal] = field(default_factory=dict)
    plans: dict[str, FileFix] = field(default_factory=dict)


def _fix_rounds(options: FixOptions, result: CheckResult) -> _Rounds:
    """Fix, write and re-check the changed files until nothing changes (or the rounds run out)."""
    root = Path(result.root)
    rounds = _Rounds()
    changed: frozenset[str] = frozenset()
    for _round in range(options.max_rounds):
        skip = frozenset(rounds.refused)
        plans = plan_fixes(result.findings, root, unsafe=options.unsafe, skip=skip)
        rounds.plans = {path: plan for path, plan in rounds.plans.items() if path not in changed}
        rounds.plans.update((p.path, p) for p in plans if isinstance(p, FileFix))
        edits, refusals = _split(plans)
        rounds.refused.update((refusal.path, refusal) for refusal in refusals)
        changed = _write_all(root, edits, rounds)
        if not changed:
            break
        result = run_check(replace(options.check, only_paths=_within(options.check, changed)))
    return rounds


def _write_all(root: Path, edits: Sequence[FileFix], rounds: _Rounds) -> frozenset[str]:
    """Write the round's edits (one per real file); the paths written."""
    written = []
    for edit in _one_per_target(root, edits):
        refusal = _write(root, edit)
        if refusal is not None:
            rounds.refused[edit.path] = refusal
            continue
        rounds.fixed.setdefault(edit.path, []).extend(edit.findings)
        written.append(edit.path)
    return frozenset(written)


def plan_fixes(
    findings: Iterable[Finding], root: Path, *, unsafe: bool, skip: frozenset[str] = frozenset()
) -> list[FileFix | Refusal]:
    """Per file with applicable fixes (not in ``skip``): its fixed text, or why it is refused."""
    wanted = [f for f in findings if _applicable(f.fix, unsafe=unsafe) and f.path not in skip]
    return [
        plan_file(root, path, list(group))
        for path, group in groupby(sorted(wanted, key=lambda f: f.sort_key), key=lambda f: f.path)
    ]


def plan_file(root: Path, path: str, findings: Sequence[Finding]) -> FileFix | Refusal:
    """Apply the non-overlapping fixes of ``findings`` to ``path``, leaving out those that break
    it; refuse a file outside ``root`` (through a symlink) or one that cannot be read."""
    target = inside(root, path)
    if isinstance(target, Refusal):
        return target
    try:
        original, encoding = read_source(target)
    except (OSError, SyntaxError, UnicodeDecodeError) as error:
        return Refusal(path, f"cannot be read: {error}")
    chosen = non_overlapping(findings)
    fixed = _fixed(original, chosen)
    problem = _unusable(fixed, encoding)
    if not problem:
        return FileFix(path, original, fixed, encoding, tuple(chosen))
    kept, dropped = _without_breaking(original, encoding, chosen)
    return FileFix(
        path, original, _fixed(original, kept), encoding, tuple(kept), tuple(dropped), problem
    )


def inside(root: Path, path: str) -> Path | Refusal:
    """Where ``path`` really is (symlinks resolved), or a refusal when that is outside ``root``
    or inside its ``.git`` folder."""
    real_root = root.resolve()
    target = (root / path).resolve()
    if not target.is_relative_to(real_root):
        shown = Path(path)  # ruff names such a file by its absolute path, libcst by the relative
        shown = shown.relative_to(root) if shown.is_relative_to(root) else shown
        return Refusal(
            shown.as_posix(),
            f"it leads (through a symlink) to {target}, outside {real_root}; "
            "fix never writes outside the tree it checks, file left unchanged",
        )
    if target.relative_to(real_root).parts[:1] == (".git",):
        where = real_root / ".git"
        return Refusal(path, f"it leads (through a symlink) into {where}; file left unchanged")
    return target


def _without_breaking(
    original: str, encoding: str, chosen: Sequence[Finding]
) -> tuple[list[Finding], list[DroppedFix]]:
    """Keep each fix (in file order) only if the text with it and the fixes kept before it is
    still usable; the rest are dropped, each with why."""
    kept: list[Finding] = []
    dropped: list[DroppedFix] = []
    for finding in chosen:
        problem = _unusable(_fixed(original, [*kept, finding]), encoding, left="")
        if not problem:
            kept.append(finding)
            continue
        description = finding.fix.description if finding.fix else ""
        dropped.append(DroppedFix(finding.path, finding.line, finding.rule, description, problem))
    return kept, dropped


def _fixed(original: str, findings: Sequence[Finding]) -> str:
    return apply_fixes(original, [f.fix for f in findings if f.fix is not None]).text


def non_overlapping(findings: Sequence[Finding]) -> list[Finding]:
    """Findings whose fix edits clash with no earlier chosen one (the rest wait a round)."""
    taken: list[tuple[Position, Position]] = []
    chosen = []
    for finding in findings:
        assert finding.fix is not None  # noqa: S101 - callers pass fixable findings only
        spans = [((e.line, e.column), (e.end_line, e.end_column)) for e in finding.fix.edits]
        if any(_clash(span, other) for span in spans for other in taken):
            continue
        taken += spans
        chosen.append(finding)
    return chosen


def read_source(path: Path) -> tuple[str, str]:
    """A Python file's text and its encoding (PEP 263; ``utf-8-sig`` keeps a BOM)."""
    raw = path.read_bytes()
    encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
    return raw.decode(encoding), encoding


def _preview(result: CheckResult, *, unsafe: bool) -> FixReport:
    plans = plan_fixes(result.findings, Path(result.root), unsafe=unsafe)
    edits, refusals = _split(plans)
    refused, dropped = _outcome(
        {refusal.path: refusal for refusal in refusals},
        plans,
        fixed=frozenset(edit.path for edit in edits),
    )
    return FixReport(
        fixed=_fixed_files({edit.path: list(edit.findings) for edit in edits}),
        refused=refused,
        remaining=_unfixed(result.findings, edits),
        fail_on=result.fail_on,
        preview=True,
        diffs=tuple(edit.diff() for edit in edits),
        dropped=dropped,
    )


def _unfixed(findings: Sequence[Finding], edits: Sequence[FileFix]) -> tuple[Finding, ...]:
    fixed_ids = {id(finding) for edit in edits for finding in edit.findings}
    return tuple(f for f in findings if id(f) not in fixed_ids)


def _outcome(
    refused: Mapping[str, Refusal],
    plans: Iterable[FileFix | Refusal],
    *,
    fixed: frozenset[str],
) -> tuple[tuple[Refusal, ...], tuple[DroppedFix, ...]]:
    """The refusals (a file with fixes none of which could be applied is one) and the dropped
    fixes of the files that were fixed."""
    refusals = dict(refused)
    dropped: list[DroppedFix] = []
    for plan in sorted(plans, key=lambda p: p.path):
        if isinstance(plan, Refusal) or not plan.dropped:
            continue
        if plan.path in fixed or plan.findings:
            dropped.extend(plan.dropped)
        elif plan.path not in refusals:
            refusals[plan.path] = Refusal(plan.path, plan.problem)
    return tuple(sorted(refusals.values(), key=lambda r: r.path)), tuple(dropped)


def _one_per_target(root: Path, edits: Sequence[FileFix]) -> list[FileFix]:
    """One edit per real file: when a symlink's target is also edited under its own name, only
    the target's own plan is written (both start from the same text)."""
    by_target: dict[Path, FileFix] = {}
    for edit in sorted(edits, key=lambda e: ((root / e.path).is_symlink(), e.path)):
        by_target.setdefault((root / edit.path).resolve(), edit)
    return sorted(by_target.values(), key=lambda e: e.path)


def _write(root: Path, edit: FileFix) -> Refusal | None:
    """Write ``edit`` to its file's real path, checked again just before (never outside)."""
    target = inside(root, edit.path)
    if isinstance(target, Refusal):
        return target
    write_atomically(target, edit.fixed.encode(edit.encoding))
    return None


def _split(plans: Sequence[FileFix | Refusal]) -> tuple[list[FileFix], list[Refusal]]:
    """The plans that change a file, and the refusals."""
    edits = [plan for plan in plans if isinstance(plan, FileFix) and plan.fixed != plan.original]
    return edits, [plan for plan in plans if isinstance(plan, Refusal)]


def _applicable(fix: Fix | None, *, unsafe: bool) -> bool:
    return fix is not None and bool(fix.edits) and (fix.safe or unsafe)


def _clash(span: tuple[Position, Position], other: tuple[Position, Position]) -> bool:
    """Whether two edits overlap (two insertions at one point clash too), as in fix_apply."""
    (start, end), (other_start, other_end) = span, other
    if start < other_end and other_start < end:
        return True
    return start == end == other_start == other_end


def _unusable(fixed: str, encoding: str, *, left: str = "; file left unchanged") -> str:
    """Why ``fixed`` cannot be written (does not parse, cannot be encoded), or ``""``."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarnings in the user's code are not ours
            ast.parse(fixed)
    except SyntaxError as error:
        where = f"line {error.lineno}: {error.msg}"
        return f"the fixed code does not parse ({where}){left}"
    try:
        fixed.encode(encoding)
    except UnicodeEncodeError as error:
        problem = f"cannot be encoded as {encoding} ({error.reason})"
        return f"the fixed code {problem}{left}"
    return ""


def _within(check: CheckOptions, changed: frozenset[str]) -> frozenset[str]:
    return changed if check.only_paths is None else changed & check.only_paths


def _fixed_files(fixed: Mapping[str, Sequence[Finding]]) -> tuple[FixedFile, ...]:
    return tuple(
        FixedFile(path, len(findings), tuple(sorted({f.rule for f in findings})))
        for path, findings in sorted(fixed.items())
    )


def _terminated(line: str) -> str:
    """A diff line ending in a newline, marking a last line that had none (as git does)."""
    return line if line.endswith("\n") else f"{line}\n\\ No newline at end of file\n"
