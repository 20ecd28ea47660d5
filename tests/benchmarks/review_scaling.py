"""Benchmark: reviewing a 10-file change costs the same in a 50-file and a 2,000-file repository.

    python tests/benchmarks/review_scaling.py                # sizes 50 and 2000, 5 runs each
    python tests/benchmarks/review_scaling.py --sizes 50 500 2000 --repeat 3

For each size it generates a repository of synthetic but realistic modules (dataclasses,
services with branches and loops, a few smells), commits it on ``main``, and makes a feature
branch that edits 9 modules and adds one. It then times ``reviewbot review --base main --format
json`` as a child process: cold (``--no-cache``) and warm (the cache filled by an earlier run),
and prints the medians. Not collected by pytest (no ``test_`` prefix).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

CHANGED = 10
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


def build_repository(root: Path, size: int) -> None:
    """``size`` modules on ``main``; a feature branch changing ``CHANGED`` of them."""
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
    for index in rng.sample(range(size), CHANGED - 1):
        path = root / f"service/pkg{index // 50}/module_{index}.py"
        path.write_text(
            path.read_text(encoding="utf-8") + ADDED.format(name=f"m{index}"), encoding="utf-8"
        )
    (root / "service/new_feature.py").write_text(module_text(size, rng), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "feature")


def time_review(root: Path, cold: bool) -> float:
    """Seconds for one ``reviewbot review`` run in ``root``."""
    command = [sys.executable, "-m", "reviewbot", "review", "--base", "main", "--format", "json"]
    if cold:
        command.append("--no-cache")
    started = time.perf_counter()
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"reviewbot review failed in {root}: {done.stderr.strip()}")
    return elapsed


def measure(size: int, repeat: int, workdir: Path) -> tuple[float, float]:
    """Median cold and warm review times for a repository of ``size`` modules."""
    root = workdir / f"repo-{size}"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    build_repository(root, size)
    cold = statistics.median(time_review(root, cold=True) for _ in range(repeat))
    time_review(root, cold=False)  # fill the cache
    warm = statistics.median(time_review(root, cold=False) for _ in range(repeat))
    return cold, warm


def main(argv: Sequence[str] | None = None) -> int:
    """Build the repositories, time the reviews, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 2000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    print(f"reviewing a {CHANGED}-file change (median of {args.repeat} runs, wall seconds)")
    print(f"{'repository':>12} | {'cold':>6} | {'warm':>6}")
    with tempfile.TemporaryDirectory(prefix="reviewbot-scaling-") as folder:
        for size in args.sizes:
            cold, warm = measure(size, args.repeat, Path(folder))
            print(f"{size:>7} files | {cold:6.2f} | {warm:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
