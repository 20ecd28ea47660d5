"""Complexity before and after for every changed function, and the delta rules (RB206) on them.

The changed functions and their base versions come from :mod:`reviewbot.review.function_pairs`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from reviewbot.config.model import FilePolicy, Thresholds
from reviewbot.findings import Finding, Location
from reviewbot.fingerprint import function_fingerprint
from reviewbot.metrics.model import FunctionMetrics
from reviewbot.pipeline.metric_findings import violation_finding
from reviewbot.review.function_pairs import FunctionPair, pair_line
from reviewbot.review.model import Complexity, ComplexityChange
from reviewbot.ruleset.api import DeltaRule, FunctionChange
from reviewbot.ruleset.registry import Registry


def complexity_changes(pairs: Iterable[FunctionPair]) -> tuple[ComplexityChange, ...]:
    """The before -> after record of each changed function."""
    return tuple(
        ComplexityChange(
            function=(pair.after or pair.before).qualname,  # type: ignore[union-attr]
            path=pair.path,
            line=pair_line(pair),
            before=_complexity(pair.before),
            after=_complexity(pair.after),
        )
        for pair in pairs
    )


def notable_changes(
    changes: Iterable[ComplexityChange],
    policy_for: Callable[[str], FilePolicy],
    increase_limit: int,
) -> tuple[ComplexityChange, ...]:
    """The changes worth listing: a function that crossed its cognitive or cyclomatic limit
    (a new one that is over it included), or rose by at least ``increase_limit``.

    ``before`` is whatever the function was at the base, wherever it came from (its own file,
    or the function it was moved from).
    """
    return tuple(
        change
        for change in changes
        if _notable(change, policy_for(change.path).thresholds, increase_limit)
    )


def _notable(change: ComplexityChange, thresholds: Thresholds, increase_limit: int) -> bool:
    if change.after is None:
        return False
    before, after = change.before, change.after
    return _moved_notably(
        None if before is None else before.cognitive,
        after.cognitive,
        thresholds.cognitive,
        increase_limit,
    ) or _moved_notably(
        None if before is None else before.cyclomatic,
        after.cyclomatic,
        thresholds.cyclomatic,
        increase_limit,
    )


def _moved_notably(was: int | None, now: int, limit: int, increase_limit: int) -> bool:
    """Crossed ``limit`` (a new function counts as having been under it), or rose by at least
    ``increase_limit`` (and at all)."""
    if now > limit and (was is None or was <= limit):
        return True
    return was is not None and now - was >= max(increase_limit, 1)


def delta_findings(
    pairs: Iterable[FunctionPair],
    registry: Registry,
    policy_for: Callable[[str], FilePolicy],
    increase_limit: int,
    texts: Mapping[str, str],
) -> list[Finding]:
    """Findings of every enabled DeltaRule (RB206) on the changed functions."""
    rules = [rule() for rule in registry if issubclass(rule, DeltaRule)]
    found: list[Finding] = []
    for pair in pairs:
        policy = policy_for(pair.path)
        for rule in rules:
            if isinstance(rule, DeltaRule) and policy.enabled(rule.code):
                found += _judge(rule, pair, policy, increase_limit, texts.get(pair.path, ""))
    return found


def _judge(
    rule: DeltaRule, pair: FunctionPair, policy: FilePolicy, increase_limit: int, text: str
) -> list[Finding]:
    """``rule``'s finding on one changed function, if any (none for a removed function)."""
    if pair.after is None:
        return []
    change = FunctionChange(pair.before, pair.after, pair.written)
    violation = rule.check_change(change, policy.thresholds, increase_limit)
    if violation is None:
        return []
    fingerprint = function_fingerprint(rule.code, pair.path, pair.after.qualname)
    location = _def_line(pair.after, text)
    return [violation_finding(rule, violation, location, pair.path, policy, fingerprint)]


def supersede(
    new: Iterable[Finding], deltas: Sequence[Finding], registry: Registry
) -> list[Finding]:
    """``new`` without the findings a delta finding on the same ``def`` line already covers
    (RB206 "rose from 6 to 19" says all RB202 "is 19" would)."""
    covered = {
        (delta.path, delta.line, code)
        for delta in deltas
        for code in _supersedes(registry, delta.rule)
    }
    return [f for f in new if (f.path, f.line, f.rule) not in covered]


def judged_by_delta(
    new: Iterable[Finding],
    pairs: Iterable[FunctionPair],
    registry: Registry,
    policy_for: Callable[[str], FilePolicy],
    texts: Mapping[str, str],
) -> list[Finding]:
    """``new`` without the absolute complexity findings (RB201, RB202) on functions that existed
    before the change, where a delta rule (RB206) is enabled: a changed function is judged by
    what the change did to it, so one that was at 30 and is now 31 gets no comment, one that
    doubled does (RB206). A function the change adds is judged by its absolute complexity."""
    rules = [rule for rule in registry if issubclass(rule, DeltaRule)]
    covered = {
        (pair.path, _def_line(pair.after, texts.get(pair.path, "")).line, code)
        for pair in pairs
        if pair.before is not None and pair.after is not None
        for rule in rules
        if policy_for(pair.path).enabled(rule.code)
        for code in rule.supersedes
    }
    return [f for f in new if (f.path, f.line, f.rule) not in covered]


def _supersedes(registry: Registry, code: str) -> tuple[str, ...]:
    rule = registry.rules.get(code)
    return rule.supersedes if rule is not None and issubclass(rule, DeltaRule) else ()


def _complexity(function: FunctionMetrics | None) -> Complexity | None:
    return None if function is None else Complexity(function.cognitive, function.cyclomatic)


def _def_line(function: FunctionMetrics, text: str) -> Location:
    lines = text.split("\n")
    line_text = lines[function.line - 1] if function.line <= len(lines) else ""
    return Location(function.line, function.column, function.line, len(line_text.rstrip()) + 1)
