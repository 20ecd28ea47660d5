"""The tools under test: where their executables are, and what their output says."""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ruff.__main__ import find_ruff_bin  # type: ignore[import-untyped,unused-ignore]

from tests.benchmarks.bench_process import Measurement, capture_stdout

# The parse floor: one process reads every file first, then times only the parse loop.
PARSE_FLOOR_SCRIPT = """
import json, os, sys, time
import libcst

paths = sorted(
    os.path.join(folder, name)
    for folder, _, names in os.walk(sys.argv[1])
    for name in names
    if name.endswith(".py")
)
sources = []
for path in paths:
    with open(path, "rb") as stream:
        sources.append(stream.read())
errors = 0
start = time.perf_counter()
for source in sources:
    try:
        libcst.parse_module(source)
    except libcst.ParserSyntaxError:
        errors += 1
elapsed = time.perf_counter() - start
print(json.dumps({"files": len(sources), "parse_seconds": elapsed, "parse_errors": errors}))
"""

# fixit's own config resolution, as `fixit lint` does it for a file of the tree.
FIXIT_RULE_COUNT_SCRIPT = """
import sys
from pathlib import Path
from fixit.config import collect_rules, generate_config

print(len(collect_rules(generate_config(Path(sys.argv[1]).resolve()))))
"""

LIBCST_VERSION_SCRIPT = "import importlib.metadata as m; print(m.version('libcst'))"
TOP_RULES = 15
CRASHES_KEPT = 20


@dataclass(frozen=True)
class Tools:
    """Paths of the executables under test."""

    python: str
    reviewbot: str
    ruff: str
    fixit: str  # empty when fixit is not measured


def locate_tools(*, fixit: bool = True) -> Tools:
    """The reviewbot and fixit scripts beside this interpreter, and ruff from its wheel;
    ``fixit=False`` (``--skip fixit``) does not look for fixit, which may be missing then."""
    scripts = Path(sys.executable).parent
    return Tools(
        python=sys.executable,
        reviewbot=_script(scripts, "reviewbot"),
        ruff=str(find_ruff_bin()),
        fixit=_script(scripts, "fixit") if fixit else "",
    )


def _script(folder: Path, name: str) -> str:
    candidate = folder / name
    if candidate.exists():
        return str(candidate)
    found = shutil.which(name)
    if found is None:
        sys.exit(f"{name} is not installed beside {sys.executable} nor on PATH")
    return found


def child_environment(tree: Path) -> dict[str, str]:
    """The environment for every tool: git must not find a repository above the corpus.

    The default workdir lies inside reviewbot's own checkout, where it is gitignored; without a
    ceiling, reviewbot's git-aware discovery would skip the whole corpus as ignored files.
    """
    return {**os.environ, "GIT_CEILING_DIRECTORIES": str(tree.resolve().parent)}


def annotate(measurement: Measurement) -> Measurement:
    """Add what the tool's own output says: findings, crashes, in-process time."""
    readers: dict[str, Callable[[str], dict[str, Any]]] = {
        "parse-floor": _read_parse_floor,
        "reviewbot-cold": _read_reviewbot,
        "reviewbot-warm": _read_reviewbot,
        "ruff-cold": _read_ruff,
        "ruff-cached": _read_ruff,
        "fixit": _read_fixit,
    }
    reader = readers.get(measurement.name)
    if reader is None or not measurement.ok:
        return measurement
    stdout = Path(measurement.runs[-1].stdout_path).read_text(errors="replace")
    try:
        extra = reader(stdout)
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        extra = {"unreadable_output": f"{type(error).__name__}: {error}"}
    if measurement.name == "parse-floor":
        extra["parse_seconds_median"] = _median_parse_seconds(measurement)
    return replace(measurement, extra=extra)


def _read_parse_floor(stdout: str) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(stdout)
    return parsed


def _median_parse_seconds(measurement: Measurement) -> float | None:
    times = [
        float(_read_parse_floor(Path(run.stdout_path).read_text())["parse_seconds"])
        for run in measurement.runs
        if run.exit_code == 0
    ]
    return round(statistics.median(times), 3) if times else None


def _read_reviewbot(stdout: str) -> dict[str, Any]:
    report = json.loads(stdout)
    by_rule = Counter(str(finding["rule"]) for finding in report["findings"])
    return {
        "findings": len(report["findings"]),
        "summary": report.get("summary"),
        "top_rules": dict(by_rule.most_common(TOP_RULES)),
    }


def _read_ruff(stdout: str) -> dict[str, Any]:
    return {"findings": len(json.loads(stdout))}


def _read_fixit(stdout: str) -> dict[str, Any]:
    violations = re.findall(r"^\S+@\d+:\d+ (\w+): ", stdout, re.MULTILINE)
    crashes = re.findall(r"^(\S+): EXCEPTION: (.*)$", stdout, re.MULTILINE)
    return {
        "findings": len(violations),
        "crashed_files": len(crashes),
        "crashes": [f"{path}: {error}" for path, error in crashes[:CRASHES_KEPT]],
    }


def count_rules(tools: Tools, tree: Path) -> dict[str, int | str]:
    """Rule counts: what ``reviewbot rules`` lists, what reviewbot enables, what fixit enables.

    reviewbot's enabled set (``reviewbot config --isolated``) is its own RB rules the preset
    selects plus the ruff rules it runs; fixit's comes from fixit's own config resolution.
    """
    env = child_environment(tree)
    listing = capture_stdout([tools.reviewbot, "rules"], tree, env) or ""
    policy = capture_stdout([tools.reviewbot, "config", "--isolated", str(tree)], tree, env) or ""
    enabled = re.search(r"^rules \((\d+) enabled\)", policy, re.MULTILINE)
    fixit = capture_stdout([tools.python, "-c", FIXIT_RULE_COUNT_SCRIPT, str(tree)], tree, env)
    counts: dict[str, int | str] = {
        "reviewbot_listed": len(re.findall(r"^[A-Z]+\d+\s", listing, re.MULTILINE)),
        "reviewbot_enabled": int(enabled.group(1)) if enabled else 0,
        "reviewbot_enabled_own": len(re.findall(r"^\s+RB\d+\s", policy, re.MULTILINE)),
        "fixit_enabled": int(fixit) if fixit and fixit.strip().isdigit() else 0,
    }
    return {name: count or "unknown" for name, count in counts.items()}


def tool_versions(tools: Tools, tree: Path) -> dict[str, str]:
    """The ``--version`` line of each tool, and libcst's version."""
    commands = {
        "python": [tools.python, "--version"],
        "reviewbot": [tools.reviewbot, "--version"],
        "ruff": [tools.ruff, "--version"],
        "fixit": [tools.fixit, "--version"],
        "libcst": [tools.python, "-c", LIBCST_VERSION_SCRIPT],
    }
    if not tools.fixit:
        del commands["fixit"]
    env = child_environment(tree)
    return {
        name: (capture_stdout(argv, tree, env) or "unknown").strip()
        for name, argv in commands.items()
    }
