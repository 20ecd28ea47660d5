"""Precision benchmark: how often reviewbot's own rules are right on real code.

A script, not a pytest test (its name keeps pytest from collecting it):

    python tests/benchmarks/precision.py [--corpora original|applications]
                                         [--workdir tests/benchmarks/.work/precision]
                                         [--labels tests/benchmarks/precision_labels.json]
                                         [--document tests/benchmarks/PRECISION.md]
                                         [--reuse-reports] [--prune-labels] [--allow-unlabelled]

It downloads one set of pinned libraries and applications from PyPI (``precision_sets.py``: the
``original`` five by default, or the five ``applications``), runs ``reviewbot check`` over each
with the ``recommended`` and the ``strict`` preset, counts every rule's findings per 1,000
non-blank lines, and, for each of the set's sample groups (for the original set, the RB3xx rules
under ``strict`` and the RB1xx and RB2xx rules under ``recommended``; for the applications, the
RB3xx rules under ``strict``), draws a fixed-seed sample of each rule's findings, writes it as a
worksheet a reader can judge blind, and computes each rule's precision from the set's judgements
checked in beside this script. A sampled finding without a judgement is an error that lists the
missing ids, unless ``--allow-unlabelled`` lets a new sample be drawn before it is judged.
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

from tests.benchmarks.precision_blind import blind_worksheet, code_view_of
from tests.benchmarks.precision_corpora import Corpus, fetch
from tests.benchmarks.precision_recall import recall_rows, recall_table
from tests.benchmarks.precision_report import (
    Counts,
    generated_body,
    precision_table,
    update_document,
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
    Label,
    LabelError,
    RulePrecision,
    SampleGroup,
    draw_samples,
    load_labels,
    missing_labels,
    precision_rows,
    unused_labels,
    write_labels,
)
from tests.benchmarks.precision_sets import CORPUS_SETS, DEFAULT_SET, CorpusSet

HERE = Path(__file__).resolve().parent
DEFAULT_WORKDIR = HERE / ".work" / "precision"

# preset -> findings over every corpus
Findings = Mapping[str, Sequence[Finding]]


@dataclass(frozen=True)
class Drawn:
    """One sample group's draw: rule -> its sampled findings."""

    group: SampleGroup
    samples: dict[str, list[Finding]]


@dataclass(frozen=True)
class Settings:
    """The command-line options."""

    corpus_set: CorpusSet
    workdir: Path
    labels: Path
    document: Path
    reuse_reports: bool
    prune_labels: bool
    allow_unlabelled: bool


