"""The seeded-smells benchmark's answer key and arithmetic: markers, hits, recall.

The modules in ``seeded/`` mark the line a reviewer would comment on with ``# seeded: NAME`` and
a look-alike line that is fine with ``# near-miss: NAME``. A marker is hit when a performance
finding of reviewbot lands on its line; for a seeded smell that is recall, for a near-miss a
false positive. Kept apart from ``seeded_recall.py`` (running reviewbot, printing) so the tests
can check it on made-up reports.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SEEDED = "seeded"
NEAR_MISS = "near-miss"
KINDS = (SEEDED, NEAR_MISS)
PERFORMANCE = "performance"

# A marker is a whole comment: "# seeded: query-per-row-get" (the name is one word of letters,
# digits and dashes). A marker inside a string or a longer comment is not one.
_MARKER = re.compile(r"#\s*(seeded|near-miss):\s*([A-Za-z0-9][A-Za-z0-9-]*)\s*$")


@dataclass(frozen=True)
class Marker:
    """One marked line: the file (as given to ``parse_markers``), its line, kind and name."""

    path: str
    line: int
    kind: str  # SEEDED or NEAR_MISS
    name: str


@dataclass(frozen=True)
class Hit:
    """A performance finding on some line, reported or (with its reason) dropped."""

    path: str
    line: int
    rule: str
    dropped: str | None = None  # the dropped reason, e.g. "loop:unknown"; None when reported


@dataclass(frozen=True)
class Outcome:
    """What reviewbot said on one marked line."""

    marker: Marker
    rules: tuple[str, ...]  # reported performance rules on the line
    dropped: tuple[str, ...]  # "RULE (reason)" of performance findings dropped on the line

    @property
    def hit(self) -> bool:
        """Whether a reported performance finding lands on the marked line."""
        return bool(self.rules)


@dataclass(frozen=True)
class Tally:
    """Markers of one kind (and maybe one name) and how many of them were hit."""

    markers: int
    hits: int

    @property
    def rate(self) -> float:
        """hits / markers; 0.0 when there are no markers."""
        return self.hits / self.markers if self.markers else 0.0


def parse_markers(path: str, source: str) -> list[Marker]:
    """The markers in one module's comments, in line order.

    Raises ValueError for a comment that starts like a marker but is not a well-formed one, so a
    typo in the answer key cannot silently drop a smell from the benchmark.
    """
    markers = []
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    for token in tokens:
        if token.type != tokenize.COMMENT:
            continue
        text = token.string
        match = _MARKER.fullmatch(text)
        if match:
            markers.append(Marker(path, token.start[0], match.group(1), match.group(2)))
        elif re.match(r"#\s*(seeded|near-miss)\b", text):
            raise ValueError(f"{path}:{token.start[0]}: malformed marker {text!r}")
    return markers


def markers_in(folder: Path, root: Path) -> list[Marker]:
    """Every marker of the ``.py`` files under ``folder``, paths relative to ``root``."""
    found = []
    for module in sorted(folder.rglob("*.py")):
        relative = module.resolve().relative_to(root.resolve()).as_posix()
        found.extend(parse_markers(relative, module.read_text(encoding="utf-8")))
    return found


def hits_of(report: Mapping[str, Any]) -> list[Hit]:
    """The performance findings of a reviewbot JSON report, reported and dropped."""
    reported = [_hit(raw, None) for raw in report["findings"]]
    dropped = [_hit(raw, str(raw["dropped"]["reason"])) for raw in report.get("dropped", [])]
    return [hit for hit in (*reported, *dropped) if hit is not None]


def _hit(raw: Mapping[str, Any], reason: str | None) -> Hit | None:
    if raw.get("category") != PERFORMANCE:
        return None
    return Hit(str(raw["path"]), int(raw["line"]), str(raw["rule"]), reason)


def score(markers: Iterable[Marker], hits: Iterable[Hit]) -> list[Outcome]:
    """Each marker with the performance findings on its exact line."""
    by_line: dict[tuple[str, int], list[Hit]] = {}
    for hit in hits:
        by_line.setdefault((hit.path, hit.line), []).append(hit)
    outcomes = []
    for marker in markers:
        on_line = by_line.get((marker.path, marker.line), [])
        rules = sorted({hit.rule for hit in on_line if hit.dropped is None})
        dropped = sorted({f"{hit.rule} ({hit.dropped})" for hit in on_line if hit.dropped})
        outcomes.append(Outcome(marker, tuple(rules), tuple(dropped)))
    return outcomes


def unmarked(markers: Iterable[Marker], hits: Iterable[Hit]) -> list[Hit]:
    """The reported hits on lines without a marker: a smell the key lacks, or a misplaced marker."""
    marked = {(marker.path, marker.line) for marker in markers}
    found = [hit for hit in hits if hit.dropped is None and (hit.path, hit.line) not in marked]
    return sorted(found, key=lambda hit: (hit.path, hit.line, hit.rule))


def tally(outcomes: Iterable[Outcome], kind: str) -> Tally:
    """How many markers of ``kind`` there are and how many were hit."""
    chosen = [outcome for outcome in outcomes if outcome.marker.kind == kind]
    return Tally(len(chosen), sum(outcome.hit for outcome in chosen))


def tally_by_name(outcomes: Sequence[Outcome], kind: str) -> dict[str, Tally]:
    """``tally`` per marker name of ``kind``, names sorted."""
    names = sorted({outcome.marker.name for outcome in outcomes if outcome.marker.kind == kind})
    return {
        name: tally((o for o in outcomes if o.marker.name == name), kind) for name in names
    }
