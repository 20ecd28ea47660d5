"""The precision corpora: pinned libraries and applications from PyPI, unpacked, and their size."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from reviewbot.pipeline.discover import discover


@dataclass(frozen=True)
class CorpusSpec:
    """Where one corpus comes from and which folder of it is the package source."""

    name: str
    requirement: str  # NAME==VERSION, as pip takes it
    wheel: bool  # the wheel holds the source (its sdist does not build here)
    source: str  # the package folder, relative to the unpacked archive's root


CORPORA = (
    CorpusSpec("django", "django==5.2.8", wheel=False, source="django-5.2.8/django"),
    CorpusSpec("requests", "requests==2.32.5", wheel=False, source="requests-2.32.5/src/requests"),
    CorpusSpec("flask", "flask==3.1.2", wheel=False, source="flask-3.1.2/src/flask"),
    CorpusSpec("oscar", "django-oscar==4.2.1", wheel=False, source="django_oscar-4.2.1/src/oscar"),
    CorpusSpec("pretix", "pretix==2026.8.0", wheel=True, source="pretix-2026.8.0/pretix"),
)


@dataclass(frozen=True)
class Corpus:
    """An unpacked corpus: the folder reviewbot checks and how big it is."""

    name: str
    requirement: str
    source: str  # the tree, relative to the work folder
    tree: Path
    python_files: int
    lines: int  # non-blank lines of the files reviewbot checks


def fetch(spec: CorpusSpec, workdir: Path) -> Corpus:
    """Download and unpack ``spec`` into ``workdir`` unless present; describe its source tree."""
    workdir.mkdir(parents=True, exist_ok=True)
    tree = workdir / spec.source
    if not tree.is_dir():
        archive = _find_archive(spec, workdir) or _download(spec, workdir)
        _unpack(archive, spec, workdir)
    if not tree.is_dir():
        sys.exit(f"{spec.requirement}: unpacking did not produce {tree}")
    return _describe(spec, tree)


def _archive_stem(spec: CorpusSpec) -> str:
    """The start of the archive's file name: PyPI normalises ``-`` to ``_`` in it."""
    name, version = spec.requirement.split("==")
    return f"{name.replace('-', '_')}-{version}".lower()


def _find_archive(spec: CorpusSpec, workdir: Path) -> Path | None:
    suffix = ".whl" if spec.wheel else ".tar.gz"
    stem = _archive_stem(spec)
    for path in sorted(workdir.glob(f"*{suffix}")):
        if path.name.lower().replace("-", "_").startswith(stem.replace("-", "_")):
            return path
    return None


def _download(spec: CorpusSpec, workdir: Path) -> Path:
    kind = ("--only-binary", ":all:") if spec.wheel else ("--no-binary", ":all:")
    pip = [sys.executable, "-m", "pip", "download", "--no-deps", *kind]
    subprocess.run([*pip, spec.requirement, "-d", str(workdir)], check=True)
    found = _find_archive(spec, workdir)
    if found is None:
        sys.exit(f"pip download did not leave an archive of {spec.requirement} in {workdir}")
    return found


def _unpack(archive: Path, spec: CorpusSpec, workdir: Path) -> None:
    if spec.wheel:
        # A wheel has no top folder: give it one, named like an sdist's.
        with zipfile.ZipFile(archive) as wheel:
            wheel.extractall(workdir / spec.source.split("/")[0])
    else:
        with tarfile.open(archive) as tar:
            tar.extractall(workdir, filter="data")


def _describe(spec: CorpusSpec, tree: Path) -> Corpus:
    """Count the files reviewbot's own discovery finds under ``tree``, and their non-blank lines."""
    workspace = discover([tree], tree, lambda _path: False)
    lines = sum(_non_blank_lines(source.absolute) for source in workspace.files)
    return Corpus(spec.name, spec.requirement, spec.source, tree, len(workspace.files), lines)


def _non_blank_lines(path: Path) -> int:
    text = path.read_bytes()
    return sum(1 for line in text.splitlines() if line.strip())
