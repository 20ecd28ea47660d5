"""Blocks of code a change copies: from code that is still there, or from other lines it adds.

Lines are compared normalised: indentation and trailing whitespace stripped, blank lines,
comment-only lines, lines of a bare string statement (a docstring) and the parameter lists of a
changed file's functions left out: a signature repeated on purpose (one option documented on
every method that takes it) is not logic a function call could share. A window of
``size`` consecutive normalised lines the change added that repeats a window elsewhere is a copy;
it grows to the longest run the two share, and one block is reported per run. Blocks that
repeat the same original are one finding, at the first copy, naming the others: a signature
copied to twelve methods is one comment, not twelve. Windows that are
mostly boilerplate (imports, ``pass``, ``return``, closing brackets, decorators, ``else:``) or
that say little (few distinct lines or words) never start a match: two modules that import the
same ten names have not copied each other's logic.

The cost is bounded by what the caller hands in and by the change: one pass over the added lines
to collect their windows, one pass over every text to index the windows among those, one pass
over the added lines to look them up.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, replace

#: Lines that repeat everywhere without being logic anyone would share.
_TRIVIAL = re.compile(
    r"^(?:(?:from\s+\S+\s+)?import\s.*|pass|\.\.\.|return|return None|return True|return False"
    r"|break|continue|else:|try:|finally:|except:|except \w+:|@.*|[)\]}]+[,:;]?"
    r"|[)\]}]+\s*(?:->.*)?:)$"
)
_WORD = re.compile(r"[A-Za-z_]\w*|\d+|\"[^\"]*\"|'[^']*'")
#: A directive at the end of a line (a suppression, a type or coverage pragma) is not code: the
#: line marked to silence a copy still repeats its original.
_DIRECTIVE = re.compile(r"\s+#\s*(?:reviewbot:|noqa\b|type:\s*ignore|pragma\b).*$")
_STRING_PREFIX = re.compile(r"^[rRbBuUfF]{0,2}(\"\"\"|''')")


@dataclass(frozen=True)
class Lines:
    """One file's text at head and which of its lines (1-based) the change added."""

    text: str
    added: frozenset[int]


@dataclass(frozen=True)
class CopiedBlock:
    """Lines ``start``-``end`` of ``path`` (added) repeat ``original``'s ``original_start``-
    ``original_end``: ``lines`` normalised lines in all."""

    path: str
    start: int
    end: int
    original: str
    original_start: int
    original_end: int
    lines: int
    #: Other places of the change that copy the same original lines: (path, first line).
    also: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class _Line:
    number: int
    text: str
    added: bool


def copied_blocks(
    changed: Mapping[str, Lines], others: Mapping[str, str], size: int
) -> list[CopiedBlock]:
    """Blocks of at least ``size`` normalised lines added in ``changed`` files that repeat code
    still there (their lines not added, or any line of ``others``) or, added earlier in path
    and line order, other added lines. Code already there is preferred as the original."""
    sequences = {
        path: _normalised(lines.text, lines.added, signature_lines(lines.text))
        for path, lines in changed.items()
    }
    sequences.update({path: _normalised(text, frozenset()) for path, text in others.items()})
    wanted = {key for path in changed for key in _added_windows(sequences[path], size)}
    index = _index(sequences, size, wanted)
    found: list[CopiedBlock] = []
    for path in sorted(changed):
        found += _blocks_in(path, sequences, index, size)
    return _one_per_original(found)


def _one_per_original(blocks: Sequence[CopiedBlock]) -> list[CopiedBlock]:
    """The first block that copies each original, naming the later ones in ``also``. A block
    whose original is itself an earlier copy counts as a copy of that copy's original."""
    first: dict[tuple[str, int, int], CopiedBlock] = {}
    later: dict[tuple[str, int, int], list[tuple[str, int]]] = {}
    for block in blocks:
        key = _root(block, first)
        if key in first:
            later[key].append((block.path, block.start))
        else:
            first[key], later[key] = block, []
    return [replace(block, also=tuple(later[key])) for key, block in first.items()]


def _root(
    block: CopiedBlock, first: Mapping[tuple[str, int, int], CopiedBlock]
) -> tuple[str, int, int]:
    """The original ``block`` copies: an earlier copy's own original when ``block`` repeats
    lines of that copy."""
    for key, copy in first.items():
        overlaps = copy.start <= block.original_end and block.original_start <= copy.end
        if copy.path == block.original and overlaps:
            return key
    return (block.original, block.original_start, block.original_end)


