"""Paths as git prints them in a patch: C-style quoted when they hold unusual characters."""

from __future__ import annotations

_ESCAPES = {
    "a": 7,
    "b": 8,
    "t": 9,
    "n": 10,
    "v": 11,
    "f": 12,
    "r": 13,
    '"': 34,
    "\\": 92,
}
_OCTAL_DIGITS = 3


def unquote_path(text: str) -> str:
    r"""``text`` without git's quoting: ``"a/caf\303\251.py"`` becomes ``a/café.py``."""
    if len(text) < len('""') or not (text.startswith('"') and text.endswith('"')):
        return text
    return _unescape(text[1:-1])


def split_quoted(text: str) -> tuple[str, str]:
    """The leading quoted token of ``text`` (unquoted) and what follows it."""
    index = 1
    while index < len(text) and text[index] != '"':
        index += 2 if text[index] == "\\" else 1
    return unquote_path(text[: index + 1]), text[index + 1 :]


def _unescape(body: str) -> str:
    out = bytearray()
    index = 0
    while index < len(body):
        char = body[index]
        if char != "\\" or index + 1 >= len(body):
            out += char.encode("utf-8", "surrogateescape")
            index += 1
            continue
        following = body[index + 1]
        if following in _ESCAPES:
            out.append(_ESCAPES[following])
            index += 2
        else:
            digits = body[index + 1 : index + 1 + _OCTAL_DIGITS]
            out.append(int(digits, 8) & 0xFF)
            index += 1 + len(digits)
    return out.decode("utf-8", "surrogateescape")
