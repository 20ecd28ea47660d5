"""Seeded-smells benchmark: which planted performance smells reviewbot finds, and its near-misses.

A script, not a pytest test (its name keeps pytest from collecting it):

    python tests/benchmarks/seeded_recall.py [--preset recommended] [--preset strict]
                                             [--check] [--min-recall R] [--max-false-positives R]
                                             [--all]

For each preset it runs ``reviewbot check tests/benchmarks/seeded --isolated --format json
--no-cache --show-dropped --preset PRESET`` from the repository root and scores every marked line
of the seeded modules (``seeded_score.py``): a ``# seeded:`` line is found when a finding of
category ``performance`` lands on it (recall), a ``# near-miss:`` line is a false positive when
one does. It prints Markdown tables: totals per preset, per smell name, the missed smells with
the reasons of any performance finding reviewbot dropped on their line, and the false positives.
It exits 0, or with ``--check`` 1 when a preset's recall is below its floor or its false-positive
rate above its ceiling (FLOORS, or the two options for every preset run).
"""

from __future__ import annotations

import argparse
import json
import shlex
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Run as a script, Python puts only this folder on sys.path; the modules beside it are imported
# as ``tests.benchmarks.*``, the names mypy resolves them by.
REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
if str(REPOSITORY_ROOT) not in sys.path:
    sys.path.insert(0, str(REPOSITORY_ROOT))

from tests.benchmarks.seeded_score import (
    NEAR_MISS,
    SEEDED,
    Hit,
    Marker,
    Outcome,
    Tally,
    hits_of,
    markers_in,
    score,
    tally,
    tally_by_name,
    unmarked,
)

SEEDED_FOLDER = Path(__file__).resolve().parent / "seeded"
PRESETS = ("recommended", "strict")
# reviewbot exits 1 when it reports blocking findings: a normal run here.
_OK_CODES = frozenset({0, 1})


@dataclass(frozen=True)
class Floor:
    """What ``--check`` demands of one preset: recall at least, false-positive rate at most."""

    min_recall: float
    max_false_positives: float


# Set a little under the results recorded in README.md ("Seeded smells"), so a rule change that
# loses smells or starts flagging the near-misses fails the check.
FLOORS = {
    "recommended": Floor(min_recall=0.20, max_false_positives=0.05),
    "strict": Floor(min_recall=0.65, max_false_positives=0.10),
}


@dataclass(frozen=True)
class Settings:
    """The command-line options."""

    presets: tuple[str, ...]
    check: bool
    min_recall: float | None
    max_false_positives: float | None
    show_all: bool


def parse_settings(argv: Sequence[str] | None) -> Settings:
    """Turn the command line into Settings."""
    parser = argparse.ArgumentParser(description="Recall of reviewbot on seeded smells.")
    add = parser.add_argument
    add("--preset", action="append", choices=PRESETS, help="repeatable; default recommended")
    add("--check", action="store_true", help="exit 1 when a preset misses its floor")
    add("--min-recall", type=float, help="the recall floor for every preset (0..1)")
    add("--max-false-positives", type=float, help="the false-positive ceiling (0..1)")
    add("--all", dest="show_all", action="store_true", help="list every marker, not only misses")
    args = parser.parse_args(argv)
    return Settings(
        presets=tuple(dict.fromkeys(args.preset or ["recommended"])),
        check=args.check,
        min_recall=args.min_recall,
        max_false_positives=args.max_false_positives,
        show_all=args.show_all,
    )


def reviewbot_command(preset: str) -> list[str]:
    """The command, run from the repository root."""
    executable = shutil.which("reviewbot", path=str(Path(sys.executable).parent)) or "reviewbot"
    target = SEEDED_FOLDER.relative_to(REPOSITORY_ROOT).as_posix()
    flags = ["--isolated", "--format", "json", "--no-cache", "--show-dropped"]
    return [executable, "check", target, *flags, "--preset", preset]


