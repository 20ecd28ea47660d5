"""How many findings worth posting each RB3xx rule could ever report on the corpora.

Issue 10 asks each RB3xx rule in the default preset for at least 8 findings on the corpora at a
precision of at least 90%: at least 8 findings a blind reader judges worth posting (7 of 8 is
88%). A preset, a loop fact or a role can only drop findings from what the rule's detector
reports under ``strict``, so the ``post`` findings among ``strict``'s are the most any filter on
the same detector can keep. This script estimates that supply per rule from the generated
precision tables of both corpus sets (``PRECISION.md``, ``PRECISION_APPLICATIONS.md``): the
judged ``post`` findings, plus the unjudged findings at the sampled rate, with a one-sided 95%
upper bound (Clopper-Pearson) on that rate. Summing the two sets' bounds is conservative.

    python tests/benchmarks/precision_ceiling.py
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCUMENTS = (HERE / "PRECISION.md", HERE / "PRECISION_APPLICATIONS.md")
TABLE_HEADING = "### Precision of the performance (RB3xx) rules"
NEEDED = 8  # findings worth posting for ">= 8 findings at >= 90%"
_ROW = re.compile(r"^\| (RB3\d\d) \| (\d+) \| [\d.]+ \| \d+ \| \d+ \| (\d+) \| (\d+) \|")


@dataclass(frozen=True)
class Judged:
    """One rule on one corpus set: ``findings`` under strict, ``judged`` of them, ``post``."""

    rule: str
    findings: int
    judged: int
    post: int


@dataclass(frozen=True)
class Supply:
    """A rule's findings worth posting across the sets: estimated, and its 95% upper bound."""

    rule: str
    findings: int
    judged: int
    post: int
    estimate: float
    upper: float

    @property
    def reachable(self) -> bool:
        """Whether a perfect filter could leave ``NEEDED`` findings, all worth posting."""
        return self.upper >= NEEDED


def binomial_cdf(successes: int, trials: int, rate: float) -> float:
    """P(X <= successes) for X ~ Binomial(trials, rate)."""
    return sum(
        math.comb(trials, k) * rate**k * (1 - rate) ** (trials - k) for k in range(successes + 1)
    )


def upper_rate(successes: int, trials: int, confidence: float = 0.95) -> float:
    """The one-sided Clopper-Pearson upper bound of a rate seen ``successes`` of ``trials``."""
    if trials == 0 or successes >= trials:
        return 1.0
    low, high = successes / trials, 1.0
    for _ in range(60):
        middle = (low + high) / 2
        if binomial_cdf(successes, trials, middle) > 1 - confidence:
            low = middle
        else:
            high = middle
    return high


def judged_rows(text: str) -> list[Judged]:
    """The RB3xx rows of a document's generated precision table."""
    start = text.index(TABLE_HEADING)
    rows: list[Judged] = []
    for line in text[start:].splitlines()[1:]:
        if line.startswith("###"):
            break
        match = _ROW.match(line)
        if match:
            rule, findings, judged, post = match.groups()
            rows.append(Judged(rule, int(findings), int(judged), int(post)))
    return rows


def supply(rule: str, parts: Sequence[Judged]) -> Supply:
    """One rule's supply of worth-posting findings over its parts (one per corpus set)."""
    estimate = upper = 0.0
    for part in parts:
        unjudged = part.findings - part.judged
        rate = part.post / part.judged if part.judged else 0.0
        estimate += part.post + rate * unjudged
        upper += part.post + (upper_rate(part.post, part.judged) * unjudged if unjudged else 0)
    return Supply(
        rule,
        sum(p.findings for p in parts),
        sum(p.judged for p in parts),
        sum(p.post for p in parts),
        estimate,
        upper,
    )


def supplies(documents: Iterable[str]) -> list[Supply]:
    """Every rule's supply over all documents, in rule order."""
    parts: dict[str, list[Judged]] = {}
    for text in documents:
        for row in judged_rows(text):
            parts.setdefault(row.rule, []).append(row)
    return [supply(rule, parts[rule]) for rule in sorted(parts)]


def ceiling_table(rows: Sequence[Supply]) -> str:
    """The supply per rule as Markdown, then how many rules could reach the bar."""
    head = (
        "| rule | findings (strict) | judged | post | worth posting, estimated | "
        "95% upper bound | could reach 8 at 90% |"
    )
    lines = [head, "|---|--:|--:|--:|--:|--:|:-:|"]
    lines += [
        f"| {r.rule} | {r.findings} | {r.judged} | {r.post} | {r.estimate:.1f} | "
        f"{r.upper:.1f} | {'yes' if r.reachable else 'no'} |"
        for r in rows
    ]
    reachable = sum(r.reachable for r in rows)
    lines += [
        "",
        f"Rules that could reach the bar even with a perfect filter: {reachable} of {len(rows)}.",
    ]
    return "\n".join(lines)


def main(texts: Mapping[Path, str] | None = None) -> int:
    read = texts or {path: path.read_text(encoding="utf-8") for path in DOCUMENTS}
    print(ceiling_table(supplies(read.values())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
