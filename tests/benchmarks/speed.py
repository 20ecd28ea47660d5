"""Speed benchmark: reviewbot against ruff, fixit and a bare libcst parse on a pinned Django tree.

A script, not a pytest test (its name keeps pytest from collecting it):

    python tests/benchmarks/speed.py [--django-version 5.2.8] [--workdir tests/benchmarks/.work]
                                     [--repeat N] [--output results.json]

Every tool runs as a child process on the same tree, in one run of this script; README.md
beside it says what each measurement is.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import shutil
import sys
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path

# Run as a script, Python puts only this folder on sys.path. The modules beside it are imported
# as ``tests.benchmarks.*``, the names mypy resolves them by, so the repository root goes first.
REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
if str(REPOSITORY_ROOT) not in sys.path:
    sys.path.insert(0, str(REPOSITORY_ROOT))

from tests.benchmarks.bench_corpus import Corpus, fetch_corpus
from tests.benchmarks.bench_process import Measurement, Spec, measure
from tests.benchmarks.bench_report import (
    busy_warning,
    checks,
    machine_description,
    render_checks,
    render_notes,
    render_table,
    to_json,
)
from tests.benchmarks.bench_tools import (
    PARSE_FLOOR_SCRIPT,
    Tools,
    annotate,
    child_environment,
    count_rules,
    locate_tools,
    tool_versions,
)

DEFAULT_DJANGO_VERSION = "5.2.8"
DEFAULT_WORKDIR = Path(__file__).resolve().parent / ".work"
DEFAULT_REPEAT = 3
DEFAULT_FIXIT_REPEAT = 1
DEFAULT_TIMEOUT_S = 10 * 60
DEFAULT_FIXIT_TIMEOUT_S = 20 * 60
MEASUREMENTS = (
    "parse-floor",
    "reviewbot-cold",
    "reviewbot-warm",
    "ruff-cold",
    "ruff-cached",
    "fixit",
)


@dataclass(frozen=True)
class Settings:
    """The command-line options."""

    django_version: str
    workdir: Path
    repeat: int
    fixit_repeat: int
    fixit_timeout_s: float
    jobs: int | None
    extend_select: str | None
    output: Path
    skip: tuple[str, ...]


def parse_settings(argv: Sequence[str] | None) -> Settings:
    """Turn the command line into Settings."""
    parser = argparse.ArgumentParser(description="Speed benchmark of reviewbot on Django.")
    add = parser.add_argument
    add("--django-version", default=DEFAULT_DJANGO_VERSION, help="Django sdist to download")
    add("--workdir", type=Path, default=DEFAULT_WORKDIR, help="download, logs and caches")
    add("--repeat", type=int, default=DEFAULT_REPEAT, help="timed runs per measurement")
    add("--fixit-repeat", type=int, default=DEFAULT_FIXIT_REPEAT, help="timed fixit runs")
    add("--fixit-timeout", type=float, default=DEFAULT_FIXIT_TIMEOUT_S, help="seconds")
    add("--jobs", type=int, default=None, help="pass --jobs N to reviewbot")
    add("--extend-select", default=None, help="pass --extend-select to reviewbot (e.g. RB3)")
    add("--output", type=Path, default=None, help="JSON file (default WORKDIR/results.json)")
    add("--skip", action="append", default=[], choices=MEASUREMENTS, help="repeatable")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.fixit_repeat < 1:
        parser.error("--repeat and --fixit-repeat must be at least 1")
    workdir = args.workdir.resolve()
    return Settings(
        django_version=args.django_version,
        workdir=workdir,
        repeat=args.repeat,
        fixit_repeat=args.fixit_repeat,
        fixit_timeout_s=args.fixit_timeout,
        jobs=args.jobs,
        extend_select=args.extend_select,
        output=(args.output or workdir / "results.json").resolve(),
        skip=tuple(args.skip),
    )


def remove_reviewbot_cache(tree: Path) -> None:
    """Delete reviewbot's cache of the corpus, so the next run starts cold."""
    shutil.rmtree(tree / ".reviewbot_cache", ignore_errors=True)