def run_reviewbot(preset: str) -> dict[str, Any]:
    """reviewbot's JSON report of the seeded folder under ``preset``."""
    command = reviewbot_command(preset)
    done = subprocess.run(
        command, cwd=REPOSITORY_ROOT, capture_output=True, text=True, check=False
    )
    try:
        report: dict[str, Any] = json.loads(done.stdout)
    except json.JSONDecodeError:
        report = {}
    if done.returncode not in _OK_CODES or "findings" not in report:
        sys.exit(f"{shlex.join(command)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    return report


def percent(part: Tally) -> str:
    """``hits/markers (rate%)``."""
    return f"{part.hits}/{part.markers} ({part.rate:.0%})"


def totals_table(results: Mapping[str, Sequence[Outcome]]) -> list[str]:
    """Recall and false positives per preset."""
    lines = ["| preset | smells found (recall) | near-misses flagged (false positives) |"]
    lines.append("| --- | --: | --: |")
    for preset, outcomes in results.items():
        found, flagged = tally(outcomes, SEEDED), tally(outcomes, NEAR_MISS)
        lines.append(f"| {preset} | {percent(found)} | {percent(flagged)} |")
    return lines


def by_name_table(results: Mapping[str, Sequence[Outcome]], kind: str) -> list[str]:
    """Per marker name of ``kind``: hits/markers under each preset."""
    presets = list(results)
    per_preset = {preset: tally_by_name(results[preset], kind) for preset in presets}
    names = sorted({name for tallies in per_preset.values() for name in tallies})
    lines = [f"| {kind} | " + " | ".join(presets) + " |"]
    lines.append("| --- |" + " --: |" * len(presets))
    for name in names:
        cells = [_cell(per_preset[preset].get(name)) for preset in presets]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def _cell(part: Tally | None) -> str:
    return f"{part.hits}/{part.markers}" if part else "-"


def marker_rows(
    results: Mapping[str, Sequence[Outcome]], kind: str, *, show_all: bool
) -> list[str]:
    """One row per marker of ``kind`` (the misses and false positives unless ``show_all``)."""
    lines = ["| line | name | preset | reported | dropped on the line |", "| --- | --- | --- | --- | --- |"]
    for preset, outcomes in results.items():
        for outcome in outcomes:
            marker = outcome.marker
            notable = (not outcome.hit) if kind == SEEDED else outcome.hit
            if marker.kind != kind or not (show_all or notable):
                continue
            where = f"{Path(marker.path).name}:{marker.line}"
            reported = ", ".join(outcome.rules) or "-"
            dropped = ", ".join(outcome.dropped) or "-"
            lines.append(f"| {where} | {marker.name} | {preset} | {reported} | {dropped} |")
    return lines


def unmarked_rows(markers: Sequence[Marker], hits: Mapping[str, Sequence[Hit]]) -> list[str]:
    """The reported performance findings on lines that carry no marker, per preset."""
    lines = ["| line | preset | rule |", "| --- | --- | --- |"]
    for preset, found in hits.items():
        lines.extend(
            f"| {Path(hit.path).name}:{hit.line} | {preset} | {hit.rule} |"
            for hit in unmarked(markers, found)
        )
    return lines


def failures(results: Mapping[str, Sequence[Outcome]], settings: Settings) -> list[str]:
    """The floors each preset misses."""
    missed = []
    for preset, outcomes in results.items():
        floor = FLOORS[preset]
        min_recall = floor.min_recall if settings.min_recall is None else settings.min_recall
        ceiling = floor.max_false_positives
        if settings.max_false_positives is not None:
            ceiling = settings.max_false_positives
        recall, false_rate = tally(outcomes, SEEDED).rate, tally(outcomes, NEAR_MISS).rate
        if recall < min_recall:
            missed.append(f"{preset}: recall {recall:.0%} is below the floor {min_recall:.0%}")
        if false_rate > ceiling:
            missed.append(f"{preset}: false positives {false_rate:.0%} exceed {ceiling:.0%}")
    return missed


def main(argv: Sequence[str] | None = None) -> int:
    """Run every preset, print the tables; 1 with ``--check`` when a floor is missed."""
    settings = parse_settings(argv)
    markers = markers_in(SEEDED_FOLDER, REPOSITORY_ROOT)
    hits = {preset: hits_of(run_reviewbot(preset)) for preset in settings.presets}
    results = {preset: score(markers, found) for preset, found in hits.items()}
    modules = len({marker.path for marker in markers})
    print(f"Seeded smells in {modules} modules of {SEEDED_FOLDER.relative_to(REPOSITORY_ROOT)}")
    for preset in settings.presets:
        print(f"  {shlex.join(reviewbot_command(preset)[1:])}")
    sections = [
        ("Totals", totals_table(results)),
        ("Recall per smell", by_name_table(results, SEEDED)),
        ("False positives per near-miss", by_name_table(results, NEAR_MISS)),
        ("Smells missed" if not settings.show_all else "Every smell",
         marker_rows(results, SEEDED, show_all=settings.show_all)),
        ("Near-misses flagged" if not settings.show_all else "Every near-miss",
         marker_rows(results, NEAR_MISS, show_all=settings.show_all)),
        ("Performance findings on unmarked lines", unmarked_rows(markers, hits)),
    ]
    for title, lines in sections:
        print(f"\n## {title}\n")
        print("\n".join(lines))
    missed = failures(results, settings)
    for line in missed:
        print(f"\nFLOOR MISSED: {line}")
    return 1 if settings.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
