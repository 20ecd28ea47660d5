"""Benchmark: reviewbot's review of real pull requests, made from consecutive releases on PyPI.

    python tests/benchmarks/review_prs.py run --name after
    python tests/benchmarks/review_prs.py run --name before --reviewbot /path/to/old/reviewbot
    python tests/benchmarks/review_prs.py report after --against before
    python tests/benchmarks/review_prs.py run --name after-heldout --group held-out
    python tests/benchmarks/review_prs.py blind before-heldout after-heldout --output FILE.md \\
        --answers LABELS.json

``run`` builds, for each pinned pull request, a git repository whose ``main`` holds one release
and whose ``pr`` branch holds the next, runs ``reviewbot review --dry-run --isolated --no-cache
--format json`` on it, and writes the run file ``review_prs_runs/NAME.json`` and the comments
dump ``review_prs_runs/NAME-comments.md``. ``report`` prints a saved run's table again, with the
labels of ``review_prs_labels.json`` (precision, unlabelled ids) and, against an earlier run, the
comments labelled ``post`` that the later run dropped. ``--group
first|held-out|fresh|unseen|all`` (default ``all``) picks the pull requests a run reviews or a
report shows: the held-out group was chosen after the rules were tuned on the first, the fresh
group after all tuning, the unseen group after the fresh group's judgements were used for tuning;
each is reported apart. ``blind`` writes one dump of
several runs' comments, each id once and no run named, for a reader who judges them blind. Not
collected by pytest.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

# Run as a script, Python puts only this folder on sys.path; the modules beside it are imported
# as ``tests.benchmarks.*``, the names mypy resolves them by.
REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
if str(REPOSITORY_ROOT) not in sys.path:
    sys.path.insert(0, str(REPOSITORY_ROOT))

from tests.benchmarks.review_prs_comments import (
    blind_markdown,
    dump_markdown,
    records,
    unique_comments,
)
from tests.benchmarks.review_prs_labels import read_labels
from tests.benchmarks.review_prs_repo import build_repository, diff_size
from tests.benchmarks.review_prs_report import (
    PullRequestResult,
    Run,
    notes,
    read_run,
    table,
    write_run,
)
from tests.benchmarks.review_prs_run import Reviewbot, describe_reviewbot, run_review, summary_lines
from tests.benchmarks.review_prs_specs import GROUPS, PullRequestSpec, group_of, selected

HERE = Path(__file__).parent
RUNS = HERE / "review_prs_runs"
LABELS = HERE / "review_prs_labels.json"


def review_pull_request(
    spec: PullRequestSpec, reviewbot: Reviewbot, workdir: Path, run_name: str
) -> PullRequestResult:
    """Build the pull request's repository, review it, and collect what the review said.

    The raw review JSON stays in ``WORKDIR/reports/RUN/NAME.json`` for a closer look.
    """
    root = build_repository(spec, workdir)
    size = diff_size(root)
    done = run_review(reviewbot, root, workdir / "reports" / run_name / f"{spec.name}.json")
    report = done.report or {}
    visible, total = summary_lines(str(report.get("summary", "")))
    return PullRequestResult(
        name=spec.name,
        project=spec.project,
        kind=spec.kind,
        base=spec.base,
        head=spec.head,
        python_files=size.python_files,
        added=size.added,
        removed=size.removed,
        exit_code=done.exit_code,
        wall_seconds=done.wall_seconds,
        error=done.error,
        event=report.get("event"),
        verdict=report.get("verdict"),
        new_findings=len(report.get("findings", {}).get("new", [])),
        summary_visible=visible,
        summary_total=total,
        comments=tuple(records(spec.name, report.get("comments", []), root)),
    )


def run(args: argparse.Namespace) -> Run:
    """Review the pinned pull requests of the chosen group (one at a time: the timings share no
    cores)."""
    reviewbot = describe_reviewbot(args.reviewbot)
    print(f"{reviewbot.version} ({reviewbot.executable})", file=sys.stderr)
    results = []
    specs = [spec for spec in selected(args.group) if not args.only or spec.name in args.only]
    for spec in specs:
        print(f"reviewing {spec.name} {spec.base} -> {spec.head}", file=sys.stderr)
        results.append(review_pull_request(spec, reviewbot, args.workdir, args.name))
    date = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    return Run(args.name, reviewbot.executable, reviewbot.version, date, tuple(results))


def in_group(run: Run, group: str) -> Run:
    """``run`` with only the pull requests of ``group`` (all of them for ``all``)."""
    if group == "all":
        return run
    kept = tuple(result for result in run.results if group_of(result.name) == group)
    return dataclasses.replace(run, results=kept)


def blind_dump(runs: Sequence[Run], answers: Path) -> str:
    """One dump of several runs' comments, each id once and no run named, for a blind reader."""
    pull_requests: dict[str, PullRequestResult] = {}
    for each in runs:
        for result in each.results:
            pull_requests.setdefault(result.name, result)
    listing = [
        f"- **{r.name}**: {r.project} {r.base} → {r.head}, {r.kind}" for r in pull_requests.values()
    ]
    header = "\n".join(
        [
            (
                "Each pull request below is the change between two consecutive releases of a project"
                " on PyPI: the older release is the base, the next release the pull request's head."
            ),
            (
                "Every comment is an inline comment a review bot made on that pull request; the code"
                " shown is the head's, the commented lines marked `>`."
            ),
            "",
            (
                "For each comment: **would a strict senior reviewer of that project post this comment"
                " on this pull request?** Answer in"
                f' `{answers}` as `{{"ID": {{"label": "post" | "skip", "reason": "..."}}}}`,'
                " one entry per comment id below."
            ),
            "",
            *listing,
            "",
        ]
    )
    comments = unique_comments([each.comments for each in runs])
    return blind_markdown("Review comments to judge", header, comments)


