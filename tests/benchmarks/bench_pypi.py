"""Pinned releases from PyPI: downloaded once with pip, then unpacked. Shared by the benchmarks."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path


def archive_stem(requirement: str) -> str:
    """The start of a release's archive name: PyPI normalises ``-`` to ``_`` in it."""
    name, version = requirement.split("==")
    return f"{name.replace('-', '_')}-{version}".lower()


def find_archive(requirement: str, wheel: bool, folder: Path) -> Path | None:
    """The sdist (or wheel) of ``requirement`` already in ``folder``, if any."""
    suffix = ".whl" if wheel else ".tar.gz"
    stem = archive_stem(requirement).replace("-", "_")
    for path in sorted(folder.glob(f"*{suffix}")):
        name = path.name.lower().replace("-", "_")
        # The version ends at the suffix (an sdist) or at the next dash (a wheel).
        if name.startswith(f"{stem}_") or name == f"{stem}{suffix}":
            return path
    return None


def download(requirement: str, wheel: bool, folder: Path) -> Path:
    """The archive of ``requirement`` in ``folder``, fetched with pip unless already there."""
    folder.mkdir(parents=True, exist_ok=True)
    found = find_archive(requirement, wheel, folder)
    if found is not None:
        return found
    kind = ("--only-binary", ":all:") if wheel else ("--no-binary", ":all:")
    pip = [sys.executable, "-m", "pip", "download", "--no-deps", *kind]
    subprocess.run([*pip, requirement, "-d", str(folder)], check=True)
    found = find_archive(requirement, wheel, folder)
    if found is None:
        sys.exit(f"pip download did not leave an archive of {requirement} in {folder}")
    return found


def unpack(archive: Path, wheel: bool, destination: Path) -> None:
    """Unpack ``archive`` into ``destination``: an sdist brings its own top folder, a wheel none."""
    destination.mkdir(parents=True, exist_ok=True)
    if wheel:
        with zipfile.ZipFile(archive) as opened:
            opened.extractall(destination)
    else:
        with tarfile.open(archive) as tar:
            tar.extractall(destination, filter="data")
