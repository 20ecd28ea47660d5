"""Fan file analysis out over a process pool, in size-balanced batches."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass

from reviewbot.config.model import FilePolicy
from reviewbot.pipeline.file_analysis import FileResult, analyze_bytes
from reviewbot.pipeline.project import NO_FACTS, ProjectFacts
from reviewbot.ruleset.registry import Registry, builtin_registry

Progress = Callable[[int], None]
_IN_PROCESS_LIMIT = 6  # below this many files a pool costs more than it saves
_BATCHES_PER_WORKER = 6


@dataclass(frozen=True)
class FileTask:
    """One file to analyse: its bytes, repo-relative path and effective policy."""

    raw: bytes
    path: str
    policy: FilePolicy
    facts: ProjectFacts = NO_FACTS


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
    with _pool(jobs, registry) as pool:
        futures: list[Future[list[FileResult]]] = [
            pool.submit(_analyze_batch, batch)
            for batch in _batches(tasks, jobs)
        ]
        for future in as_completed(futures):
            results = future.result()
            by_path.update((result.path, result) for result in results)
            if progress is not None:
                progress(len(results))
    return [by_path[task.path] for task in tasks]


def _serial(tasks: Sequence[FileTask], registry: Registry, progress: Progress | None) -> Iterator[FileResult]:
    for task in tasks:
        yield analyze_bytes(task.raw, task.path, task.policy, registry, task.facts)
        if progress is not None:
            progress(1)


def _batches(tasks: Sequence[FileTask], jobs: int) -> list[list[FileTask]]:
    """Largest files first, dealt round-robin, so batches finish at about the same time."""
    count = max(1, min(len(tasks), jobs * _BATCHES_PER_WORKER))
    batches: list[list[FileTask]] = [[] for _ in range(count)]
    ordered = sorted(tasks, key=lambda task: len(task.raw), reverse=True)
    for index, task in enumerate(ordered):
        batches[index % count].append(task)
    return [batch for batch in batches if batch]


# Set once per worker process by the pool's initializer (inherited without pickling on fork).
_WORKER_STATE: dict[str, Registry] = {}


def _pool(jobs: int, registry: Registry) -> ProcessPoolExecutor:
    """A pool whose workers share the parent's imports (fork) where the platform allows it."""
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context(method),
        initializer=_start_worker,
        initargs=(registry,),
    )


def _start_worker(registry: Registry) -> None:
    _WORKER_STATE["registry"] = registry


def _analyze_batch(batch: list[FileTask]) -> list[FileResult]:
    registry = _WORKER_STATE.get("registry") or builtin_registry()
    return [analyze_bytes(task.raw, task.path, task.policy, registry, task.facts) for task in batch]
