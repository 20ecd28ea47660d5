"""Benchmark: reviewing a 10-file change costs the same in a 50-file and a 2,000-file repository.

    python tests/benchmarks/review_scaling.py                # sizes 50 and 2000, 5 runs each
    python tests/benchmarks/review_scaling.py --sizes 50 500 2000 --repeat 3
    python tests/benchmarks/review_scaling.py --sizes 500 --changed 80 --cold-only \
        --against /path/to/old/.venv/bin/reviewbot

For each size it generates a repository of synthetic but realistic modules (dataclasses,
services with branches and loops, a few smells), commits it on ``main``, and makes a feature
branch that edits ``--changed`` minus one modules (default 9) and adds one. It then times
``reviewbot review --base main --format json`` as a child process: cold (``--no-cache``) and
warm (the cache filled by an earlier run), and prints the medians. ``--against`` times another
reviewbot executable (an older release) on the same repositories, its runs interleaved with this
one's so that load on the machine falls on both alike, and prints the ratio of the medians. Not
collected by pytest (no ``test_`` prefix).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

_ENV = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
}

FUNCTION = '''

def {name}(items: list[{model}], limit: int = {limit}) -> list[str]:
    """Summarise the {model} records above ``limit``."""
    found = []
    for item in items:
        if item.amount > limit and item.active:
            found.append(f"{{item.id}}: {{item.amount}}")
        elif item.amount < 0:
            raise ValueError(f"negative amount on {{item.id}}")
    return sorted(found)
'''

CLASS = """

@dataclass
class {model}:
    id: int
    amount: int
    active: bool = True
    tags: list[str] = field(default_factory=list)

    def label(self) -> str:
        if not self.tags:
            return str(self.id)
        return f"{{self.id}} ({{', '.join(self.tags)}})"
"""

ADDED = """

def {name}_report(items, seen=[]):
    report = ""
    for item in items:
        if item.id in seen:
            continue
        report += str(item)
        seen.append(item.id)
    return report
"""


def module_text(index: int, rng: random.Random) -> str:
    """One module: imports, a dataclass and four to seven functions."""
    model = f"Record{index}"
    header = (
        f'"""Module {index} of the synthetic service."""\n\n'
        "from __future__ import annotations\n\nfrom dataclasses import dataclass, field\n"
    )
    parts = [header, CLASS.format(model=model)]
    for number in range(rng.randint(4, 7)):
        parts.append(
            FUNCTION.format(name=f"summary_{index}_{number}", model=model, limit=rng.randint(1, 99))
        )
    return "".join(parts)


def git(root: Path, *args: str) -> None:
    """Run git quietly in ``root``."""
    env = {**os.environ, **_ENV}
    subprocess.run(
        ["git", "-C", str(root), "-c", "init.defaultBranch=main", *args],
        check=True,
        capture_output=True,
        env=env,
    )


def build_repository(root: Path, size: int, changed: int) -> None:
    """``size`` modules on ``main``; a feature branch changing ``changed`` of them."""
    rng = random.Random(size)
    for index in range(size):
        path = root / f"service/pkg{index // 50}/module_{index}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(module_text(index, rng), encoding="utf-8")
    (root / "pyproject.toml").write_text(
        '[tool.reviewbot]\npreset = "recommended"\n', encoding="utf-8"
    )
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "feature")
    for index in rng.sample(range(size), changed - 1):
        path = root / f"service/pkg{index // 50}/module_{index}.py"
        path.write_text(
            path.read_text(encoding="utf-8") + ADDED.format(name=f"m{index}"), encoding="utf-8"
        )
    (root / "service/new_feature.py").write_text(module_text(size, rng), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "feature")


def time_review(root: Path, command: Sequence[str], cold: bool) -> float:
    """Seconds for one ``reviewbot review`` run of ``command`` in ``root``."""
    arguments = [*command, "review", "--base", "main", "--format", "json"]
    if cold:
        arguments.append("--no-cache")
    started = time.perf_counter()
    done = subprocess.run(arguments, cwd=root, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{command[0]} review failed in {root}: {done.stderr.strip()}")
    return elapsed


def interleaved(
    root: Path, commands: Sequence[Sequence[str]], repeat: int, cold: bool
) -> list[float]:
    """The median time of each of ``commands``, their runs taken in turn."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(repeat):
        for index, command in enumerate(commands):
            times[index].append(time_review(root, command, cold))
    return [statistics.median(each) for each in times]


def measure(
    root: Path, commands: Sequence[Sequence[str]], repeat: int, cold_only: bool
) -> tuple[list[float], list[float] | None]:
    """Median cold times of each command in ``root``, and, unless ``cold_only``, the first
    command's warm time."""
    cold = interleaved(root, commands, repeat, cold=True)
    if cold_only:
        return cold, None
    own = commands[0]
    time_review(root, own, cold=False)  # fill the cache
    warm = [statistics.median(time_review(root, own, cold=False) for _ in range(repeat))]
    return cold, warm


def main(argv: Sequence[str] | None = None) -> int:
    """Build the repositories, time the reviews, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 2000])
    parser.add_argument("--changed", type=int, default=10, help="files the change touches")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cold-only", action="store_true", help="skip the warm runs")
    parser.add_argument("--against", type=Path, help="another reviewbot executable to compare")
    args = parser.parse_args(argv)
    commands: list[list[str]] = [[sys.executable, "-m", "reviewbot"]]
    if args.against is not None:
        commands.append([str(args.against)])
    print(f"reviewing a {args.changed}-file change (median of {args.repeat} runs, wall seconds)")
    header = f"{'repository':>12} | {'cold':>6} | {'warm':>6}"
    if args.against is not None:
        header += f" | {'cold, --against':>15} | {'ratio':>5}"
    print(header)
    with tempfile.TemporaryDirectory(prefix="reviewbot-scaling-") as folder:
        for size in args.sizes:
            root = Path(folder) / f"repo-{size}"
            root.mkdir(parents=True)
            build_repository(root, size, args.changed)
            cold, warm = measure(root, commands, args.repeat, args.cold_only)
            warm_text = "-" if warm is None else f"{warm[0]:6.2f}"
            row = f"{size:>7} files | {cold[0]:6.2f} | {warm_text:>6}"
            if args.against is not None:
                row += f" | {cold[1]:15.2f} | {cold[0] / cold[1]:5.2f}"
            print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
