"""Fan file analysis out over a process pool, one file per task, largest first, within budgets.

Each file is its own task, so progress advances with every file that completes; what all files
share (the registry, the few distinct policies and facts) goes to each worker once, at its start.

Every file's analysis runs within its time budget (``limits.file-seconds``), in a worker and in
the main process alike: a CPU-time timer (``ITIMER_PROF``) raises inside the analysis when the
budget is spent, and the file gets one ANALYSIS_SKIPPED finding instead. The timer checks only
while Python code runs, so one long call into native code (libcst's parser) finishes first; the
size budget (``limits.file-bytes``, checked before analysis by :mod:`reviewbot.pipeline.analyse`)
bounds those. Where the platform has no ``setitimer`` (Windows), or off the main thread, the time
budget is not enforced.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass

from reviewbot.config.model import FilePolicy
from reviewbot.config.roles import Role
from reviewbot.findings import Finding, Location
from reviewbot.fingerprint import file_fingerprint
from reviewbot.pipeline.file_analysis import FileResult, analyze_bytes
from reviewbot.pipeline.project import NO_FACTS, ProjectFacts
from reviewbot.ruleset.internal_codes import ANALYSIS_SKIPPED, INTERNAL_RULES
from reviewbot.ruleset.registry import Registry

Progress = Callable[[int], None]
_IN_PROCESS_LIMIT = 6  # below this many files a pool costs more than it saves


@dataclass(frozen=True)
class FileTask:
    """One file to analyse: its bytes, repo-relative path, effective policy and role."""

    raw: bytes
    path: str
    policy: FilePolicy
    facts: ProjectFacts = NO_FACTS
    role: Role = Role.SOURCE


def default_jobs() -> int:
    """All cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def analyze_files(
    tasks: Sequence[FileTask], jobs: int, registry: Registry, progress: Progress | None = None
) -> list[FileResult]:
    """Analyse every task, in parallel when it pays; results in the order of ``tasks``."""
    if jobs <= 1 or len(tasks) < _IN_PROCESS_LIMIT:
        return list(_serial(tasks, registry, progress))
    by_path: dict[str, FileResult] = {}
    shared, jobs_in_order = _shared_and_jobs(tasks, registry)
    with _pool(jobs, shared) as pool:
        futures: list[Future[FileResult]] = [
            pool.submit(_analyze_in_worker, job) for job in jobs_in_order
        ]
        for future in as_completed(futures):
            result = future.result()
            by_path[result.path] = result
            if progress is not None:
                progress(1)
    return [by_path[task.path] for task in tasks]


def _serial(
    tasks: Sequence[FileTask], registry: Registry, progress: Progress | None
) -> Iterator[FileResult]:
    for task in tasks:
        yield analyze_within_budget(task, registry)
        if progress is not None:
            progress(1)


@dataclass(frozen=True)
class _Shared:
    """What every worker receives once, when it starts: the registry and each distinct pair of
    file policy and project facts (a few per run, however many files)."""

    registry: Registry
    contexts: tuple[tuple[FilePolicy, ProjectFacts], ...]


@dataclass(frozen=True)
class _FileJob:
    """What crosses to a worker for one file: its bytes, path, context's index and role."""

    raw: bytes
    path: str
    context: int
    role: Role


def _shared_and_jobs(
    tasks: Sequence[FileTask], registry: Registry
) -> tuple[_Shared, list[_FileJob]]:
    """One job per file, largest first: the pool hands jobs out in order, so the long ones
    start first and none runs alone at the end. Policies and facts go to each worker once."""
    index: dict[tuple[int, int], int] = {}
    contexts: list[tuple[FilePolicy, ProjectFacts]] = []
    jobs: list[_FileJob] = []
    for task in sorted(tasks, key=lambda task: len(task.raw), reverse=True):
        key = (id(task.policy), id(task.facts))  # the tasks keep both alive meanwhile
        if key not in index:
            index[key] = len(contexts)
            contexts.append((task.policy, task.facts))
        jobs.append(_FileJob(task.raw, task.path, index[key], task.role))
    return _Shared(registry, tuple(contexts)), jobs


