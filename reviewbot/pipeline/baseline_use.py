"""Applying the baseline inside a run: which file, what it hid, and the counts reporters show."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reviewbot.findings import Finding
from reviewbot.pipeline.baseline import apply_baseline, find_baseline


@dataclass(frozen=True)
class BaselineUse:
    """A baseline that was applied: its file, entry count, hidden findings and stale entries."""

    path: Path
    entries: int
    hidden: int
    stale: int

    def delta(self, new: int) -> dict[str, int]:
        """The ``CheckResult.baseline_delta`` counts, given how many findings are left (new)."""
        return {"baseline": self.entries, "hidden": self.hidden, "new": new, "fixed": self.stale}

    def shown_path(self, root: Path) -> str:
        """The file relative to ``root`` when inside it (POSIX), else absolute."""
        try:
            return self.path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return str(self.path)


def with_baseline(
    findings: Sequence[Finding],
    configured: Path | None,
    root: Path,
    audited: Callable[[str], bool],
    *,
    enabled: bool = True,
) -> tuple[tuple[Finding, ...], BaselineUse | None]:
    """``findings`` without those the baseline accepts, and how it was used (None: no file, or
    not ``enabled``, i.e. ``--no-baseline``).

    An entry is stale when ``audited`` accepts its path (or its file is gone) and no finding
    matches it any more.
    """
    baseline = find_baseline(configured, root) if enabled else None
    if baseline is None:
        return tuple(findings), None

    def in_scope(path: str) -> bool:
        return audited(path) or not (root / path).exists()

    applied = apply_baseline(findings, baseline, in_scope)
    use = BaselineUse(baseline.path, len(baseline.entries), applied.hidden, len(applied.stale))
    return applied.kept, use
