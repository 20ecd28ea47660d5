"""Control characters made visible, so a path or message can never break or forge a line.

A file named ``a\\n::error file=evil.py::x\\n.py`` would otherwise put a workflow command of its
own into a CI log. Every human format (text, Markdown, HTML, annotations, the review's terminal
view, summary and inline comments) passes paths and messages through ``visible``: C0 and C1
control characters, DEL and the Unicode line and paragraph separators become escapes such as
``\\n`` or ``\\x1b``; so does each byte of a file name that is not UTF-8 (``s\\xff.py``), which
could not be printed. It lives below every layer that writes text for people (``review`` builds
the inline comments, ``report`` and ``deliver`` the rest), so there is one copy.
"""

from __future__ import annotations

import re

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# Python's surrogate escapes stand for the bytes of a file name that is not UTF-8
_ESCAPED_BYTES = range(0xDC80, 0xDD00)


def visible(text: str, *, keep: str = "") -> str:
    """``text`` with every control character and line separator as a visible escape.

    Characters in ``keep`` are left as they are (for a caller that escapes them its own way).
    """
    return _CONTROL.sub(lambda match: _escape(match.group(), keep), text)


def _escape(char: str, keep: str) -> str:
    if char in keep:
        return char
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if code in _ESCAPED_BYTES:
        code -= 0xDC00  # the byte itself, as \\xff
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
