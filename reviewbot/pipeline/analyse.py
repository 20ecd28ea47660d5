"""Analyse many files: read them, reuse cached results, fan the rest out to worker processes.

A file over its size budget (``limits.file-bytes``) is skipped before the cache is asked, and a
file skipped for either budget is never cached: changing a budget (or a quieter machine, for the
time budget) takes effect on the next run, and a result once analysed is reused whatever the
budgets, since they only decide whether a file is analysed, not what the analysis finds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reviewbot.config.model import FilePolicy
from reviewbot.pipeline.cache import ResultCache, cache_key, committed_cache
from reviewbot.pipeline.discover import SourceFile
from reviewbot.pipeline.file_analysis import FileResult, read_error
from reviewbot.pipeline.project import NO_FACTS, ProjectFacts, facts_used_by
from reviewbot.pipeline.scheduler import (
    FileTask,
    analyze_files,
    default_jobs,
    is_skipped,
    size_skipped,
)
from reviewbot.pipeline.session import Session
from reviewbot.roles.classify import HEAD_CHARS, SOURCE, RoleVerdict

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class AnalysedFile:
    """One file's analysis with its bytes (ruff findings and the review need the text)."""

    source_file: SourceFile
    raw: bytes
    result: FileResult
    role: RoleVerdict = SOURCE


def analyse(
    session: Session,
    files: Sequence[SourceFile],
    policy_for: Callable[[str], FilePolicy],
    *,
    jobs: int = 0,
    use_cache: bool = True,
    progress: Progress | None = None,
    facts: ProjectFacts = NO_FACTS,
) -> list[AnalysedFile]:
    """Analyse ``files`` in order, reusing cached results for unchanged path, content and policy."""
    raws, results = _read_all(files, policy_for)
    roles = {f.relative: file_role(session, f, raws.get(f.relative, b"")) for f in files}
    facts_for = _facts_for(session, facts)
    keys = {
        path: cache_key(
            path,
            raw,
            f"{policy_key(policy_for(path))}/{roles[path].role.value}",
            session.version_key,
            facts_for(policy_for(path)).used,
        )
        for path, raw in raws.items()
        if path not in results
    }
    root = session.policy.root
    cache = ResultCache(root) if use_cache and not committed_cache(root) else None
    if cache is not None:
        results.update(cache.get_many(list(keys.values())))
    tasks = [
        FileTask(raw, path, policy_for(path), facts_for(policy_for(path)), roles[path].role)
        for path, raw in raws.items()
        if path not in results
    ]
    advance = _counter(progress, len(files) - len(tasks), len(files))
    fresh = analyze_files(tasks, jobs or default_jobs(), session.registry, advance)
    results.update((result.path, result) for result in fresh)
    if cache is not None:
        cache.put_many((keys[r.path], r) for r in fresh if not is_skipped(r))
        cache.close()
    return [
        AnalysedFile(f, raws.get(f.relative, b""), results[f.relative], roles[f.relative])
        for f in files
    ]


def file_role(session: Session, source_file: SourceFile, raw: bytes) -> RoleVerdict:
    """The file's role, from its path anchored where the config's globs are (as ``exclude``
    and ``[[overrides]]`` are) and its first bytes."""
    head = raw[:HEAD_CHARS].decode("utf-8", errors="replace")
    return session.file_role(source_file.absolute, source_file.relative, head)


def _read_all(
    files: Sequence[SourceFile], policy_for: Callable[[str], FilePolicy]
) -> tuple[dict[str, bytes], dict[str, FileResult]]:
    """Every readable file's bytes, and the results known without analysis: a READ_ERROR for a
    file that could not be read, an ANALYSIS_SKIPPED for one over its size budget."""
    raws: dict[str, bytes] = {}
    results: dict[str, FileResult] = {}
    for source_file in files:
        path = source_file.relative
        raw = _read(source_file)
        if not isinstance(raw, bytes):
            results[path] = FileResult(path, (read_error(path, raw),))
            continue
        raws[path] = raw
        over = size_skipped(raw, path, policy_for(path))
        if over is not None:
            results[path] = over
    return raws, results


def _facts_for(session: Session, facts: ProjectFacts) -> Callable[[FilePolicy], ProjectFacts]:
    """A memoised lookup: the facts a file policy's enabled rules declare."""
    known: dict[int, tuple[FilePolicy, ProjectFacts]] = {}

    def facts_for(policy: FilePolicy) -> ProjectFacts:
        found = known.get(id(policy))
        if found is None or found[0] is not policy:
            found = known[id(policy)] = (
                policy,
                facts_used_by(session.registry, policy.rules, facts),
            )
        return found[1]

    return facts_for


_POLICY_KEYS: dict[int, tuple[FilePolicy, str]] = {}


def policy_key(policy: FilePolicy) -> str:
    """A digest of everything in a file policy that changes per-file results."""
    known = _POLICY_KEYS.get(id(policy))
    if known is not None and known[0] is policy:
        return known[1]
    parts = [repr(policy.thresholds), repr(policy.loop_sizes)]
    parts += sorted(
        f"{s.code}:{s.category.value}:{s.severity.value}" for s in policy.rules.values()
    )
    key = hashlib.blake2b("\n".join(parts).encode(), digest_size=12).hexdigest()
    _POLICY_KEYS[id(policy)] = (policy, key)
    return key


def _counter(progress: Progress | None, done: int, total: int) -> Callable[[int], None] | None:
    if progress is None:
        return None
    state = [done]
    progress(done, total)

    def advance(count: int) -> None:
        state[0] += count
        progress(state[0], total)

    return advance


def _read(source_file: SourceFile) -> bytes | str:
    """The file's bytes (those handed over for a buffer read from stdin), or why they could
    not be read."""
    if source_file.content is not None:
        return source_file.content
    try:
        return source_file.absolute.read_bytes()
    except OSError as error:
        return f"could not be read: {error.strerror or error}"