def signature_lines(text: str) -> frozenset[int]:
    """The lines of ``text`` that hold its functions' signatures below the ``def`` line: the
    parameter lists a call cannot share. Empty when ``text`` does not parse."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return frozenset()
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            lines.update(range(node.lineno + 1, node.body[0].lineno))
    return frozenset(lines)


def _blocks_in(
    path: str,
    sequences: Mapping[str, Sequence[_Line]],
    index: Mapping[tuple[str, ...], Sequence[tuple[str, int]]],
    size: int,
) -> Iterator[CopiedBlock]:
    lines = sequences[path]
    at = 0
    while at + size <= len(lines):
        window = lines[at : at + size]
        origin = _origin(path, at, window, index, size) if _added(window) else None
        if origin is None:
            at += 1
            continue
        other, start = origin
        length = _extent(lines, at, sequences[other], start, same=other == path)
        if length < size:  # the match does not hold for a whole window: move on, never stall
            at += 1
            continue
        source = sequences[other]
        yield CopiedBlock(
            path,
            lines[at].number,
            lines[at + length - 1].number,
            other,
            source[start].number,
            source[start + length - 1].number,
            length,
        )
        at += length


def _origin(
    path: str,
    at: int,
    window: Sequence[_Line],
    index: Mapping[tuple[str, ...], Sequence[tuple[str, int]]],
    size: int,
) -> tuple[str, int] | None:
    """Where ``window`` (at ``at`` of ``path``) was written first: code already there, else
    added lines before it; None when nowhere, or when the window is boilerplate."""
    if not substantial(tuple(line.text for line in window), size):
        return None
    candidates = index.get(tuple(line.text for line in window), ())
    existing = [c for c in candidates if not c[1] < 0]
    earlier = [(p, -s - 1) for p, s in candidates if s < 0 and (p, -s - 1) < (path, at)]
    earlier = [(p, s) for p, s in earlier if p != path or s + size <= at]
    return next(iter(existing or earlier), None)


def _extent(
    copy: Sequence[_Line], at: int, source: Sequence[_Line], start: int, *, same: bool
) -> int:
    """How many normalised lines from ``copy[at]`` repeat ``source[start]`` onwards: added on
    the copy's side, of the same kind (added or not) on the original's, never overlapping."""
    kind = source[start].added
    length = 0
    while (
        at + length < len(copy)
        and start + length < len(source)
        and copy[at + length].added
        and source[start + length].added is kind
        and copy[at + length].text == source[start + length].text
        and not (same and abs(at - start) <= length)
    ):
        length += 1
    return length


def _added_windows(lines: Sequence[_Line], size: int) -> Iterator[tuple[str, ...]]:
    """The text of each window of ``size`` added lines worth calling a copy."""
    for at in range(len(lines) - size + 1):
        window = lines[at : at + size]
        key = tuple(line.text for line in window)
        if _added(window) and substantial(key, size):
            yield key


def _index(
    sequences: Mapping[str, Sequence[_Line]], size: int, wanted: Set[tuple[str, ...]]
) -> dict[tuple[str, ...], list[tuple[str, int]]]:
    """Each window of ``size`` lines all of one kind whose text is ``wanted`` (a window the
    change added: the index stays as small as the change), existing ones at their position,
    added ones at ``-position - 1``; in path and line order."""
    index: dict[tuple[str, ...], list[tuple[str, int]]] = {}
    for path in sorted(sequences):
        lines = sequences[path]
        for at in range(len(lines) - size + 1):
            window = lines[at : at + size]
            key = tuple(line.text for line in window)
            if key in wanted and len({line.added for line in window}) == 1:
                index.setdefault(key, []).append((path, -at - 1 if window[0].added else at))
    return index


def _added(window: Sequence[_Line]) -> bool:
    return all(line.added for line in window)


def substantial(texts: Sequence[str], size: int) -> bool:
    """Whether a window of normalised lines is worth calling a copy: at least three quarters
    of ``size`` lines that are not boilerplate, at least half of ``size`` distinct ones even
    with their first name masked, and at least ``size`` distinct words (names, numbers,
    strings). A dozen ``name = None`` lines, or ``name = models.CharField(max_length=100)``
    for one field after another, are a pattern, not logic to share."""
    real = [text for text in texts if not _TRIVIAL.match(text)]
    shapes = {_WORD.sub("_", text, count=1) for text in real}
    words = {word for text in real for word in _WORD.findall(text)}
    return len(real) * 4 >= size * 3 and len(shapes) * 2 >= size and len(words) >= size


def _normalised(
    text: str, added: frozenset[int], skipped: frozenset[int] = frozenset()
) -> list[_Line]:
    """The lines of ``text`` that carry code, stripped, with whether the change added them;
    ``skipped`` lines are left out."""
    kept: list[_Line] = []
    closing = ""  # the quotes that end the docstring being skipped
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if closing:
            closing = "" if closing in line else closing
            continue
        if not line or line.startswith("#") or number in skipped:
            continue
        opening = _STRING_PREFIX.match(line)
        if opening:
            quotes = opening.group(1)
            rest = line[opening.end() :]
            closing = "" if quotes in rest else quotes
            continue
        kept.append(_Line(number, _DIRECTIVE.sub("", line), number in added))
    return kept
