"""What the loop facts keep and drop among the judged RB3xx findings of the precision corpora.

For every label in ``precision_labels.json`` (``rule:corpus:path:fingerprint``, verdict ``post``
or ``skip``), this finds the finding in a fresh run of the RB3xx rules under each preset, with
``--show-dropped``: reported, dropped by a loop fact (``loop:fixed``, ``loop:once``, ...), dropped
by the file's role, or no longer found. Dropping a ``post`` label is recall lost; dropping a
``skip`` label is precision gained.

    python tests/benchmarks/loop_facts.py --workdir /tmp/corpora

The corpora are unpacked by ``precision.py`` (``precision_corpora.py`` says where).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tests.benchmarks.precision_corpora import CORPORA
from tests.benchmarks.precision_runs import reviewbot_command

LABELS = Path(__file__).with_name("precision_labels.json")
PRESETS = ("recommended", "strict")
#: Where a judged finding ended up: reported, dropped (by which reason), or not found.
Outcome = str


def run(tree: Path, preset: str, ceiling: Path) -> dict[str, Any]:
    """The JSON report of the RB3xx rules on ``tree`` under ``preset``, dropped ones listed."""
    command = [*reviewbot_command(preset), "--select", "RB3", "--show-dropped"]
    environment = {**os.environ, "GIT_CEILING_DIRECTORIES": str(ceiling)}
    done = subprocess.run(
        command, cwd=tree, env=environment, capture_output=True, text=True, check=False
    )
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} in {tree} exited {done.returncode}:\n{done.stderr[-2000:]}")
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def outcomes(corpus: str, report: Mapping[str, Any]) -> dict[str, Outcome]:
    """Each finding's label key and where it ended up."""
    found: dict[str, Outcome] = {}
    for item in report["findings"]:
        found[_key(corpus, item)] = "reported"
    for item in report.get("dropped", []):
        found[_key(corpus, item)] = item["dropped"]["reason"]
    return found


def _key(corpus: str, item: Mapping[str, Any]) -> str:
    return f"{item['rule']}:{corpus}:{item['path']}:{item['fingerprint']}"


def table(labels: Mapping[str, Mapping[str, str]], found: Mapping[str, Outcome]) -> list[str]:
    """Per rule: labelled findings reported vs dropped, by verdict and reason."""
    rows: dict[str, Counter[str]] = defaultdict(Counter)
    for key, label in labels.items():
        rule = key.split(":", 1)[0]
        outcome = found.get(key, "not found")
        kept = outcome == "reported"
        rows[rule][f"{label['verdict']} {'kept' if kept else 'dropped'}"] += 1
        if not kept:
            rows[rule][f"{label['verdict']} {outcome}"] += 1
    lines = ["| rule | post kept | post dropped | skip kept | skip dropped | drops by reason |"]
    lines.append("|---|--:|--:|--:|--:|---|")
    for rule in sorted(rows):
        counts = rows[rule]
        reasons = ", ".join(
            f"{name} {count}"
            for name, count in sorted(counts.items())
            if not name.endswith(("kept", "dropped"))
        )
        lines.append(
            f"| {rule} | {counts['post kept']} | {counts['post dropped']} | "
            f"{counts['skip kept']} | {counts['skip dropped']} | {reasons or '·'} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    """Run the corpora under both presets and print one table per preset."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/corpora"))
    args = parser.parse_args(argv)
    labels: dict[str, dict[str, str]] = json.loads(LABELS.read_text())
    workdir = args.workdir.resolve()
    for preset in PRESETS:
        found: dict[str, Outcome] = {}
        totals: Counter[str] = Counter()
        for spec in CORPORA:
            report = run(workdir / spec.source, preset, workdir)
            found |= outcomes(spec.name, report)
            totals["reported"] += len(report["findings"])
            for reason, count in report["summary"].get("dropped", {}).items():
                totals[reason] += count
        print(f"\n### `{preset}`\n")
        print("All RB3xx findings: " + ", ".join(f"{k} {v}" for k, v in totals.most_common()))
        print()
        print("\n".join(table(labels, found)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
