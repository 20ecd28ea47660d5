"""Snapshot assertions: compare rendered output with a file committed next to the tests.

Snapshots live in a ``snapshots/`` folder beside the calling test module. Run the tests with
``REVIEWBOT_UPDATE_SNAPSHOTS=1`` to (re)write them, then review the diff before committing.
"""

from __future__ import annotations

import difflib
import os
import sys
from pathlib import Path

UPDATE_ENV = "REVIEWBOT_UPDATE_SNAPSHOTS"


def assert_snapshot(name: str, actual: str, *, directory: Path | None = None) -> None:
    """Fail with a diff unless ``actual`` equals the stored snapshot ``name`` byte for byte.

    ``directory`` defaults to ``snapshots/`` beside the calling test module.
    """
    folder = directory if directory is not None else _caller_snapshots()
    path = folder / name
    if updating():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        return
    if not path.is_file():
        raise AssertionError(f"snapshot {path} is missing; run with {UPDATE_ENV}=1 to record it")
    expected = path.read_bytes().decode("utf-8")
    if actual != expected:
        raise AssertionError(_mismatch(path, expected, actual))


def updating() -> bool:
    """Whether this run rewrites snapshots instead of checking them."""
    return os.environ.get(UPDATE_ENV, "") not in ("", "0")


def _caller_snapshots() -> Path:
    # Frame 0 is this helper, 1 is assert_snapshot, 2 is the test that called it.
    test_file = sys._getframe(2).f_globals["__file__"]
    return Path(test_file).resolve().parent / "snapshots"


def _mismatch(path: Path, expected: str, actual: str) -> str:
    diff = difflib.unified_diff(
        expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        fromfile=str(path),
        tofile="actual",
    )
    hint = f"snapshot {path} differs (run with {UPDATE_ENV}=1 to accept):\n"
    return hint + "".join(diff)
