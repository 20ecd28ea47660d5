"""How the human reports name a file: relative to the folder the user ran reviewbot in.

ruff prints paths relative to the current directory, and so do the text and Markdown reports:
``check core.py`` inside ``shop/`` prints ``core.py``, a file above the current folder gets
``..`` segments. The machine formats (JSON, SARIF, annotations) and the review keep the
repository-relative path, which is their contract.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath


def shown_path(path: str, root: str, cwd: Path | None) -> str:
    """``path`` (relative to ``root``) as seen from ``cwd``; unchanged when ``cwd`` is None or
    for a finding on no file."""
    if cwd is None or not path:
        return path
    return from_cwd(Path(root) / PurePosixPath(path), cwd, fallback=path)


def from_cwd(absolute: Path, cwd: Path, *, fallback: str | None = None) -> str:
    """``absolute`` relative to ``cwd`` (POSIX, with ``..`` where needed); ``fallback`` (else
    the absolute path) when no relative path leads there (another drive)."""
    try:
        relative = os.path.relpath(absolute, cwd)
    except ValueError:
        return fallback if fallback is not None else absolute.as_posix()
    return Path(relative).as_posix()
