"""Precision benchmark: how often reviewbot's performance rules are right on real code.

A script, not a pytest test (its name keeps pytest from collecting it):

    python tests/benchmarks/precision.py [--workdir tests/benchmarks/.work/precision]
                                         [--labels tests/benchmarks/precision_labels.json]
                                         [--document tests/benchmarks/PRECISION.md]
                                         [--reuse-reports] [--prune-labels]

It downloads pinned libraries and applications from PyPI, runs ``reviewbot check`` over each
with the ``recommended`` and the ``strict`` preset, counts every rule's findings per 1,000
non-blank lines, draws a fixed-seed sample of each RB3xx rule's ``strict`` findings, writes it
as a review worksheet, and computes each rule's precision from the judgements checked in beside
this script. A sampled finding without a judgement is an error that lists the missing ids.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shlex
import subprocess
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Run as a script, Python puts only this folder on sys.path; the modules beside it are imported
# as ``tests.benchmarks.*``, the names mypy resolves them by.
REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
if str(REPOSITORY_ROOT) not in sys.path:
    sys.path.insert(0, str(REPOSITORY_ROOT))

from tests.benchmarks.precision_corpora import CORPORA, Corpus, fetch
from tests.benchmarks.precision_report import (
    code_context,
    generated_body,
    precision_table,
    update_document,
    worksheet,
)
from tests.benchmarks.precision_runs import (
    PRESETS,
    Finding,
    checked_files,
    read_findings,
    reviewbot_command,
    run_reviewbot,
)
from tests.benchmarks.precision_sample import (
    SAMPLED_PREFIX,
    LabelError,
    draw_samples,
    load_labels,
    missing_labels,
    precision_rows,
    unused_labels,
    write_labels,
)

HERE = Path(__file__).resolve().parent
DEFAULT_WORKDIR = HERE / ".work" / "precision"
DEFAULT_LABELS = HERE / "precision_labels.json"
DEFAULT_DOCUMENT = HERE / "PRECISION.md"

# preset -> findings over every corpus
Findings = Mapping[str, Sequence[Finding]]


@dataclass(frozen=True)
class Settings:
    """The command-line options."""

    workdir: Path
    labels: Path
    document: Path
    reuse_reports: bool
    prune_labels: bool


def parse_settings(argv: Sequence[str] | None) -> Settings:
    """Turn the command line into Settings."""
    parser = argparse.ArgumentParser(description="Precision of reviewbot's RB3xx rules.")
    add = parser.add_argument
    add("--workdir", type=Path, default=DEFAULT_WORKDIR, help="downloads, reports, worksheet")
    add("--labels", type=Path, default=DEFAULT_LABELS, help="the judgements (JSON)")
    add("--document", type=Path, default=DEFAULT_DOCUMENT, help="Markdown file to update")
    add("--reuse-reports", action="store_true", help="reuse saved reports instead of re-running")
    add("--prune-labels", action="store_true", help="drop judgements the sample no longer draws")
    args = parser.parse_args(argv)
    return Settings(
        workdir=args.workdir.resolve(),
        labels=args.labels.resolve(),
        document=args.document.resolve(),
        reuse_reports=args.reuse_reports,
        prune_labels=args.prune_labels,
    )


def progress(message: str) -> None:
    """Report progress on stderr, so stdout holds only the results."""
    print(f"  {message}", file=sys.stderr, flush=True)


def report_path(workdir: Path, preset: str, corpus: Corpus) -> Path:
    """Where the JSON report of one corpus under one preset is kept."""
    return workdir / "reports" / preset / f"{corpus.name}.json"


def collect_findings(corpora: Sequence[Corpus], settings: Settings) -> dict[str, list[Finding]]:
    """Run (or reuse) every corpus under every preset; the findings by preset."""
    found: dict[str, list[Finding]] = {}
    for preset in PRESETS:
        found[preset] = []
        for corpus in corpora:
            report = report_path(settings.workdir, preset, corpus)
            if not (settings.reuse_reports and report.exists()):
                progress(f"reviewbot --preset {preset} on {corpus.name}")
                run_reviewbot(corpus, preset, report, ceiling=settings.workdir)
            _check_file_count(corpus, report)
            found[preset].extend(read_findings(corpus.name, report))
    return found


def _check_file_count(corpus: Corpus, report: Path) -> None:
    """The lines are counted over the files reviewbot checked: the two must agree."""
    if checked_files(report) != corpus.python_files:
        sys.exit(
            f"{report}: reviewbot checked {checked_files(report)} files, not {corpus.python_files}"
        )


def count_by_rule(corpora: Sequence[Corpus], found: Findings) -> dict[str, dict[str, Counter[str]]]:
    """Findings per preset, corpus and rule."""
    counts: dict[str, dict[str, Counter[str]]] = {}
    for preset in PRESETS:
        counts[preset] = {corpus.name: Counter[str]() for corpus in corpora}
        for finding in found[preset]:
            counts[preset][finding.corpus][finding.rule] += 1
    return counts


def sampled_rules() -> list[str]:
    """Every RB3xx rule ``reviewbot rules`` lists, whether or not it found anything."""
    listing = subprocess.run(
        [reviewbot_command("recommended")[0], "rules"], capture_output=True, text=True, check=True
    )
    # a rule's line starts with its code; its summary is indented under it
    lines = listing.stdout.splitlines()
    codes = (line.split(maxsplit=1)[0] for line in lines if line[:1].isalnum())
    return sorted(code for code in codes if code.startswith(SAMPLED_PREFIX))


def write_worksheet(
    samples: Mapping[str, Sequence[Finding]], corpora: Sequence[Corpus], workdir: Path
) -> Path:
    """The sample as Markdown for a human, and as JSON for tools; returns the Markdown's path."""
    trees = {corpus.name: corpus.tree for corpus in corpora}
    markdown = workdir / "worksheet.md"
    markdown.write_text(worksheet(samples, trees))
    entries = [
        {
            "id": f.label_id,
            "line": f.line,
            "message": f.message,
            "context": code_context(trees[f.corpus] / f.path, f.line),
        }
        for drawn in samples.values()
        for f in drawn
    ]
    (workdir / "worksheet.json").write_text(json.dumps(entries, indent=1) + "\n")
    return markdown