def default_reviewbot() -> str:
    """The reviewbot installed beside the Python running this script."""
    return shutil.which("reviewbot", path=str(Path(sys.executable).parent)) or "reviewbot"


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The ``run`` and ``report`` subcommands and their options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run", help="review every pull request and save the run")
    run_parser.add_argument("--name", required=True, help="the run's name: its files' names")
    run_parser.add_argument("--reviewbot", default=default_reviewbot(), help="the executable")
    run_parser.add_argument("--workdir", type=Path, default=Path("/tmp/prbench"))
    run_parser.add_argument("--only", nargs="+", help="review only these pull requests")
    report_parser = commands.add_parser("report", help="print a saved run with the labels")
    report_parser.add_argument("name", help="the saved run's name")
    blind_parser = commands.add_parser("blind", help="one dump of several runs, each comment once")
    blind_parser.add_argument("names", nargs="+", help="the saved runs' names")
    blind_parser.add_argument("--output", type=Path, required=True, help="the dump to write")
    blind_parser.add_argument("--answers", type=Path, required=True, help="where labels go")
    blind_parser.add_argument("--runs", type=Path, default=RUNS, help="where run files are kept")
    for sub in (run_parser, report_parser):
        sub.add_argument("--against", help="an earlier saved run: list its posts this one lost")
        sub.add_argument("--runs", type=Path, default=RUNS, help="where run files are kept")
        sub.add_argument("--labels", type=Path, default=LABELS)
        sub.add_argument("--group", choices=[*GROUPS, "all"], default="all", help="which PRs")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run or re-read a benchmark run; print its table and notes."""
    args = parse_arguments(argv)
    if args.command == "blind":
        runs = [read_run(args.runs / f"{name}.json") for name in args.names]
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(blind_dump(runs, args.answers))
        return 0
    if args.command == "run":
        current = run(args)
        write_run(current, args.runs / f"{current.name}.json")
        dump = dump_markdown(current.name, current.comments)
        (args.runs / f"{current.name}-comments.md").write_text(dump)
    else:
        current = in_group(read_run(args.runs / f"{args.name}.json"), args.group)
    labels = read_labels(args.labels)
    earlier = read_run(args.runs / f"{args.against}.json") if args.against else None
    earlier = in_group(earlier, args.group) if earlier else None
    print(f"`{current.name}`: {current.version}, {current.date}\n")
    print(table(current, labels))
    print("\n".join(["", *notes(current, labels, earlier)]))
    return 1 if any(result.error for result in current.results) else 0


if __name__ == "__main__":
    sys.exit(main())
