"""gitignore-like path globs for ``exclude`` and ``[[overrides]] paths``.

Paths are POSIX and relative to the config's folder. ``*`` and ``?`` stay within one path
segment, ``[...]`` is a character class and ``**`` spans any number of directories. A pattern
without a ``/`` (other than a trailing one) matches a file or directory name at any depth; one
with a ``/`` is anchored at the config's folder (a leading ``/`` is allowed). A pattern that
matches a directory matches everything beneath it; a trailing ``/`` matches directories only.
"""

from __future__ import annotations

import functools
import re


def glob_match(pattern: str, relpath: str) -> bool:
    """Whether the root-relative POSIX path ``relpath`` matches ``pattern``."""
    return compile_glob(pattern).match(relpath.strip("/")) is not None


def any_glob_match(patterns: tuple[str, ...], relpath: str) -> bool:
    """Whether any of ``patterns`` matches ``relpath``."""
    return any(glob_match(pattern, relpath) for pattern in patterns)


@functools.lru_cache(maxsize=512)
def compile_glob(pattern: str) -> re.Pattern[str]:
    """The regular expression equivalent to ``pattern``."""
    body = pattern.strip("/")
    anchored = "/" in body or pattern.startswith("/")
    head = "" if anchored else "(?:.*/)?"
    tail = "/.*" if pattern.endswith("/") else "(?:/.*)?"
    return re.compile(f"^{head}{_path_regex(body.split('/'))}{tail}$", re.DOTALL)


def _path_regex(parts: list[str]) -> str:
    """Join segment regexes; ``**`` spans directories (``.*`` when it ends the pattern)."""
    regex = ""
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if part == "**":
            regex += ".*" if last else "(?:.*/)?"
        else:
            regex += _segment(part) + ("" if last else "/")
    return regex


def _segment(part: str) -> str:
    """One path segment of a glob as a regular expression; nothing in it matches ``/``."""
    out: list[str] = []
    index = 0
    while index < len(part):
        char = part[index]
        close = part.find("]", index + 2) if char == "[" else -1
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif close != -1:
            out.append(_char_class(part[index + 1 : close]))
            index = close
        else:
            out.append(re.escape(char))
        index += 1
    return "".join(out)


def _char_class(inner: str) -> str:
    negate = inner.startswith("!")
    inner = inner[1:] if negate else inner
    escaped = inner.replace("\\", "\\\\").replace("^", "\\^")
    return f"[{'^' if negate else ''}{escaped}]"