def provenance(workdir: Path, corpora: Sequence[Corpus]) -> dict[str, str]:
    """When and with what the reports were made, and how to make them again."""
    report: dict[str, Any] = json.loads(report_path(workdir, "strict", corpora[0]).read_text())
    tool = report["tool"]
    run = shlex.join(["reviewbot", *reviewbot_command("PRESET")[1:]])
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).date().isoformat(),
        "reviewbot": f"reviewbot {tool['version']}",
        "ruff": str(tool["ruff"]),
        "command": "python tests/benchmarks/precision.py\n"
        "# which runs, in each corpus tree, for PRESET in recommended and strict, with\n"
        f"# GIT_CEILING_DIRECTORIES set to the work folder:\n{run}",
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark, then print and write the precision table computed from the labels."""
    settings = parse_settings(argv)
    # reviewbot's own discovery, used to count lines, must not see reviewbot's checkout either.
    os.environ["GIT_CEILING_DIRECTORIES"] = str(settings.workdir)
    corpora = [fetch(spec, settings.workdir) for spec in CORPORA]
    found = collect_findings(corpora, settings)
    samples = draw_samples(found["strict"], sampled_rules())
    sheet = write_worksheet(samples, corpora, settings.workdir)
    progress(f"worksheet: {sheet}")
    try:
        labels = load_labels(settings.labels)
    except LabelError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    missing = missing_labels(samples, labels)
    if missing:
        listing = "\n".join(f"  {key}" for key in missing)
        print(
            f"error: {len(missing)} sampled findings have no label in {settings.labels}:\n{listing}",
            file=sys.stderr,
        )
        return 1
    stale = unused_labels(samples, labels)
    if stale and settings.prune_labels:
        write_labels(settings.labels, {k: v for k, v in labels.items() if k not in stale})
    elif stale:
        progress(f"{len(stale)} labels are not in the current sample (--prune-labels drops them)")
    counts = count_by_rule(corpora, found)
    strict_counts = Counter(f.rule for f in found["strict"])
    rows = precision_rows(strict_counts, samples, labels)
    recommended = Counter(f.rule for f in found["recommended"])
    print(precision_table(rows, sum(c.lines for c in corpora), recommended))
    body = generated_body(rows, counts, corpora, provenance(settings.workdir, corpora))
    update_document(settings.document, body)
    progress(f"written: {settings.document}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
