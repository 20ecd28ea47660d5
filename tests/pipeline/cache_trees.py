"""Trees on disk and in-process ``reviewbot check`` runs, for the result-cache tests."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import reviewbot.pipeline.analyse as analyse_module
from reviewbot.cli.main import main
from reviewbot.pipeline.file_analysis import FileResult
from reviewbot.pipeline.scheduler import FileTask

# RB201 is strict's; these trees ask for it on top of the default preset
CONFIG = '[tool.reviewbot]\npreset = "recommended"\nextend-select = ["RB201"]\n'
# cyclomatic complexity 15: RB201 at its default limit of 10
COMPLEX = "def classify(x):\n" + "".join(
    f"    if x == {i}:\n        return {i}\n" for i in range(14)
) + "    return -1\n"


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """``files`` (plus a pyproject.toml choosing the preset) under ``root``."""
    for name, content in {"pyproject.toml": CONFIG, **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)
    return root


def check(root: Path, *extra: str) -> tuple[int, list[dict[str, Any]]]:
    """Exit code and JSON findings of ``reviewbot check`` on ``root`` (in-process, one job)."""
    report = root.parent / f"{root.name}-report.json"
    args = ["check", str(root), "--format", "json", "--jobs", "1", "--output", str(report)]
    code = main([*args, *extra])
    return code, json.loads(report.read_text(encoding="utf-8"))["findings"]


@contextmanager
def recording_analysis() -> Iterator[list[list[str]]]:
    """The paths each run analysed itself; the files it did not analyse came from the cache."""
    runs: list[list[str]] = []
    real = analyse_module.analyze_files

    def recording(tasks: Sequence[FileTask], *args: Any, **kwargs: Any) -> list[FileResult]:
        runs.append(sorted(task.path for task in tasks))
        return real(tasks, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(analyse_module, "analyze_files", recording)
        yield runs
