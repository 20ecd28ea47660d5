"""The benchmark corpus: a pinned Django sdist from PyPI, unpacked, and the size of its tree."""

from __future__ import annotations

import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

MIB = 1024 * 1024


@dataclass(frozen=True)
class Corpus:
    """The tree every tool runs on, and its size."""

    tree: Path
    django_version: str
    python_files: int
    lines: int
    mebibytes: float


def fetch_corpus(version: str, workdir: Path) -> Corpus:
    """Download and unpack the Django sdist unless present; describe its ``django/`` tree."""
    workdir.mkdir(parents=True, exist_ok=True)
    archive = _find_sdist(version, workdir) or _download_sdist(version, workdir)
    root = workdir / f"django-{version}"
    if not root.is_dir():
        with tarfile.open(archive) as tar:
            tar.extractall(workdir, filter="data")
    return describe_corpus(root / "django", version)


def _find_sdist(version: str, workdir: Path) -> Path | None:
    wanted = f"django-{version}.tar.gz"
    return next((path for path in workdir.glob("*.tar.gz") if path.name.lower() == wanted), None)


def _download_sdist(version: str, workdir: Path) -> Path:
    pip = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:"]
    subprocess.run([*pip, f"django=={version}", "-d", str(workdir)], check=True)
    found = _find_sdist(version, workdir)
    if found is None:
        sys.exit(f"pip download did not leave django-{version}.tar.gz in {workdir}")
    return found


def describe_corpus(tree: Path, version: str) -> Corpus:
    """Count the ``.py`` files under ``tree``, their lines and their size."""
    contents = [path.read_bytes() for path in sorted(tree.rglob("*.py"))]
    lines = sum(content.count(b"\n") for content in contents)
    size = sum(len(content) for content in contents) / MIB
    return Corpus(tree, version, len(contents), lines, round(size, 2))
