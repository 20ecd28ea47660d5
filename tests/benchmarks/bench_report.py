"""Verdicts against the product's speed targets, and the table and JSON of a benchmark run."""

from __future__ import annotations

import datetime as dt
import operator
import os
import platform
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tests.benchmarks.bench_corpus import Corpus
from tests.benchmarks.bench_process import Measurement

# The product's targets: ratios of median wall times, and peak memory.
TARGET_COLD_OVER_FLOOR = 1.5
TARGET_FIXIT_OVER_COLD = 4.0
TARGET_WARM_OVER_RUFF = 3.0
TARGET_PEAK_MEMORY_MB = 500.0
# Other processes using more than this share of all cores during a run inflate its wall time.
FOREIGN_CPU_SHARE_LIMIT = 0.1
COMPARISONS: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le,
    "<": operator.lt,
    ">=": operator.ge,
}


@dataclass(frozen=True)
class Check:
    """One product target: the measured ratio or figure against its bound."""

    label: str
    value: float | None
    comparison: str  # a key of COMPARISONS: how value must relate to bound
    bound: float
    note: str = ""

    @property
    def verdict(self) -> str:
        """PASS, MISS, or UNKNOWN when a measurement behind it failed or did not run."""
        if self.value is None:
            return "UNKNOWN"
        return "PASS" if COMPARISONS[self.comparison](self.value, self.bound) else "MISS"


def checks(results: dict[str, Measurement]) -> list[Check]:
    """The product targets, computed from median wall times and peak memory."""
    fixit = results.get("fixit")
    fixit_note = "fixit timed out: a lower bound" if fixit and fixit.timed_out else ""
    return [
        Check(
            "reviewbot cold / parse floor (wall)",
            _ratio(results, "reviewbot-cold", "parse-floor"),
            "<=",
            TARGET_COLD_OVER_FLOOR,
        ),
        Check(
            "fixit / reviewbot cold (wall)",
            _ratio(results, "fixit", "reviewbot-cold"),
            ">=",
            TARGET_FIXIT_OVER_COLD,
            note=fixit_note,
        ),
        Check(
            "reviewbot warm / ruff cached (wall)",
            _ratio(results, "reviewbot-warm", "ruff-cached"),
            "<=",
            TARGET_WARM_OVER_RUFF,
        ),
        Check(
            "reviewbot peak memory, MB (cold and warm)",
            _reviewbot_peak(results),
            "<",
            TARGET_PEAK_MEMORY_MB,
        ),
    ]


def _usable(results: dict[str, Measurement], name: str) -> Measurement | None:
    """A measurement whose median means something: it ran, and ran fine or hit its timeout."""
    measurement = results.get(name)
    if measurement is None or not measurement.runs:
        return None
    return measurement if measurement.ok or measurement.timed_out else None


def _ratio(results: dict[str, Measurement], top: str, bottom: str) -> float | None:
    numerator, denominator = _usable(results, top), _usable(results, bottom)
    if numerator is None or denominator is None:
        return None
    return round(numerator.median("wall_s") / denominator.median("wall_s"), 2)


def _reviewbot_peak(results: dict[str, Measurement]) -> float | None:
    measured = [_usable(results, name) for name in ("reviewbot-cold", "reviewbot-warm")]
    peaks = [measurement.peak_rss_mb for measurement in measured if measurement is not None]
    return max(peaks) if peaks else None


def render_table(corpus: Corpus, results: dict[str, Measurement]) -> str:
    """A plain-text table of the medians, one row per measurement."""
    header = f"{'measurement':<16} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'runs':>5}  notes"
    title = (
        f"Corpus: Django {corpus.django_version} {corpus.tree.name}/: {corpus.python_files} "
        f"Python files, {corpus.lines} lines, {corpus.mebibytes} MiB"
    )
    rows = [_table_row(measurement) for measurement in results.values()]
    return "\n".join([title, "", header, "-" * len(header), *rows])


def _table_row(measurement: Measurement) -> str:
    if not measurement.runs:
        return f"{measurement.name:<16} {'-':>8} {'-':>8} {'-':>8} {0:>5}  not run"
    return (
        f"{measurement.name:<16} {measurement.median('wall_s'):>8.2f} "
        f"{measurement.median('cpu_s'):>8.2f} {measurement.peak_rss_mb:>8.0f} "
        f"{len(measurement.runs):>5}  {_row_note(measurement)}"
    )


