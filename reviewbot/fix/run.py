"""``reviewbot fix``: apply findings' fixes to files, safely, and say what is left.

Every fixable finding of a check (reviewbot's libcst rules and ruff's, safe fixes only unless
``unsafe``) is applied in one pass per file: fixes whose edits overlap an earlier one wait for
the next round. A file whose fixed text does not parse (or cannot be encoded back) is refused
and kept as it was. Files are replaced atomically. Because one fix can enable or clash with
another, the changed files are checked again and fixed again, up to ``max_rounds`` times; a
last full check counts what remains.
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
class FileFix:
    """A file's fixed text and the findings whose fixes it applies."""

    path: str
    original: str
    fixed: str
    encoding: str
    findings: tuple[Finding, ...]

    def diff(self) -> str:
        """A unified diff (``a/path`` -> ``b/path``) of the change."""
        lines = difflib.unified_diff(
            self.original.splitlines(keepends=True),
            self.fixed.splitlines(keepends=True),
            fromfile=f"a/{self.path}",
            tofile=f"b/{self.path}",
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

    @property
    def fixed_count(self) -> int:
        """Fixes applied over all files."""
        return sum(item.count for item in self.fixed)

    @property
    def blocking(self) -> tuple[Finding, ...]:
        """Remaining findings at or above ``fail_on``."""
        return tuple(f for f in self.remaining if self.fail_on.blocks(f.severity))


def fix_files(options: FixOptions) -> FixReport:
    """Fix the files ``options.check`` names (or, with ``preview``, compute the diffs only)."""
    first = run_check(options.check)
    if options.preview:
        return _preview(first, unsafe=options.unsafe)
    fixed, refused = _fix_rounds(options, first)
    final = run_check(options.check) if fixed else first
    return FixReport(
        fixed=_fixed_files(fixed),
        refused=tuple(sorted(refused.values(), key=lambda r: r.path)),
        remaining=final.findings,
        fail_on=final.fail_on,
    )


def _fix_rounds(
    options: FixOptions, result: CheckResult
) -> tuple[dict[str, list[Finding]], dict[str, Refusal]]:
    """Fix, write and re-check the changed files until nothing changes (or the rounds run out)."""
    root = Path(result.root)
    fixed: dict[str, list[Finding]] = {}
    refused: dict[str, Refusal] = {}
    for _round in range(options.max_rounds):
        skip = frozenset(refused)
        edits, refusals = _split(
            plan_fixes(result.findings, root, unsafe=options.unsafe, skip=skip)
        )
        refused.update((refusal.path, refusal) for refusal in refusals)
        if not edits:
            break
        for edit in edits:
            write_atomically(root / edit.path, edit.fixed.encode(edit.encoding))
            fixed.setdefault(edit.path, []).extend(edit.findings)
        changed = frozenset(edit.path for edit in edits)
        result = run_check(replace(options.check, only_paths=_within(options.check, changed)))
    return fixed, refused


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
    """Apply the non-overlapping fixes of ``findings`` to ``path``; refuse unparseable results."""
    try:
        original, encoding = read_source(root / path)
    except (OSError, SyntaxError, UnicodeDecodeError) as error:
        return Refusal(path, f"cannot be read: {error}")
    chosen = non_overlapping(findings)
    fixed = apply_fixes(original, [f.fix for f in chosen if f.fix is not None]).text
    problem = _unusable(fixed, encoding)
    if problem:
        return Refusal(path, problem)
    return FileFix(path, original, fixed, encoding, tuple(chosen))


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
    edits, refusals = _split(plan_fixes(result.findings, Path(result.root), unsafe=unsafe))
    fixed_ids = {id(finding) for edit in edits for finding in edit.findings}
    return FixReport(
        fixed=_fixed_files({edit.path: list(edit.findings) for edit in edits}),
        refused=tuple(refusals),
        remaining=tuple(f for f in result.findings if id(f) not in fixed_ids),
        fail_on=result.fail_on,
        preview=True,
        diffs=tuple(edit.diff() for edit in edits),
    )


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


def _unusable(fixed: str, encoding: str) -> str:
    """Why ``fixed`` cannot be written (does not parse, cannot be encoded), or ``""``."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarnings in the user's code are not ours
            ast.parse(fixed)
    except SyntaxError as error:
        where = f"line {error.lineno}: {error.msg}"
        return f"the fixed code does not parse ({where}); file left unchanged"
    try:
        fixed.encode(encoding)
    except UnicodeEncodeError as error:
        problem = f"cannot be encoded as {encoding} ({error.reason})"
        return f"the fixed code {problem}; file left unchanged"
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
