"""The stage chain every command runs on a set of files: analyse → ruff → suppress → dedupe.

``check`` (whole tree, ``--base``, ``--staged``), ``baseline``, ``fix`` and both sides of a
review all go through :func:`start_analysis` and :func:`finish_analysis`: ruff starts first and
runs in the background while libcst and the metrics analyse the files (from the cache where the
content, path, policy and versions match), then ruff's diagnostics join them, each file's
suppression comments apply to all its findings (and a ruff ``# noqa: C901`` to the reviewbot
rules that answer to it), and a reviewbot finding that an overlapping
ruff rule also reports is dropped, and findings of a rule the file's role ignores (a test's
``assert``) are set apart as ``dropped``, with why. The facts that span files (:mod:`reviewbot.pipeline.project`)
are built once, before the files are analysed, and handed to the rules that declare them. Codes asked for beyond the selection (the review's TD003, for
the new-TODO check) come back apart, as ``extra``, and never reach the findings by that road.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from reviewbot.config.model import FilePolicy, RuleSettings
from reviewbot.dropped import Dropped
from reviewbot.findings import Category, Finding, Severity
from reviewbot.metrics.model import FunctionMetrics
from reviewbot.pipeline.analyse import AnalysedFile, analyse
from reviewbot.pipeline.cache import CACHE_DIR, committed_cache, prepare_cache_directory
from reviewbot.pipeline.dedupe import drop_ruff_duplicates
from reviewbot.pipeline.discover import SourceFile
from reviewbot.pipeline.file_analysis import FileResult
from reviewbot.pipeline.loop_walks import apply_loop_walks
from reviewbot.pipeline.noqa import honour_noqa
from reviewbot.pipeline.project import (
    NO_FACTS,
    FactSource,
    ProjectFacts,
    build_facts,
    declared_facts,
)
from reviewbot.pipeline.ruff_findings import ruff_findings
from reviewbot.pipeline.ruff_judgement import judge_ruff_findings
from reviewbot.pipeline.ruff_run import RuffRun, start_ruff, start_ruff_stdin
from reviewbot.pipeline.scheduler import is_skipped
from reviewbot.pipeline.session import Session
from reviewbot.pipeline.stances import apply_stances
from reviewbot.pipeline.suppress import apply_suppressions
from reviewbot.pipeline.suppression import Directive
from reviewbot.roles.classify import RoleVerdict
from reviewbot.ruleset.internal_codes import PARSE_ERROR, READ_ERROR

PolicyFor = Callable[[str], FilePolicy]
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RunSettings:
    """How the chain runs: worker processes (0: every core), the result cache, progress."""

    jobs: int = 0
    use_cache: bool = True
    progress: Progress | None = None


@dataclass(frozen=True)
class Analysis:
    """What the chain found in a set of files, after suppressions, with what it read."""

    findings: tuple[Finding, ...] = ()
    suppressed: int = 0
    analysed: tuple[AnalysedFile, ...] = ()
    texts: Mapping[str, str] = field(default_factory=dict)
    functions: Mapping[str, tuple[FunctionMetrics, ...]] = field(default_factory=dict)
    directives: Mapping[str, tuple[Directive, ...]] = field(default_factory=dict)
    extra: tuple[Finding, ...] = ()
    #: Findings the files' roles drop (:mod:`reviewbot.pipeline.stances`), with why.
    dropped: tuple[Dropped, ...] = ()

    @cached_property
    def roles(self) -> dict[str, RoleVerdict]:
        """Each analysed file's role, by its path: what the stances judge findings by."""
        return roles_of(self.analysed)


def roles_of(analysed: Iterable[AnalysedFile]) -> dict[str, RoleVerdict]:
    """Each file's role, by its path."""
    return {a.source_file.relative: a.role for a in analysed}


@dataclass(frozen=True)
class PendingAnalysis:
    """An analysis whose ruff run has started in the background."""

    root: Path
    files: tuple[SourceFile, ...]
    ruff: RuffRun
    extra_codes: frozenset[str]


def start_analysis(
    session: Session,
    root: Path,
    files: Sequence[SourceFile],
    *,
    ruff_cache: bool,
    extra_codes: frozenset[str] = frozenset(),
) -> PendingAnalysis:
    """Start ruff on ``files`` (under ``root``, where ruff runs) with the selection + ``extra_codes``."""
    codes = session.policy.ruff_codes() | extra_codes
    ruff = _start_ruff(session, root, files, codes, ruff_cache=ruff_cache)
    return PendingAnalysis(root, tuple(files), ruff, extra_codes)