def _row_note(measurement: Measurement) -> str:
    extra = measurement.extra
    parts = [] if measurement.ok or measurement.timed_out else ["FAILED (see notes)"]
    if measurement.timed_out:
        parts.append("TIMED OUT")
    if extra.get("parse_seconds_median") is not None:
        parts.append(f"in-process parse {extra['parse_seconds_median']:.2f} s")
    if "findings" in extra:
        parts.append(f"{extra['findings']} findings")
    if extra.get("crashed_files"):
        parts.append(f"{extra['crashed_files']} files crashed")
    if "unreadable_output" in extra:
        parts.append(f"output unreadable: {extra['unreadable_output']}")
    return "; ".join(parts)


def render_checks(found: list[Check], rules: dict[str, int | str]) -> str:
    """The targets with their verdicts, and the rule counts."""
    lines = ["Targets (ratios of median wall time):"]
    for check in found:
        value = "n/a" if check.value is None else f"{check.value:.2f}"
        bound = f"{check.comparison} {check.bound:g}"
        note = f"  ({check.note})" if check.note else ""
        lines.append(f"  {check.label:<42} {value:>8}  target {bound:<6} {check.verdict}{note}")
    lines.append("")
    lines.append(
        f"Rules: reviewbot enables {rules['reviewbot_enabled']} with --isolated "
        f"({rules['reviewbot_enabled_own']} of its own RB rules, the rest ruff's; "
        f"`reviewbot rules` lists {rules['reviewbot_listed']}); "
        f"fixit enables {rules['fixit_enabled']}"
    )
    return "\n".join(lines)


def render_notes(results: dict[str, Measurement]) -> str:
    """Every failure, timeout and crash the runs reported, or nothing."""
    lines: list[str] = []
    for measurement in results.values():
        lines.extend(f"[{measurement.name}] {note}" for note in measurement.notes)
        crashes = measurement.extra.get("crashes", [])
        lines.extend(f"[{measurement.name}] crashed on {crash}" for crash in crashes)
    return "\n".join(["Notes:", *lines]) if lines else ""


def to_json(
    corpus: Corpus, results: dict[str, Measurement], found: list[Check], context: dict[str, Any]
) -> dict[str, Any]:
    """Everything measured, as one JSON-ready document."""
    return {
        **context,
        "corpus": {**asdict(corpus), "tree": str(corpus.tree)},
        "measurements": {name: _measurement_json(m) for name, m in results.items()},
        "targets": [{**asdict(check), "verdict": check.verdict} for check in found],
    }


def _measurement_json(measurement: Measurement) -> dict[str, Any]:
    medians: dict[str, Any] = {"median_wall_s": None, "median_cpu_s": None, "peak_rss_mb": None}
    if measurement.runs:
        medians = {
            "median_wall_s": measurement.median("wall_s"),
            "median_cpu_s": measurement.median("cpu_s"),
            "peak_rss_mb": measurement.peak_rss_mb,
        }
    return {**asdict(measurement), **medians}


def machine_description() -> dict[str, Any]:
    """When and where the numbers were taken."""
    return {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "cpu_model": _cpu_model(),
    }


def _cpu_model() -> str:
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or "unknown"
    match = re.search(r"^model name\s*:\s*(.*)$", cpuinfo, re.MULTILINE)
    return match.group(1).strip() if match else "unknown"


def busy_warning(results: dict[str, Measurement]) -> str:
    """A warning naming the runs that shared the machine with other work, else nothing."""
    cores = os.cpu_count() or 1
    disturbed = [
        f"{measurement.name} #{index} ({run.foreign_cpu_s / run.wall_s / cores:.0%})"
        for measurement in results.values()
        for index, run in enumerate(measurement.runs, start=1)
        if run.foreign_cpu_s > FOREIGN_CPU_SHARE_LIMIT * run.wall_s * cores
    ]
    if not disturbed:
        return ""
    return (
        f"WARNING: other processes used more than {FOREIGN_CPU_SHARE_LIMIT:.0%} of the machine "
        f"during {', '.join(disturbed)}; those wall times are inflated. Rerun on an idle machine."
    )
