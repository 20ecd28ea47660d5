"""Which functions a change touched, each paired with its base version, moved code included.

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
from reviewbot.metrics.model import FunctionMetrics

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
            written = file.added_within(function.line, function.end_line)
            if written or _removed_inside(file, old):
                pairs.append(FunctionPair(file.path, old, function, written))
        pairs += [
            FunctionPair(file.path, old, None)
            for key, old in before.items()
            if key not in after and _removed_inside(file, old)
        ]
    return sorted(pairs, key=lambda p: (p.path, pair_line(p)))


#: The share of the longer body's lines the other must keep for a same-name pair to be a move.
MOVE_KEEPS = 0.5


@dataclass(frozen=True)
class Bodies:
    """The texts functions are read from when a move is weighed: head and base, by path."""

    head: Mapping[str, str]
    base: Mapping[str, str]

    def alike(self, removed: FunctionPair, new: FunctionPair) -> bool:
        """Whether the two share at least :data:`MOVE_KEEPS` of the longer one's lines,
        whitespace aside."""
        old, now = self._lines(removed, new)
        kept = sum((Counter(old) & Counter(now)).values())
        return kept >= MOVE_KEEPS * max(len(old), len(now), 1)

    def rewritten(self, removed: FunctionPair, new: FunctionPair) -> int:
        """The new function's lines its old self did not have: what the move wrote."""
        old, now = self._lines(removed, new)
        return sum((Counter(now) - Counter(old)).values())

    def _lines(self, removed: FunctionPair, new: FunctionPair) -> tuple[list[str], list[str]]:
        return (
            _body_lines(self.base.get(removed.path, ""), removed.before),
            _body_lines(self.head.get(new.path, ""), new.after),
        )


def pair_moved(pairs: Sequence[FunctionPair], bodies: Bodies) -> list[FunctionPair]:
    """``pairs`` with each new function joined to the function of the same qualified name (else
    the same name, when their bodies are mostly the same lines) that the change removed from
    another file: moved code, so its complexity is shown and judged against its old self, and
    what the change wrote of it is what the move changed. Each removed function pairs at most
    once.

    A name alone is weak evidence: ``get_request_attributes`` or ``setUp`` is defined in many
    files, and a method new in one class is not a helper removed from a test elsewhere."""
    joined: dict[int, int] = {}  # index of a new function's pair -> its removed one's
    for key, check in ((_qualname, _always), (_name, bodies.alike)):
        joined.update(_joins(pairs, joined, key, check))
    gone = set(joined.values())
    return [
        _moved(pair, pairs[joined[index]], bodies) if index in joined else pair
        for index, pair in enumerate(pairs)
        if index not in gone
    ]


def _moved(new: FunctionPair, removed: FunctionPair, bodies: Bodies) -> FunctionPair:
    return replace(new, before=removed.before, written=bodies.rewritten(removed, new))


def _joins(
    pairs: Sequence[FunctionPair],
    joined: Mapping[int, int],
    key: Callable[[FunctionMetrics | None], str],
    alike: Callable[[FunctionPair, FunctionPair], bool],
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
    alike: Callable[[FunctionPair, FunctionPair], bool],
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


def pair_line(pair: FunctionPair) -> int:
    function = pair.after or pair.before
    return function.line if function is not None else 0
