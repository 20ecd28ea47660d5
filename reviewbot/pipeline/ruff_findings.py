"""Turn ruff's diagnostics into reviewbot Findings under each file's effective policy."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from reviewbot.config.model import FilePolicy
from reviewbot.findings import Category, Edit, Finding, Fix, Location, Severity
from reviewbot.fingerprint import (
    file_fingerprint,
    file_part_fingerprint,
    node_fingerprint,
    normalise_source,
)
from reviewbot.metrics.model import FunctionMetrics
from reviewbot.pipeline.ruff_run import RUFF_CRASHED, RuffDiagnostic
from reviewbot.ruleset.internal_codes import ANALYSIS_SKIPPED

#: ruff's "cannot read the file" diagnostic (an I/O or decoding error, not a rule).
RUFF_CANNOT_READ = "E902"
# the diagnostics that say ruff did not check a file: what ruff did, and why
_RUFF_SKIPPED = {
    RUFF_CANNOT_READ: ("could not read", "ruff reads only UTF-8"),
    RUFF_CRASHED: ("crashed on", "ruff crashed on this file even when run on it alone"),
}

# ruff rules that report the same thing, for the same reason, as one of reviewbot's rules.
# When both are enabled for a file the ruff finding is dropped: one smell, one report.
COVERED_BY_REVIEWBOT = {
    "C901": "RB201",  # mccabe cyclomatic complexity -> radon's cyclomatic complexity
    "PLR0915": "RB204",  # too many statements -> function length (logical lines)
}


def ruff_findings(
    diagnostics: Iterable[RuffDiagnostic],
    root: Path,
    policy_for: Callable[[str], FilePolicy],
    sources: Mapping[str, str],
    functions: Mapping[str, Sequence[FunctionMetrics]],
    unusable: frozenset[str] = frozenset(),
    *,
    skipped: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Findings for the diagnostics whose code is enabled for their file.

    A file in ``unusable`` is one reviewbot could not read or parse: it already carries
    reviewbot's one RB900 or RB901 finding, so ruff's diagnostics on it (E902, its own syntax
    errors) are dropped. A file reviewbot read but ruff could not (ruff reads
    only UTF-8) gets one RB903 finding saying ruff did not check it, whatever is selected. A file
    in ``skipped`` already carries reviewbot's own RB903 (over a budget): the two are told apart
    by their fingerprints (:func:`_ruff_skipped`).
    """
    found: list[Finding] = []
    occurrences: Counter[tuple[str, str, str, str]] = Counter()
    undecodable = _undecodable_names(sources)
    for diagnostic in sorted(diagnostics, key=lambda d: (d.filename, d.line, d.column, d.code)):
        path = _relative(diagnostic.filename, root)
        path = undecodable.get(path, path)
        if path in unusable:
            continue
        if diagnostic.code in _RUFF_SKIPPED:
            found.append(_ruff_skipped(path, diagnostic, beside_own=path in skipped))
            continue
        policy = policy_for(path)
        settings = policy.rules.get(diagnostic.code)
        if settings is None or _covered(diagnostic.code, policy):
            continue
        lines = sources.get(path, "").splitlines()
        scope = enclosing_function(functions.get(path, ()), diagnostic.line)
        text = normalise_source(_excerpt(lines, diagnostic))
        key = (diagnostic.code, path, scope, text)
        fingerprint = node_fingerprint(diagnostic.code, path, scope, text, occurrences[key])
        occurrences[key] += 1
        found.append(_finding(diagnostic, path, settings.category, settings.severity, fingerprint))
    return found


