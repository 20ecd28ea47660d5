"""Build an expensive test resource once per test run, however many pytest-xdist workers there are.

Session fixtures are built once per *worker* under xdist. A fixture that builds something slow
(a pre-commit hook environment: a virtualenv and a pip install) builds it through
:func:`once_per_run` instead: the first worker to get the lock builds it into a directory all
the workers share, the others wait for it and reuse it. Without xdist it is built in this run's
temporary directory as before.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock  # installed with pre-commit (through virtualenv), a test extra

_DONE = ".built"


def once_per_run(
    tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]
) -> Path:
    """The directory ``name``, filled by ``build(directory)`` by exactly one worker of this run."""
    base = tmp_path_factory.getbasetemp()
    # Under xdist each worker's basetemp is <run's basetemp>/popen-gwN: the parent is the run's.
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    directory = root / name
    with FileLock(str(root / f"{name}.lock")):
        if not (directory / _DONE).exists():
            shutil.rmtree(directory, ignore_errors=True)  # what a failed build left behind
            directory.mkdir()
            build(directory)
            (directory / _DONE).touch()
    return directory