# Set once per worker process by the pool's initializer (inherited without pickling on fork).
_WORKER_STATE: list[_Shared] = []


def _pool(jobs: int, shared: _Shared) -> ProcessPoolExecutor:
    """A pool whose workers share the parent's imports (fork) where the platform allows it."""
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context(method),
        initializer=_start_worker,
        initargs=(shared,),
    )


def _start_worker(shared: _Shared) -> None:
    _WORKER_STATE[:] = [shared]


def _analyze_in_worker(job: _FileJob) -> FileResult:
    shared = _WORKER_STATE[0]
    policy, facts = shared.contexts[job.context]
    task = FileTask(job.raw, job.path, policy, facts, job.role)
    return analyze_within_budget(task, shared.registry)


# The time budget: a CPU-time timer whose handler raises _OverBudget while a file is analysed.
_CAN_TIME = hasattr(signal, "setitimer") and hasattr(signal, "SIGPROF")
_REPEAT = 0.1  # CPU seconds between further signals, should code swallow the first exception
_ARMED = [False]


class _OverBudget(BaseException):
    """Raised inside a file's analysis when its time budget is spent (not an ``Exception``, so
    the walker's guard against crashing rules does not catch it)."""


def _on_timer(_signum: int, _frame: object) -> None:
    if _ARMED[0]:
        raise _OverBudget


def _analyze(task: FileTask, registry: Registry) -> FileResult:
    return analyze_bytes(task.raw, task.path, task.policy, registry, task.facts, task.role)


def analyze_within_budget(task: FileTask, registry: Registry) -> FileResult:
    """Analyse one task; an ANALYSIS_SKIPPED result if it outlasts ``limits.file-seconds``."""
    seconds = task.policy.limits.file_seconds
    if seconds is None or not _can_time():
        return _analyze(task, registry)
    previous = signal.signal(signal.SIGPROF, _on_timer)
    try:
        try:
            _ARMED[0] = True
            signal.setitimer(signal.ITIMER_PROF, seconds, _REPEAT)
            return _analyze(task, registry)
        finally:
            _ARMED[0] = False  # first, and no call before it: the handler raises no more
            signal.setitimer(signal.ITIMER_PROF, 0)
    except _OverBudget:
        problem = (
            f"its analysis used more than {seconds:g} s of CPU time, "
            "the budget (limits.file-seconds)"
        )
        return skipped_result(task.path, problem)
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def _can_time() -> bool:
    """Whether the time budget can be enforced here: signal handlers need the main thread."""
    return _CAN_TIME and threading.current_thread() is threading.main_thread()


def size_skipped(raw: bytes, path: str, policy: FilePolicy) -> FileResult | None:
    """An ANALYSIS_SKIPPED result if ``raw`` is over ``limits.file-bytes``, else None."""
    budget = policy.limits.file_bytes
    if budget is None or len(raw) <= budget:
        return None
    problem = f"it is {len(raw):,} bytes, over the budget of {budget:,} (limits.file-bytes)"
    return skipped_result(path, problem)


def skipped_result(path: str, problem: str) -> FileResult:
    """The result of a file reviewbot's rules and metrics did not analyse: one finding why."""
    info = INTERNAL_RULES[ANALYSIS_SKIPPED]
    finding = Finding(
        rule=ANALYSIS_SKIPPED,
        category=info.category,
        severity=info.severity,
        path=path,
        location=Location(1, 1, 1, 1),
        message=f"reviewbot's rules and metrics skipped {path}: {problem}; ruff's rules still ran",
        rationale=(
            "A file over its budget is not analysed, so no file stalls the run; raise the budget "
            "in [limits] (or set it to false) to analyse it."
        ),
        fingerprint=file_fingerprint(ANALYSIS_SKIPPED, path),
    )
    return FileResult(path, (finding,))


def is_skipped(result: FileResult) -> bool:
    """Whether ``result`` stands for a file skipped over a budget (never cached)."""
    return any(finding.rule == ANALYSIS_SKIPPED for finding in result.findings)
