"""What a visual report shows beyond the findings: complexity hotspots and code excerpts.

Both are bounded so that a check of a large legacy codebase stays small in memory and output.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reviewbot.findings import Finding
from reviewbot.pipeline.result import Excerpt, Hotspot, excerpt_key

if TYPE_CHECKING:
    from reviewbot.pipeline.analyse import AnalysedFile

MAX_HOTSPOTS = 10
MAX_EXCERPTS = 500
CONTEXT_LINES = 2
MAX_EXCERPT_LINES = 12
MAX_LINE_CHARS = 240
MAX_SOURCE_LINE_CHARS = 2000


def project_name(policy_root: Path, workspace_root: Path) -> str:
    """The config's folder relative to the workspace root, or the root's name."""
    try:
        relative = policy_root.resolve().relative_to(workspace_root.resolve()).as_posix()
    except ValueError:
        return policy_root.name
    return workspace_root.name if relative == "." else relative


def rank_hotspots(
    analysed: Iterable[AnalysedFile], limit: int = MAX_HOTSPOTS
) -> tuple[Hotspot, ...]:
    """The ``limit`` functions with the highest cognitive complexity (ties: cyclomatic, path)."""
    spots = [
        Hotspot(a.source_file.relative, f.qualname, f.line, f.cognitive, f.cyclomatic, f.length)
        for a in analysed
        if a.result.metrics is not None
        for f in a.result.metrics.functions
        if f.cognitive > 0
    ]
    spots.sort(key=lambda h: (-h.cognitive, -h.cyclomatic, h.path, h.line))
    return tuple(spots[:limit])


def finding_excerpts(
    findings: Sequence[Finding], sources: Mapping[str, str], limit: int = MAX_EXCERPTS
) -> dict[str, Excerpt]:
    """A few lines of source around the first ``limit`` findings (by report order)."""
    lines_of: dict[str, list[str]] = {}
    excerpts: dict[str, Excerpt] = {}
    for finding in sorted(findings, key=lambda f: f.sort_key)[:limit]:
        key = excerpt_key(finding.path, finding.line)
        if key in excerpts or finding.path not in sources:
            continue
        if finding.path not in lines_of:
            lines_of[finding.path] = sources[finding.path].splitlines()
        excerpt = _excerpt(lines_of[finding.path], finding.line, finding.location.end_line)
        if excerpt is not None:
            excerpts[key] = excerpt
    return excerpts


def finding_lines(findings: Sequence[Finding], sources: Mapping[str, str]) -> dict[str, str]:
    """The line each finding starts on, from the text that was analysed (clipped to
    ``MAX_SOURCE_LINE_CHARS``); none for a finding on no line or in a file not read."""
    lines_of: dict[str, list[str]] = {}
    found: dict[str, str] = {}
    for finding in findings:
        if finding.path not in sources:
            continue
        if finding.path not in lines_of:
            lines_of[finding.path] = sources[finding.path].splitlines()
        lines = lines_of[finding.path]
        if 1 <= finding.line <= len(lines):
            found[excerpt_key(finding.path, finding.line)] = lines[finding.line - 1][
                :MAX_SOURCE_LINE_CHARS
            ]
    return found


def _excerpt(lines: list[str], line: int, end_line: int) -> Excerpt | None:
    if not 1 <= line <= len(lines):
        return None
    first = max(1, line - CONTEXT_LINES)
    last = min(len(lines), max(line, end_line) + CONTEXT_LINES, first + MAX_EXCERPT_LINES - 1)
    return Excerpt(first, tuple(_clipped(text) for text in lines[first - 1 : last]))


def _clipped(text: str) -> str:
    return text if len(text) <= MAX_LINE_CHARS else text[: MAX_LINE_CHARS - 1] + "…"
