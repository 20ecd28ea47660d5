"""Run a command as a child process and record what it cost: wall, CPU and peak memory.

CPU time is user + sys from ``os.wait4``, which includes every descendant the child reaped (a
process pool's workers). Peak memory is the larger of the child's own ``ru_maxrss`` and the
largest *sum* of VmRSS over its whole process tree, sampled from /proc every 50 ms, so that a
pool of workers alive at the same time is counted together.

Linux keeps ``ru_maxrss`` across ``execve``, and a child spawned with vfork starts from the
spawning process's high-water mark; so a child's ``ru_maxrss`` that does not exceed this
process's own peak says nothing about the child, and is dropped.

Each run also records the CPU time the rest of the machine used while it ran (busy time from
/proc/stat less the child's own), which tells a clean timing from one inflated by other work.
"""

from __future__ import annotations

import contextlib
import os
import re
import resource
import signal
import statistics
import subprocess
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SAMPLE_INTERVAL_S = 0.05
KIB = 1024
MIB = 1024 * 1024
STDERR_TAIL_CHARS = 2000

# Exit codes that mean "ran fine" for a linter (1 = it reported findings).
LINTER_OK_CODES = frozenset({0, 1})


@dataclass(frozen=True)
class Spec:
    """One measurement: a command, how often to run it, and what to do before the runs."""

    name: str
    argv: tuple[str, ...]
    cwd: Path
    env: Mapping[str, str]
    repeat: int
    timeout_s: float
    warmups: int = 0
    before_each: Callable[[], None] | None = None
    before_warmup: Callable[[], None] | None = None
    ok_codes: frozenset[int] = LINTER_OK_CODES


@dataclass(frozen=True)
class Run:
    """What one child process cost, and where its output went."""

    wall_s: float
    cpu_s: float
    peak_rss_main_mb: float | None  # None: not above the harness's own peak, so unknown
    peak_rss_tree_mb: float
    exit_code: int
    timed_out: bool
    stdout_path: str
    stderr_path: str
    foreign_cpu_s: float  # CPU time the rest of the machine used meanwhile: it inflates wall

    @property
    def peak_rss_mb(self) -> float:
        """The headline memory figure: the larger of the two peak measures."""
        return max(self.peak_rss_main_mb or 0.0, self.peak_rss_tree_mb)


@dataclass(frozen=True)
class Measurement:
    """The timed runs of one spec, and whatever the tool's own output told us."""

    name: str
    command: str
    runs: tuple[Run, ...]
    ok: bool
    notes: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def median(self, attribute: str) -> float:
        """Median over the runs of a numeric ``Run`` attribute."""
        return statistics.median(float(getattr(run, attribute)) for run in self.runs)

    @property
    def peak_rss_mb(self) -> float:
        """The largest peak memory of any run."""
        return max(run.peak_rss_mb for run in self.runs)

    @property
    def timed_out(self) -> bool:
        """Whether a run was killed at the time limit."""
        return any(run.timed_out for run in self.runs)


def tree_rss_kib(pid: int) -> int:
    """Sum of VmRSS over ``pid`` and all its descendants; processes already gone count 0."""
    return sum(_vm_rss_kib(member) for member in _process_tree(pid))


def _process_tree(pid: int) -> Iterator[int]:
    yield pid
    for child in _children(pid):
        yield from _process_tree(child)


def _children(pid: int) -> list[int]:
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return []
    return [child for task in tasks for child in _task_children(task)]


def _task_children(task: Path) -> list[int]:
    try:
        return [int(word) for word in (task / "children").read_text().split()]
    except OSError:  # the task ended while we looked
        return []


def _vm_rss_kib(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"^VmRSS:\s+(\d+)\s+kB", status, re.MULTILINE)
    return int(match.group(1)) if match else 0