def build_specs(tools: Tools, corpus: Corpus, settings: Settings) -> list[Spec]:
    """Every measurement, in the order it runs."""
    tree = corpus.tree
    ruff_cache = settings.workdir / "ruff-cache"
    jobs = ("--jobs", str(settings.jobs)) if settings.jobs else ()
    extend = ("--extend-select", settings.extend_select) if settings.extend_select else ()
    reviewbot = (
        tools.reviewbot,
        "check",
        str(tree),
        "--format",
        "json",
        "--isolated",
        *jobs,
        *extend,
    )
    ruff = (
        tools.ruff,
        "check",
        "--select",
        "ALL",
        "--isolated",
        "--output-format",
        "json",
        "--cache-dir",
        str(ruff_cache),
    )
    new_spec = partial(
        Spec,
        cwd=tree,
        env=child_environment(tree),
        repeat=settings.repeat,
        timeout_s=DEFAULT_TIMEOUT_S,
    )

    def cold_reviewbot() -> None:
        remove_reviewbot_cache(tree)

    def cold_ruff() -> None:
        shutil.rmtree(ruff_cache, ignore_errors=True)

    specs = [
        new_spec(
            "parse-floor",
            (tools.python, "-c", PARSE_FLOOR_SCRIPT, str(tree)),
            ok_codes=frozenset({0}),
        ),
        new_spec("reviewbot-cold", (*reviewbot, "--no-cache"), before_each=cold_reviewbot),
        new_spec("reviewbot-warm", reviewbot, warmups=1, before_warmup=cold_reviewbot),
        new_spec("ruff-cold", (*ruff, "--no-cache", str(tree))),
        new_spec("ruff-cached", (*ruff, str(tree)), warmups=1, before_warmup=cold_ruff),
        new_spec(
            "fixit",
            (tools.fixit, "lint", str(tree)),
            repeat=settings.fixit_repeat,
            timeout_s=settings.fixit_timeout_s,
            ok_codes=frozenset(range(256)),
        ),
    ]
    return [spec for spec in specs if spec.name not in settings.skip]


def progress(message: str) -> None:
    """Report progress on stderr, so stdout holds only the results."""
    print(f"  {message}", file=sys.stderr, flush=True)


@contextlib.contextmanager
def workdir_lock(workdir: Path) -> Iterator[None]:
    """Hold ``WORKDIR/.lock`` for the whole run, or exit when another run holds it.

    Two runs in one workdir share the corpus and its caches, and each would time the other's work.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    with (workdir / ".lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            sys.exit(f"another speed.py run is using {workdir}: wait for it, or pass --workdir")
        yield


def run_benchmark(settings: Settings) -> tuple[Corpus, Tools, dict[str, Measurement]]:
    """Fetch the corpus and run every measurement on it."""
    corpus = fetch_corpus(settings.django_version, settings.workdir)
    progress(f"corpus {corpus.tree}: {corpus.python_files} files, {corpus.lines} lines")
    tools = locate_tools(fixit="fixit" not in settings.skip)
    logs = settings.workdir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    measured = [measure(spec, logs, progress) for spec in build_specs(tools, corpus, settings)]
    remove_reviewbot_cache(corpus.tree)
    # Read the tools' output only now: parsing ruff's large JSON report grows this process,
    # and a child spawned after that would inherit the high-water mark in its ru_maxrss.
    return corpus, tools, {measurement.name: annotate(measurement) for measurement in measured}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark, print the table and verdicts, and write the JSON results."""
    settings = parse_settings(argv)
    with workdir_lock(settings.workdir):
        corpus, tools, results = run_benchmark(settings)
    found, rules = checks(results), count_rules(tools, corpus.tree)
    sections = [
        render_table(corpus, results),
        render_checks(found, rules),
        render_notes(results),
        busy_warning(results),
    ]
    print("\n\n".join(section for section in sections if section))
    context = {
        "machine": machine_description(),
        "versions": tool_versions(tools, corpus.tree),
        "settings": {
            **asdict(settings),
            "workdir": str(settings.workdir),
            "output": str(settings.output),
        },
        "rules": rules,
    }
    document = to_json(corpus, results, found, context)
    settings.output.write_text(json.dumps(document, indent=2) + "\n")
    print(f"\nResults written to {settings.output}")
    return 0 if all(measurement.ok for measurement in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