def _start_ruff(
    session: Session,
    root: Path,
    files: Sequence[SourceFile],
    codes: frozenset[str],
    *,
    ruff_cache: bool,
) -> RuffRun:
    """ruff on ``files``; a buffer read from stdin (``check -``, the one file) goes to ruff's
    stdin too, so ruff sees the same text."""
    for source_file in files:
        if source_file.content is not None:
            binary = session.ruff_binary
            return start_ruff_stdin(binary, source_file.absolute, source_file.content, codes, root)
    return start_ruff(session.ruff_binary, [f.absolute for f in files], codes, root, ruff_cache)


def project_facts(
    session: Session, source_for: Callable[[], FactSource], settings: RunSettings
) -> ProjectFacts:
    """The facts that span files which the session's rules enabled for some path declare, built
    once for the run (``source_for`` is asked only when such a rule declares one)."""
    names = declared_facts(session.registry, session.policy.enabled_anywhere())
    if not names:
        return NO_FACTS
    source = source_for()
    root = session.policy.root
    cache = None
    if settings.use_cache and not committed_cache(root):
        cache = root / CACHE_DIR
        prepare_cache_directory(cache)
    return build_facts(source, names, cache)


def finish_analysis(
    session: Session,
    pending: PendingAnalysis,
    policy_for: PolicyFor,
    settings: RunSettings,
    facts: ProjectFacts = NO_FACTS,
) -> Analysis:
    """Analyse the files with libcst and the metrics, then merge ruff's findings and suppress."""
    analysed = analyse(
        session,
        pending.files,
        policy_for,
        jobs=settings.jobs,
        use_cache=settings.use_cache,
        progress=settings.progress,
        facts=facts,
    )
    texts = {a.source_file.relative: _text(a.raw) for a in analysed}
    functions = {
        a.source_file.relative: a.result.metrics.functions
        for a in analysed
        if a.result.metrics is not None
    }
    diagnostics = pending.ruff.results()
    extra = [d for d in diagnostics if d.code in pending.extra_codes]
    results = {a.source_file.relative: a.result for a in analysed}
    found = ruff_findings(
        diagnostics,
        pending.root,
        policy_for,
        texts,
        functions,
        _paths_where(_unusable, results),
        skipped=_paths_where(is_skipped, results),
    )
    unsuppressed, suppressed = apply_suppressions(results, found, policy_for, session.registry)
    unmarked, marked = honour_noqa(unsuppressed, texts, session.registry)
    # Judged after the suppressions, as the roles and loop walks are: a directive on a finding
    # the judgement drops still silenced it, and is not reported unused.
    selected, by_handler = judge_ruff_findings(unmarked, texts, session.policy.handlers_report)
    roles = roles_of(analysed)
    judged, by_role = apply_stances(
        drop_ruff_duplicates(selected, session.registry), roles, session.policy.stances
    )
    kept, by_loop = apply_loop_walks(judged, session.policy.loops_report)
    dropped = [*by_handler, *by_role, *by_loop]
    return Analysis(
        findings=tuple(sorted(kept, key=lambda f: f.sort_key)),
        dropped=tuple(dropped),
        suppressed=suppressed + marked,
        analysed=tuple(analysed),
        texts=texts,
        functions=functions,
        directives={path: result.directives for path, result in results.items()},
        extra=tuple(ruff_findings(extra, pending.root, _extra_policy(pending), texts, functions)),
    )


def run_analysis(
    session: Session,
    root: Path,
    files: Sequence[SourceFile],
    settings: RunSettings,
    source_for: Callable[[], FactSource],
) -> Analysis:
    """Start and finish the chain on ``files`` under ``root`` with the session's policy; the
    facts that span files are built from ``source_for()`` while ruff runs."""
    pending = start_analysis(session, root, files, ruff_cache=settings.use_cache)
    facts = project_facts(session, source_for, settings)
    return finish_analysis(session, pending, session.file_policy(root), settings, facts)


def _extra_policy(pending: PendingAnalysis) -> PolicyFor:
    """Every extra code as an info-level convention finding, whatever the selection says."""
    policy = FilePolicy(
        {
            code: RuleSettings(code, Category.CONVENTION, Severity.INFO)
            for code in pending.extra_codes
        }
    )
    return lambda _path: policy


def _paths_where(
    test: Callable[[FileResult], bool], results: Mapping[str, FileResult]
) -> frozenset[str]:
    return frozenset(path for path, result in results.items() if test(result))


def _unusable(result: FileResult) -> bool:
    """Whether reviewbot could not read or parse the file (it carries RB900 or RB901)."""
    return any(f.rule in (PARSE_ERROR, READ_ERROR) for f in result.findings)


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", errors="replace")
