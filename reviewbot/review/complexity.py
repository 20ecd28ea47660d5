"""Complexity before and after for every changed function, and the delta rules (RB206) on them.

Functions are matched by qualified name (and order, for repeated names) between the base version
(analysed under its head path) and the head version. A function changed when the change added a
line inside it at head, or removed one inside its base version. A function the change moved to
another file is paired with its old self (:func:`pair_moved`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from reviewbot.change.model import FileChange
from reviewbot.config.model import FilePolicy, Thresholds
from reviewbot.findings import Finding, Location
from reviewbot.fingerprint import function_fingerprint
from reviewbot.metrics.model import FunctionMetrics
from reviewbot.pipeline.metric_findings import violation_finding
from reviewbot.review.model import Complexity, ComplexityChange
from reviewbot.ruleset.api import DeltaRule, FunctionChange
from reviewbot.ruleset.registry import Registry

Functions = Mapping[str, Sequence[FunctionMetrics]]


@dataclass(frozen=True)
class FunctionPair:
    """A changed function: its base version (None if new) and head version (None if removed),
    and how many lines of its head version the change added."""

    path: str
    before: FunctionMetrics | None
    after: FunctionMetrics | None
    written: int = 0


def changed_functions(
    files: Iterable[FileChange], head: Functions, base: Functions
) -> list[FunctionPair]:
    """Every function the change touched, in file and line order."""
    pairs: list[FunctionPair] = []
    for file in files:
        after = _keyed(head.get(file.path, ()))
        before = _keyed(base.get(file.path, ()))
        for key, function in after.items():
            old = before.get(key)
            if file.touches(function.line, function.end_line) or _removed_inside(file, old):
                pairs.append(FunctionPair(file.path, old, function, _written(file, function)))
        pairs += [
            FunctionPair(file.path, old, None)
            for key, old in before.items()
            if key not in after and _removed_inside(file, old)
        ]
    return sorted(pairs, key=lambda p: (p.path, _line(p)))


#: Whether a removed function and a new one share enough of their bodies to be one function moved
#: (``(removed, new)``); see :func:`bodies_alike`.
Alike = Callable[[FunctionPair, FunctionPair], bool]

#: The share of the longer body's lines the other must keep for a same-name pair to be a move.
MOVE_KEEPS = 0.5


def _written(file: FileChange, function: FunctionMetrics) -> int:
    """The head lines of ``function`` the change added (all of them in a binary file)."""
    if file.binary:
        return function.end_line - function.line + 1
    return sum(1 for line in file.added_lines if function.line <= line <= function.end_line)


def pair_moved(pairs: Sequence[FunctionPair], alike: Alike) -> list[FunctionPair]:
    """``pairs`` with each new function joined to the function of the same qualified name (else
    the same name, when ``alike`` says their bodies are mostly the same lines) that the change
    removed from another file: moved code, so its complexity is shown and judged against its old
    self. Each removed function pairs at most once.

    A name alone is weak evidence: ``get_request_attributes`` or ``setUp`` is defined in many
    files, and a method new in one class is not a helper removed from a test elsewhere."""
    joined: dict[int, int] = {}  # index of a new function's pair -> its removed one's
    for key, check in ((_qualname, _always), (_name, alike)):
        joined.update(_joins(pairs, joined, key, check))
    gone = set(joined.values())
    return [
        replace(pair, before=pairs[joined[index]].before) if index in joined else pair
        for index, pair in enumerate(pairs)
        if index not in gone
    ]


def _joins(
    pairs: Sequence[FunctionPair],
    joined: Mapping[int, int],
    key: Callable[[FunctionMetrics | None], str],
    alike: Alike,
) -> dict[int, int]:
    """New functions not yet ``joined`` matched by ``key`` (and ``alike``) to removed ones not
    yet joined."""
    taken = set(joined.values())
    removed = [i for i, pair in enumerate(pairs) if pair.after is None and i not in taken]
    found: dict[int, int] = {}
    for index, pair in enumerate(pairs):
        if pair.before is None and index not in joined:
            match = _same(pairs, removed, pair, key, alike)
            if match is not None:
                found[index] = match
                removed.remove(match)
    return found


def _same(
    pairs: Sequence[FunctionPair],
    removed: Sequence[int],
    pair: FunctionPair,
    key: Callable[[FunctionMetrics | None], str],
    alike: Alike,
) -> int | None:
    """The first removed function in another file with ``pair``'s new function's ``key``."""
    wanted = key(pair.after)
    return next(
        (
            i
            for i in removed
            if pairs[i].path != pair.path
            and key(pairs[i].before) == wanted
            and alike(pairs[i], pair)
        ),
        None,
    )


def _always(removed: FunctionPair, new: FunctionPair) -> bool:
    return True


def bodies_alike(head: Mapping[str, str], base: Mapping[str, str]) -> Alike:
    """Whether a removed function (its text in ``base``, by path) and a new one (in ``head``)
    share at least :data:`MOVE_KEEPS` of the longer one's lines, whitespace aside."""

    def alike(removed: FunctionPair, new: FunctionPair) -> bool:
        old = _body_lines(base.get(removed.path, ""), removed.before)
        now = _body_lines(head.get(new.path, ""), new.after)
        kept = sum((Counter(old) & Counter(now)).values())
        return kept >= MOVE_KEEPS * max(len(old), len(now), 1)

    return alike


def _body_lines(text: str, function: FunctionMetrics | None) -> list[str]:
    """The function's non-blank lines in ``text``, whitespace collapsed."""
    if function is None:
        return []
    lines = text.splitlines()[function.line - 1 : function.end_line]
    return [" ".join(line.split()) for line in lines if line.strip()]


def _qualname(function: FunctionMetrics | None) -> str:
    return function.qualname if function is not None else ""


def _name(function: FunctionMetrics | None) -> str:
    return function.name if function is not None else ""


def complexity_changes(pairs: Iterable[FunctionPair]) -> tuple[ComplexityChange, ...]:
    """The before -> after record of each changed function."""
    return tuple(
        ComplexityChange(
            function=(pair.after or pair.before).qualname,  # type: ignore[union-attr]
            path=pair.path,
            line=_line(pair),
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


def _keyed(functions: Sequence[FunctionMetrics]) -> dict[tuple[str, int], FunctionMetrics]:
    seen: Counter[str] = Counter()
    keyed = {}
    for function in functions:
        keyed[(function.qualname, seen[function.qualname])] = function
        seen[function.qualname] += 1
    return keyed


def _removed_inside(file: FileChange, function: FunctionMetrics | None) -> bool:
    if function is None or not file.removed_lines:
        return False
    return any(function.line <= line <= function.end_line for line in file.removed_lines)


def _line(pair: FunctionPair) -> int:
    function = pair.after or pair.before
    return function.line if function is not None else 0


def _complexity(function: FunctionMetrics | None) -> Complexity | None:
    return None if function is None else Complexity(function.cognitive, function.cyclomatic)


def _def_line(function: FunctionMetrics, text: str) -> Location:
    lines = text.split("\n")
    line_text = lines[function.line - 1] if function.line <= len(lines) else ""
    return Location(function.line, function.column, function.line, len(line_text.rstrip()) + 1)
