"""The baseline: findings a team accepted when it adopted reviewbot, so only new ones are reported.

The file (``reviewbot-baseline.json`` at the repository root by default, or the config's
``baseline`` key) is JSON made for review in a diff: one entry per line, sorted by path, rule
and fingerprint, with no line numbers, so inserting code above a finding changes nothing::

    {"version": 1, "tool": "reviewbot", "entries": [
      {"fingerprint": "…", "rule": "RB301", "path": "app/cart.py", "snippet": "total += x"}
    ]}

A finding is baselined when its fingerprint (rule + path + scope + normalised code) is listed.
Policy-level findings (no path) are never baselined.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reviewbot.atomic_file import write_atomically
from reviewbot.errors import UsageError
from reviewbot.findings import Finding

BASELINE_FILE = "reviewbot-baseline.json"
FORMAT_VERSION = 1
SNIPPET_LENGTH = 80


@dataclass(frozen=True, order=True)
class BaselineEntry:
    """One accepted finding; fields in sort order (path, rule, fingerprint)."""

    path: str
    rule: str
    fingerprint: str
    snippet: str = ""

    def to_json(self) -> str:
        """The entry as one compact JSON object (one line of the file)."""
        data = {
            "fingerprint": self.fingerprint,
            "rule": self.rule,
            "path": self.path,
            "snippet": self.snippet,
        }
        return json.dumps(data, ensure_ascii=False)


@dataclass(frozen=True)
class Baseline:
    """A baseline file as read: where it is and its entries."""

    path: Path
    entries: tuple[BaselineEntry, ...]

    @property
    def fingerprints(self) -> frozenset[str]:
        """Every fingerprint the baseline accepts."""
        return frozenset(entry.fingerprint for entry in self.entries)


@dataclass(frozen=True)
class Applied:
    """Findings after a baseline: those kept, how many it hid, and entries that no longer match."""

    kept: tuple[Finding, ...]
    hidden: int
    stale: tuple[BaselineEntry, ...]


def baselinable(finding: Finding) -> bool:
    """Whether ``finding`` can be baselined (policy-level findings, with no path, cannot)."""
    return bool(finding.path) and bool(finding.fingerprint)


def apply_baseline(
    findings: Iterable[Finding], baseline: Baseline, audited: Callable[[str], bool] | None = None
) -> Applied:
    """Hide the findings ``baseline`` lists; stale entries are those whose fingerprint no finding
    has, among the paths ``audited`` accepts (None: every path)."""
    accepted = baseline.fingerprints
    kept: list[Finding] = []
    hidden = 0
    seen: set[str] = set()
    for finding in findings:
        seen.add(finding.fingerprint)
        if baselinable(finding) and finding.fingerprint in accepted:
            hidden += 1
        else:
            kept.append(finding)
    stale = tuple(
        entry
        for entry in baseline.entries
        if entry.fingerprint not in seen and (audited is None or audited(entry.path))
    )
    return Applied(tuple(kept), hidden, stale)


def snippet(line_text: str) -> str:
    """A flagged line as the baseline shows it: stripped and cut to about 80 characters."""
    text = line_text.strip()
    return text if len(text) <= SNIPPET_LENGTH else text[: SNIPPET_LENGTH - 1] + "…"


def entries_for(
    findings: Iterable[Finding], line_of: Callable[[str, int], str]
) -> list[BaselineEntry]:
    """Sorted, de-duplicated entries for ``findings``; ``line_of(path, line)`` is a line's text."""
    entries = {
        finding.fingerprint: BaselineEntry(
            finding.path,
            finding.rule,
            finding.fingerprint,
            snippet(line_of(finding.path, finding.line)),
        )
        for finding in findings
        if baselinable(finding)
    }
    return sorted(entries.values())


def render_baseline(entries: Sequence[BaselineEntry]) -> str:
    """The file's text: a JSON object with one entry per line and a trailing newline."""
    head = f'{{\n  "version": {FORMAT_VERSION},\n  "tool": "reviewbot",\n  "entries": ['
    if not entries:
        return head + "]\n}\n"
    lines = ",\n".join(f"    {entry.to_json()}" for entry in sorted(entries))
    return f"{head}\n{lines}\n  ]\n}}\n"


def write_baseline(path: Path, entries: Sequence[BaselineEntry]) -> None:
    """Write the baseline file atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, render_baseline(entries).encode("utf-8"))


def read_baseline(path: Path) -> Baseline:
    """The baseline at ``path``; UsageError naming the file when it is not a baseline."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UsageError(f"cannot read baseline {path}: {error}") from error
    if not isinstance(raw, dict) or raw.get("version") != FORMAT_VERSION:
        raise UsageError(f"{path} is not a version {FORMAT_VERSION} reviewbot baseline")
    items = raw.get("entries")
    if not isinstance(items, list):
        raise UsageError(f"{path}: 'entries' must be an array")
    return Baseline(path, tuple(_entry(item, path, index) for index, item in enumerate(items)))


def baseline_location(configured: Path | None, root: Path) -> Path:
    """Where the baseline lives: the config's ``baseline`` key, else the default at ``root``."""
    return configured if configured is not None else root / BASELINE_FILE


def find_baseline(configured: Path | None, root: Path) -> Baseline | None:
    """The baseline to apply, or None when there is no file at its location."""
    location = baseline_location(configured, root)
    return read_baseline(location) if location.is_file() else None


def _entry(item: object, path: Path, index: int) -> BaselineEntry:
    if not isinstance(item, dict):
        raise UsageError(f"{path}: entries[{index}] must be an object")
    fields = {}
    for key in ("fingerprint", "rule", "path"):
        value = item.get(key)
        if not isinstance(value, str) or not value:
            raise UsageError(f"{path}: entries[{index}].{key} must be a non-empty string")
        fields[key] = value
    text = item.get("snippet", "")
    return BaselineEntry(
        fields["path"], fields["rule"], fields["fingerprint"], text if isinstance(text, str) else ""
    )