def parse_settings(argv: Sequence[str] | None) -> Settings:
    """Turn the command line into Settings."""
    parser = argparse.ArgumentParser(description="Precision of reviewbot's own rules.")
    add = parser.add_argument
    add("--corpora", choices=sorted(CORPUS_SETS), default=DEFAULT_SET, help="the corpus set")
    add("--workdir", type=Path, default=DEFAULT_WORKDIR, help="downloads, reports, worksheet")
    add("--labels", type=Path, help="the judgements (JSON); default: the set's file")
    add("--document", type=Path, help="Markdown file to update; default: the set's file")
    add("--reuse-reports", action="store_true", help="reuse saved reports instead of re-running")
    add("--prune-labels", action="store_true", help="drop judgements the sample no longer draws")
    add(
        "--allow-unlabelled",
        action="store_true",
        help="draw and write the sample even when some of it is not judged yet",
    )
    args = parser.parse_args(argv)
    corpus_set = CORPUS_SETS[args.corpora]
    return Settings(
        corpus_set=corpus_set,
        workdir=args.workdir.resolve(),
        labels=(args.labels or HERE / corpus_set.labels).resolve(),
        document=(args.document or HERE / corpus_set.document).resolve(),
        reuse_reports=args.reuse_reports,
        prune_labels=args.prune_labels,
        allow_unlabelled=args.allow_unlabelled,
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


def listed_rules() -> dict[str, tuple[str, ...]]:
    """Every rule ``reviewbot rules`` lists, with the words of its line after the code.

    Those words hold the presets that enable the rule, which is all SampleGroup.selects needs.
    """
    listing = subprocess.run(
        [reviewbot_command("recommended")[0], "rules"], capture_output=True, text=True, check=True
    )
    # a rule's line starts with its code; its summary is indented under it
    lines = listing.stdout.splitlines()
    rows = (line.replace(",", " ").split() for line in lines if line[:1].isalnum())
    return {words[0]: tuple(words[1:]) for words in rows if words[0].startswith("RB")}


def draw_groups(
    found: Findings, listing: Mapping[str, Sequence[str]], groups: Sequence[SampleGroup]
) -> list[Drawn]:
    """Each sample group's draw from its preset's findings (a rule without findings too)."""
    return [
        Drawn(group, draw_samples(found[group.preset], _members(group, listing), group.size))
        for group in groups
    ]


def _members(group: SampleGroup, listing: Mapping[str, Sequence[str]]) -> list[str]:
    return sorted(code for code, words in listing.items() if group.selects(code, words))


def write_worksheets(
    drawn: Sequence[Drawn], found: Findings, corpora: Sequence[Corpus], settings: Settings
) -> list[Path]:
    """Every group's worksheet; returns the Markdown paths."""
    return [write_worksheet(group_draw, found, corpora, settings) for group_draw in drawn]


def write_worksheet(
    drawn: Drawn, found: Findings, corpora: Sequence[Corpus], settings: Settings
) -> Path:
    """The sample as Markdown for a reader, and as JSON for tools; returns the Markdown's path.

    A checked-in group's Markdown is kept beside this script, so it can be judged from a checkout.
    """
    key, workdir = drawn.group.key, settings.workdir
    markdown = HERE / f"precision_worksheet_{key}.md"
    if not drawn.group.checked_in:
        markdown = workdir / f"worksheet_{key}.md"
    counts = Counter(f.rule for f in found[drawn.group.preset])
    labels = shown_path(settings.labels)
    markdown.write_text(blind_worksheet(drawn.group, drawn.samples, counts, corpora, labels))
    trees = {corpus.name: corpus for corpus in corpora}
    entries = [
        {
            "id": f.label_id,
            "line": f.line,
            "message": f.message,
            "in": view.name,
            "code": view.code,
        }
        for sample in drawn.samples.values()
        for f in sample
        for view in [code_view_of(f, trees[f.corpus])]
    ]
    (workdir / f"worksheet_{key}.json").write_text(json.dumps(entries, indent=1) + "\n")
    return markdown


def shown_path(path: Path) -> str:
    """``path`` as a reader of the worksheet finds it: from the repository root when inside it."""
    if path.is_relative_to(REPOSITORY_ROOT):
        return str(path.relative_to(REPOSITORY_ROOT))
    return str(path)


def provenance(workdir: Path, corpora: Sequence[Corpus], corpus_set: CorpusSet) -> dict[str, str]:
    """When and with what the reports were made, and how to make them again."""
    report: dict[str, Any] = json.loads(report_path(workdir, "strict", corpora[0]).read_text())
    tool = report["tool"]
    run = shlex.join(["reviewbot", *reviewbot_command("PRESET")[1:]])
    script = shlex.join(["python", "tests/benchmarks/precision.py", *corpus_set.option])
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).date().isoformat(),
        "reviewbot": f"reviewbot {tool['version']}",
        "ruff": str(tool["ruff"]),
        "command": f"{script}\n"
        "# which runs, in each corpus tree, for PRESET in recommended and strict, with\n"
        f"# GIT_CEILING_DIRECTORIES set to the work folder:\n{run}",
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark, then print and write the precision tables computed from the labels."""
    settings = parse_settings(argv)
    # reviewbot's own discovery, used to count lines, must not see reviewbot's checkout either.
    os.environ["GIT_CEILING_DIRECTORIES"] = str(settings.workdir)
    corpora = [fetch(spec, settings.workdir) for spec in settings.corpus_set.corpora]
    found = collect_findings(corpora, settings)
    drawn = draw_groups(found, listed_rules(), settings.corpus_set.groups)
    for sheet in write_worksheets(drawn, found, corpora, settings):
        progress(f"worksheet: {sheet}")
    labels = checked_labels(drawn, settings)
    if isinstance(labels, int):
        return labels
    counts = count_by_rule(corpora, found)
    tables = [(d.group, _rows(d, found, labels)) for d in drawn]
    _print_tables(tables, counts, sum(c.lines for c in corpora))
    recall = recall_table(recall_rows(found, labels), PRESETS)
    print(f"recall reference (every finding judged worth posting):\n{recall}")
    body = generated_body(
        tables, counts, corpora, provenance(settings.workdir, corpora, settings.corpus_set), recall
    )
    update_document(settings.document, body)
    progress(f"written: {settings.document}")
    return 0


def _print_tables(
    tables: Sequence[tuple[SampleGroup, Sequence[RulePrecision]]], counts: Counts, total_lines: int
) -> None:
    for group, rows in tables:
        print(f"{group.title}, under {group.preset}:")
        print(precision_table(rows, total_lines, group.preset, counts))


def checked_labels(drawn: Sequence[Drawn], settings: Settings) -> dict[str, Label] | int:
    """The judgements, once every sampled finding has one; else the exit code (2 for a malformed
    file, 1 for missing judgements unless ``--allow-unlabelled``)."""
    try:
        labels = load_labels(settings.labels)
    except LabelError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    samples = {rule: sample for d in drawn for rule, sample in d.samples.items()}
    if not _labels_complete(samples, labels, settings):
        return 1
    _report_stale(samples, labels, settings)
    return labels


def _rows(drawn: Drawn, found: Findings, labels: Mapping[str, Label]) -> list[RulePrecision]:
    counts = Counter(f.rule for f in found[drawn.group.preset])
    return precision_rows(counts, drawn.samples, labels)


def _labels_complete(
    samples: Mapping[str, Sequence[Finding]], labels: Mapping[str, Label], settings: Settings
) -> bool:
    """Whether every sampled finding is judged, or ``--allow-unlabelled`` lets the run go on."""
    missing = missing_labels(samples, labels)
    if missing and settings.allow_unlabelled:
        progress(f"{len(missing)} sampled findings have no label yet (--allow-unlabelled)")
    elif missing:
        listing = "\n".join(f"  {key}" for key in missing)
        print(
            f"error: {len(missing)} sampled findings have no label in {settings.labels}:\n{listing}",
            file=sys.stderr,
        )
        return False
    return True


def _report_stale(
    samples: Mapping[str, Sequence[Finding]], labels: Mapping[str, Label], settings: Settings
) -> None:
    """Say (or with ``--prune-labels`` drop) the judgements the sample no longer draws."""
    stale = unused_labels(samples, labels)
    if stale and settings.prune_labels:
        write_labels(settings.labels, {k: v for k, v in labels.items() if k not in stale})
    elif stale:
        progress(f"{len(stale)} labels are not in the current sample (--prune-labels drops them)")


if __name__ == "__main__":
    sys.exit(main())