def _ruff_skipped(path: str, diagnostic: RuffDiagnostic, *, beside_own: bool) -> Finding:
    """ruff could not read, or crashed on, a file reviewbot read: none of ruff's rules checked it.

    Its fingerprint is the plain file-level one, which baselines written before both could
    happen on one file hold, unless reviewbot's own analysis of the file was skipped too
    (``beside_own``): that RB903 keeps the plain fingerprint and this one is qualified as ruff's.
    """
    what, why = _RUFF_SKIPPED[diagnostic.code]
    fingerprint = (
        file_part_fingerprint(ANALYSIS_SKIPPED, path, "ruff")
        if beside_own
        else file_fingerprint(ANALYSIS_SKIPPED, path)
    )
    return Finding(
        rule=ANALYSIS_SKIPPED,
        category=Category.ERROR,
        severity=Severity.WARNING,
        path=path,
        location=Location(1, 1, 1, 1),
        message=f"ruff {what} {path} ({diagnostic.message}); none of ruff's rules checked it",
        rationale=f"{why}; reviewbot's own rules did check the file.",
        fingerprint=fingerprint,
    )


def _covered(code: str, policy: FilePolicy) -> bool:
    twin = COVERED_BY_REVIEWBOT.get(code)
    return twin is not None and policy.enabled(twin)


def enclosing_function(functions: Sequence[FunctionMetrics], line: int) -> str:
    """Qualified name of the innermost function containing ``line`` (``<module>`` if none)."""
    best: FunctionMetrics | None = None
    for function in functions:
        if function.line <= line <= function.end_line:
            if best is None or function.line >= best.line:
                best = function
    return best.qualname if best is not None else "<module>"


def _excerpt(lines: list[str], diagnostic: RuffDiagnostic) -> str:
    """The flagged source text (whole lines for multi-line ranges)."""
    if not lines or diagnostic.line > len(lines):
        return diagnostic.message
    if diagnostic.line == diagnostic.end_line:
        line = lines[diagnostic.line - 1]
        excerpt = line[diagnostic.column - 1 : diagnostic.end_column - 1]
        return excerpt or line
    return "\n".join(lines[diagnostic.line - 1 : diagnostic.end_line])


def _finding(
    diagnostic: RuffDiagnostic, path: str, category: Category, severity: Severity, fingerprint: str
) -> Finding:
    return Finding(
        rule=diagnostic.code,
        category=category,
        severity=severity,
        path=path,
        location=Location(
            diagnostic.line, diagnostic.column, diagnostic.end_line, diagnostic.end_column
        ),
        message=diagnostic.message,
        rationale=f"ruff {diagnostic.code}; see {diagnostic.url}" if diagnostic.url else "",
        fix=_fix(diagnostic),
        fingerprint=fingerprint,
    )


def _fix(diagnostic: RuffDiagnostic) -> Fix | None:
    raw = diagnostic.fix
    if not raw or not raw.get("edits"):
        return None
    edits = tuple(
        Edit(
            edit["location"]["row"],
            edit["location"]["column"],
            edit["end_location"]["row"],
            edit["end_location"]["column"],
            edit.get("content") or "",
        )
        for edit in raw["edits"]
    )
    safe = raw.get("applicability") == "safe"
    return Fix(description=raw.get("message") or "Apply ruff's fix", edits=edits, safe=safe)


def _relative(filename: str, root: Path) -> str:
    """ruff's file name relative to ``root``: as given first (reviewbot passes absolute paths
    under the resolved root, so a symlink keeps its own name, dangling or not), else resolved."""
    path = Path(filename)
    if path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    try:
        return path.resolve().relative_to(root).as_posix()
    except (ValueError, RuntimeError, OSError):  # outside root, or a symlink loop
        return path.as_posix()


def _undecodable_names(paths: Iterable[str]) -> dict[str, str]:
    """Each path whose name is not valid UTF-8, by the name ruff prints for it.

    A file name that is not UTF-8 reaches reviewbot with surrogate escapes (``s\\udcff.py``) but
    ruff prints it with replacement characters (``s\\ufffd.py``); without this map its findings
    would name a file that does not exist, and ``fix`` could not find it.
    """
    names: dict[str, str] = {}
    for path in paths:
        printed = path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        if printed != path:
            names[printed] = path
    return names