class RssSampler:
    """A thread that keeps the largest process-tree RSS of one pid until stopped."""

    def __init__(self, pid: int) -> None:
        """Prepare to sample ``pid``; call ``start`` to begin."""
        self.pid = pid
        self.peak_kib = 0
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def start(self) -> None:
        """Start sampling in the background."""
        self._thread.start()

    def stop(self) -> int:
        """Stop sampling; return the peak in KiB."""
        self._stopped.set()
        self._thread.join()
        return self.peak_kib

    def _sample(self) -> None:
        while not self._stopped.is_set():
            self.peak_kib = max(self.peak_kib, tree_rss_kib(self.pid))
            self._stopped.wait(SAMPLE_INTERVAL_S)


def run_child(spec: Spec, log_stem: Path) -> Run:
    """Run ``spec.argv`` once with its output in log files; time it and measure its cost."""
    stdout_path, stderr_path = log_stem.with_suffix(".out"), log_stem.with_suffix(".err")
    timed_out = threading.Event()
    spawner_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    busy_before = machine_busy_s()
    with stdout_path.open("wb") as out, stderr_path.open("wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(spec.argv),
            cwd=spec.cwd,
            env=dict(spec.env),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        killer = threading.Timer(spec.timeout_s, _kill_group, (process.pid, timed_out))
        sampler = RssSampler(process.pid)
        killer.start()
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        killer.cancel()
        peak_tree_kib = sampler.stop()
        busy = machine_busy_s() - busy_before
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4, not by Popen
    return Run(
        wall_s=round(wall, 3),
        cpu_s=round(usage.ru_utime + usage.ru_stime, 3),
        peak_rss_main_mb=_mib(usage.ru_maxrss) if usage.ru_maxrss > spawner_kib else None,
        peak_rss_tree_mb=_mib(peak_tree_kib),
        exit_code=process.returncode,
        timed_out=timed_out.is_set(),
        stdout_path=str(stdout_path),
        stderr_path=str(stderr_path),
        foreign_cpu_s=round(max(0.0, busy - usage.ru_utime - usage.ru_stime), 2),
    )


def machine_busy_s() -> float:
    """CPU seconds all cores have spent busy since boot (not idle, not waiting for I/O)."""
    fields = [int(word) for word in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _mib(kib: int) -> float:
    return round(kib * KIB / MIB, 1)


def _kill_group(pid: int, flag: threading.Event) -> None:
    flag.set()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def measure(spec: Spec, logs: Path, progress: Callable[[str], None]) -> Measurement:
    """Warm up as asked, then time ``spec`` ``repeat`` times (stopping at a timeout)."""
    notes: list[str] = []
    for index in range(spec.warmups):
        if spec.before_warmup is not None:
            spec.before_warmup()
        progress(f"{spec.name}: warm-up run")
        warm = run_child(spec, logs / f"{spec.name}-warmup{index}")
        notes.extend(_problems(spec, warm, "warm-up"))
    runs: list[Run] = []
    for index in range(spec.repeat):
        if spec.before_each is not None:
            spec.before_each()
        run = run_child(spec, logs / f"{spec.name}-{index}")
        progress(f"{spec.name}: run {index + 1}/{spec.repeat}: {run.wall_s:.2f} s")
        runs.append(run)
        notes.extend(_problems(spec, run, f"run {index + 1}"))
        if run.timed_out:
            break
    ok = all(run.exit_code in spec.ok_codes and not run.timed_out for run in runs)
    return Measurement(spec.name, " ".join(spec.argv), tuple(runs), ok, tuple(notes))


def _problems(spec: Spec, run: Run, label: str) -> list[str]:
    if run.timed_out:
        return [f"{label}: timed out after {spec.timeout_s:.0f} s"]
    if run.exit_code in spec.ok_codes:
        return []
    tail = Path(run.stderr_path).read_text(errors="replace").strip()[-STDERR_TAIL_CHARS:]
    return [f"{label}: exit code {run.exit_code}; stderr tail:\n{tail}"]


def capture_stdout(argv: Sequence[str], cwd: Path, env: Mapping[str, str]) -> str | None:
    """Stdout of a short helper command, or None when it fails."""
    completed = subprocess.run(
        list(argv), cwd=cwd, env=dict(env), capture_output=True, text=True, check=False
    )
    return completed.stdout if completed.returncode == 0 else None
