"""Raw line counts (radon's ``loc/lloc/sloc/comments/multi/blank``) in one tokenize pass.

radon's ``radon.raw.analyze`` re-tokenizes a growing buffer whenever a statement spans lines, so
one statement over n physical lines costs O(n²): a 6,500-line ``pprint`` literal takes minutes.
This module gives the same numbers in linear time. It reproduces radon's exact definitions:

* radon reads the source as ``source.splitlines()`` with every line stripped, so indentation
  never matters and ``\\x0c``, ``\\x1c``-``\\x1e``, ``\\x85``, ``\\u2028`` also end a line;
* it groups lines into the shortest runs that tokenize on their own: a run ends at a
  ``NEWLINE`` token or at an ``NL`` token outside brackets (a blank or comment-only line);
* per run: every ``COMMENT`` token counts in ``comments``; a run that is one comment is a
  ``single_comment``; a run that is one string token is a single comment when the string sits
  on one line and ``multi`` (non-empty lines) otherwise; any other run adds its non-empty lines
  to ``sloc``; empty lines count as ``blank`` everywhere;
* ``lloc`` follows radon's ``_logical``: each ``;``-separated part with code counts 1, and 2
  when its last ``:`` is not the part's final token (so ``if x: y`` counts 2, and so do, as in
  radon, ``d = {1: 2}``, ``x: int = 1`` and ``d[1:2]``).

Tokenizing the joined stripped lines once is equivalent to radon's per-run tokenizing because
every run starts where the tokenizer is back in its initial state (no open bracket, string or
continuation, and no indentation since lines are stripped).
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

_ENDMARKER = (tokenize.ENDMARKER, "")
_OPENING = frozenset("([{")
_CLOSING = frozenset(")]}")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class RawCountError(ValueError):
    """The source cannot be counted the way radon counts it (radon raises SyntaxError)."""


@dataclass(frozen=True)
class RawCounts:
    """radon's raw metrics; ``loc == sloc + blank + multi + single_comments``."""

    loc: int
    lloc: int
    sloc: int
    comments: int
    multi: int
    blank: int
    single_comments: int


@dataclass
class _Tally:
    lloc: int = 0
    sloc: int = 0
    comments: int = 0
    multi: int = 0
    blank: int = 0
    single_comments: int = 0

    def freeze(self) -> RawCounts:
        loc = self.sloc + self.blank + self.multi + self.single_comments
        return RawCounts(
            loc, self.lloc, self.sloc, self.comments, self.multi, self.blank, self.single_comments
        )


def physical_lines(source: str) -> int:
    """The number of lines as editors and ``ast`` count them (``\\n``, ``\\r\\n`` or ``\\r``)."""
    breaks = sum(1 for _ in _LINE_BREAK.finditer(source))
    last_line_open = bool(source) and source[-1] not in "\r\n"
    return breaks + last_line_open


def raw_counts(source: str, *, physical: bool = False) -> RawCounts:
    """Count ``source`` exactly as ``radon.raw.analyze`` does, in one linear pass.

    Raises RawCountError where radon raises SyntaxError: a run that never tokenizes cleanly,
    which for valid Python means ``str.splitlines`` broke a string literal at a form feed or
    U+2028. ``physical=True`` splits at real line ends only, for that fallback.
    """
    split = _physical_split(source) if physical else source.splitlines()
    lines = [line.strip() for line in split]
    tally = _Tally()
    next_line = 1
    for first, last, tokens in _runs("\n".join(lines)):
        _count_run(tally, lines[first - 1 : last], tokens)
        next_line = last + 1
    for line in lines[next_line - 1 :]:
        if line:  # only an empty last line can be left without a token
            raise RawCountError(f"radon cannot tokenize line {next_line}")
        tally.blank += 1
    return tally.freeze()


def _physical_split(source: str) -> list[str]:
    """``str.splitlines`` restricted to ``\\n``, ``\\r\\n`` and ``\\r``."""
    lines = _LINE_BREAK.split(source)
    if lines[-1] == "":
        lines.pop()
    return lines


def _runs(text: str) -> Iterator[tuple[int, int, list[tokenize.TokenInfo]]]:
    """Yield (first line, last line, tokens) for each run of lines radon tokenizes together."""
    run: list[tokenize.TokenInfo] = []
    first = 1
    depth = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.ERRORTOKEN:
                raise RawCountError(f"radon cannot tokenize line {token.start[0]}")
            if token.type == tokenize.ENDMARKER:
                break
            run.append(token)
            depth += _depth_change(token)
            if token.type == tokenize.NEWLINE or (token.type == tokenize.NL and depth <= 0):
                yield first, token.start[0], run
                run, first = [], token.start[0] + 1
    except (tokenize.TokenError, SyntaxError) as error:
        raise RawCountError(f"radon cannot tokenize this source: {error}") from error


def _depth_change(token: tokenize.TokenInfo) -> int:
    if token.type != tokenize.OP:
        return 0
    if token.string in _OPENING:
        return 1
    return -1 if token.string in _CLOSING else 0


def _count_run(tally: _Tally, lines: Sequence[str], tokens: Sequence[tokenize.TokenInfo]) -> None:
    """Add one run's counts, following the branches of radon's ``analyze``."""
    tally.comments += sum(1 for token in tokens if token.type == tokenize.COMMENT)
    empty = sum(1 for line in lines if not line)
    kind = _run_kind(tokens)
    if kind == "single comment":
        tally.single_comments += 1
    elif kind == "multi-line string":
        tally.multi += len(lines) - empty
        tally.blank += empty
    else:
        tally.sloc += len(lines) - empty
        tally.blank += empty
    tally.lloc += _logical_lines([(token.type, token.string) for token in tokens])


def _run_kind(tokens: Sequence[tokenize.TokenInfo]) -> str:
    """radon's classification: a lone comment or one-line string counts as a single comment."""
    if _is_single_token(tokenize.COMMENT, tokens):
        return "single comment"
    if _is_single_token(tokenize.STRING, tokens):
        one_line = tokens[0].start[0] == tokens[0].end[0]
        return "single comment" if one_line else "multi-line string"
    return "code"


def _is_single_token(kind: int, tokens: Sequence[tokenize.TokenInfo]) -> bool:
    """One token of ``kind`` followed only by line ends (radon's ``is_single_token``)."""
    if not tokens or tokens[0].type != kind:
        return False
    return all(token.type in (tokenize.NL, tokenize.NEWLINE) for token in tokens[1:])


def _logical_lines(pairs: list[tuple[int, str]]) -> int:
    """radon's ``_logical`` over one run; the run's ENDMARKER belongs to its last part."""
    parts: list[list[tuple[int, str]]] = [[]]
    for pair in [*pairs, _ENDMARKER]:
        if pair == (tokenize.OP, ";"):
            parts.append([])
        else:
            parts[-1].append(pair)
    return sum(_part_logical_lines(part) for part in parts)


def _part_logical_lines(part: Iterable[tuple[int, str]]) -> int:
    ignored = (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE)
    kept = [pair for pair in part if pair[0] not in ignored]
    colons = [index for index, pair in enumerate(kept) if pair == (tokenize.OP, ":")]
    if colons:
        # radon compares against len - 2 because a part normally ends with ENDMARKER.
        return 1 if colons[-1] == len(kept) - 2 else 2
    return 1 if any(pair[0] != tokenize.ENDMARKER for pair in kept) else 0
