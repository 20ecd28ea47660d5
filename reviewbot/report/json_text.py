"""JSON text that is always valid UTF-8, whatever the file names in it.

A file name that is not UTF-8 (``s\\xff.py`` on Linux) reaches reviewbot as a string with a
lone surrogate (``s\\udcff.py``, Python's surrogate escape). ``json.dumps(ensure_ascii=False)``
leaves that character as it is, and printing it writes the raw byte (invalid UTF-8 JSON) or
fails. Written as the escape ``\\udcff`` instead, the document is valid UTF-8 and a reader
such as Python's ``json`` gets back the very name ``os.fsencode`` turns into the file's bytes.
"""

from __future__ import annotations

import json
import re
from typing import Any

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(document: Any) -> str:  # noqa: ANN401 - any JSON document
    """``document`` as indented JSON with a trailing newline, lone surrogates escaped."""
    text = json.dumps(document, indent=2, ensure_ascii=False)
    return _LONE_SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"
