"""The recall reference: every finding a blind reader judged worth posting, and which presets
still report it.

Precision alone can be bought with silence: a rule that stops firing is never wrong. Every
``post`` judgement in the labels file names a finding a strict senior reviewer wanted; a change
that makes a preset drop one of them costs recall, and this table shows it. A judged finding
whose code no longer produces it under either preset (the rule changed, the loop is now known to
be small) counts as missed by both.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tests.benchmarks.precision_runs import Finding
from tests.benchmarks.precision_sample import Label


@dataclass(frozen=True)
class RuleRecall:
    """Of ``posted`` findings of ``rule`` judged worth posting, how many each preset reports."""

    rule: str
    posted: int
    found: Mapping[str, int]


def recall_rows(
    found: Mapping[str, Sequence[Finding]], labels: Mapping[str, Label]
) -> list[RuleRecall]:
    """One row per rule with a ``post`` judgement, in rule order."""
    wanted = {key for key, label in labels.items() if label.verdict == "post"}
    posted = Counter(key.split(":", 1)[0] for key in wanted)
    reported = {
        preset: Counter(f.rule for f in findings if f.label_id in wanted)
        for preset, findings in found.items()
    }
    return [
        RuleRecall(rule, posted[rule], {p: reported[p][rule] for p in found})
        for rule in sorted(posted)
    ]


def recall_table(rows: Sequence[RuleRecall], presets: Sequence[str]) -> str:
    """The recall reference as Markdown: each rule, then all rules together."""
    head = "| rule | judged worth posting | " + " | ".join(f"reported by `{p}`" for p in presets)
    rule_line = "|---|--:|" + "--:|" * len(presets)
    body = [
        f"| {row.rule} | {row.posted} | "
        + " | ".join(_share(row.found[p], row.posted) for p in presets)
        + " |"
        for row in rows
    ]
    total = sum(row.posted for row in rows)
    totals = " | ".join(_share(sum(row.found[p] for row in rows), total) for p in presets)
    return "\n".join([head + " |", rule_line, *body, f"| all | {total} | {totals} |"])


def _share(part: int, whole: int) -> str:
    return f"{part} ({part / whole:.0%})" if whole else "—"
