"""The judged samples: a fixed-seed draw of each sampled rule's findings, its labels, precision."""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.benchmarks.precision_runs import Finding

SEED = 2026
VERDICTS = ("post", "skip")


@dataclass(frozen=True)
class SampleGroup:
    """A family of rules judged together: which rules, under which preset, how many per rule.

    A rule belongs to the group when its code starts with one of ``prefixes`` and ``preset``
    enables it; its sample is drawn from that preset's findings.
    """

    key: str  # names the group's worksheet files
    title: str
    prefixes: tuple[str, ...]
    preset: str
    size: int
    checked_in: bool  # its worksheet is kept beside this script, not only in the work folder

    def selects(self, code: str, presets: Iterable[str]) -> bool:
        """Whether the rule ``code``, enabled by ``presets``, is sampled in this group."""
        return code.startswith(self.prefixes) and self.preset in presets


# The performance rules flag rare patterns, judged under strict, which enables them all; the
# complexity and convention rules flag often, judged under recommended, the default preset.
SAMPLE_GROUPS = (
    SampleGroup(
        key="rb3",
        title="performance (RB3xx)",
        prefixes=("RB3",),
        preset="strict",
        size=30,
        checked_in=False,
    ),
    SampleGroup(
        key="rb12",
        title="complexity and convention (RB1xx, RB2xx)",
        prefixes=("RB1", "RB2"),
        preset="recommended",
        size=15,
        checked_in=True,
    ),
)

# The application corpora's own draw: only the performance rules, whose precision on ORM and
# request code is what this set is for, and fewer per rule, since each rule now has five new
# code bases to be wrong on. Its key keeps its worksheet apart from SAMPLE_GROUPS' ones.
APPLICATION_SAMPLE_GROUPS = (
    SampleGroup(
        key="apps_rb3",
        title="performance (RB3xx)",
        prefixes=("RB3",),
        preset="strict",
        size=10,
        checked_in=False,
    ),
)


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
    judged: int  # below sampled only while a sample waits for its labels (--allow-unlabelled)
    posted: int

    @property
    def precision(self) -> float | None:
        """Share of the judged sample worth posting; None when nothing is judged."""
        return self.posted / self.judged if self.judged else None


class LabelError(Exception):
    """The labels file is malformed or lacks a judgement for a sampled finding."""


def draw_samples(
    findings: Iterable[Finding], rules: Iterable[str], size: int
) -> dict[str, list[Finding]]:
    """Up to ``size`` findings of each rule, drawn with a fresh ``Random(SEED)`` per rule.

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
        drawn = random.Random(SEED).sample(population, min(size, len(population)))
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
        verdicts = [labels[f.label_id].verdict for f in drawn if f.label_id in labels]
        posted = verdicts.count("post")
        rows.append(RulePrecision(rule, counts.get(rule, 0), len(drawn), len(verdicts), posted))
    return rows


def write_labels(path: Path, labels: Mapping[str, Label]) -> None:
    """Write ``labels`` sorted by id, one judgement per entry, as the checked-in file keeps them."""
    document = {
        key: {"verdict": label.verdict, "why": label.why} for key, label in sorted(labels.items())
    }
    path.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n")
