"""The judged sample: a fixed-seed draw of each RB3xx rule's findings, its labels, its precision."""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.benchmarks.precision_runs import Finding

SEED = 2026
SAMPLE_SIZE = 30
SAMPLED_PREFIX = "RB3"
VERDICTS = ("post", "skip")


@dataclass(frozen=True)
class Label:
    """A reviewer's judgement of one finding: would a strict senior reviewer post it?"""

    verdict: str  # "post" or "skip"
    why: str


@dataclass(frozen=True)
class RulePrecision:
    """One rule's row of the precision table."""

    rule: str
    findings: int
    sampled: int
    posted: int

    @property
    def precision(self) -> float | None:
        """Share of the sample worth posting; None for a rule with no findings."""
        return self.posted / self.sampled if self.sampled else None


class LabelError(Exception):
    """The labels file is malformed or lacks a judgement for a sampled finding."""


def draw_samples(findings: Iterable[Finding], rules: Iterable[str]) -> dict[str, list[Finding]]:
    """Up to SAMPLE_SIZE findings of each rule, drawn with a fresh ``Random(SEED)`` per rule.

    Findings are put in a fixed order first (corpus, path, line, column, fingerprint), so the draw
    depends only on the findings, not on the order the reports listed them in; one rule's draw
    does not move when another rule's findings change.
    """
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_rule[finding.rule].append(finding)
    samples: dict[str, list[Finding]] = {}
    for rule in sorted(rules):
        population = sorted(by_rule[rule], key=_order)
        drawn = random.Random(SEED).sample(population, min(SAMPLE_SIZE, len(population)))
        samples[rule] = sorted(drawn, key=_order)
    return samples


def _order(finding: Finding) -> tuple[str, str, int, int, str]:
    return (finding.corpus, finding.path, finding.line, finding.column, finding.fingerprint)


def load_labels(path: Path) -> dict[str, Label]:
    """Read the labels file: ``{id: {"verdict": "post" | "skip", "why": "..."}}``."""
    if not path.exists():
        return {}
    raw = json.loads(path.read_text())
    if not isinstance(raw, dict):
        raise LabelError(f"{path}: expected a JSON object keyed by finding id")
    return {key: _label(path, key, value) for key, value in raw.items()}


def _label(path: Path, key: str, value: object) -> Label:
    if not isinstance(value, dict):
        raise LabelError(f"{path}: {key}: expected an object with verdict and why")
    verdict, why = value.get("verdict"), value.get("why")
    if verdict not in VERDICTS or not isinstance(why, str) or not why.strip():
        raise LabelError(f"{path}: {key}: verdict must be post or skip, and why a sentence")
    return Label(str(verdict), why)


def missing_labels(
    samples: Mapping[str, Sequence[Finding]], labels: Mapping[str, Label]
) -> list[str]:
    """Ids of sampled findings that have no judgement yet."""
    return [f.label_id for drawn in samples.values() for f in drawn if f.label_id not in labels]


def unused_labels(
    samples: Mapping[str, Sequence[Finding]], labels: Mapping[str, Label]
) -> list[str]:
    """Ids in the labels file that the current sample does not draw (stale judgements)."""
    drawn = {f.label_id for sample in samples.values() for f in sample}
    return sorted(set(labels) - drawn)


def precision_rows(
    counts: Mapping[str, int],
    samples: Mapping[str, Sequence[Finding]],
    labels: Mapping[str, Label],
) -> list[RulePrecision]:
    """One row per sampled rule, its precision computed from the labels alone."""
    rows = []
    for rule, drawn in sorted(samples.items()):
        posted = sum(1 for f in drawn if labels[f.label_id].verdict == "post")
        rows.append(RulePrecision(rule, counts.get(rule, 0), len(drawn), posted))
    return rows


def write_labels(path: Path, labels: Mapping[str, Label]) -> None:
    """Write ``labels`` sorted by id, one judgement per entry, as the checked-in file keeps them."""
    document = {
        key: {"verdict": label.verdict, "why": label.why} for key, label in sorted(labels.items())
    }
    path.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n")
