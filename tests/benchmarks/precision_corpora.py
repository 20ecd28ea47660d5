"""The precision corpora: pinned libraries and applications from PyPI, unpacked, and their size."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from reviewbot.pipeline.discover import discover
from tests.benchmarks import bench_pypi


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

# The second set: applications only, none of them in CORPORA, covering Django (Weblate,
# label-studio, Misago), SQLAlchemy and pandas (Superset) and an async FastAPI service
# (Open WebUI). Their wheels carry the package source as released; their sdists need a frontend
# build. Their names differ from CORPORA's, so both sets can share one work folder.
APPLICATION_CORPORA = (
    CorpusSpec("weblate", "weblate==5.14.3", wheel=True, source="weblate-5.14.3/weblate"),
    CorpusSpec(
        "label-studio",
        "label-studio==1.23.2",
        wheel=True,
        source="label_studio-1.23.2/label_studio",
    ),
    CorpusSpec("misago", "misago==0.39.6", wheel=True, source="misago-0.39.6/misago"),
    CorpusSpec(
        "superset", "apache-superset==6.1.0", wheel=True, source="apache_superset-6.1.0/superset"
    ),
    CorpusSpec(
        "open-webui", "open-webui==0.12.4", wheel=True, source="open_webui-0.12.4/open_webui"
    ),
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
        _fetch_and_unpack(spec, workdir)
    if not tree.is_dir():
        sys.exit(f"{spec.requirement}: unpacking did not produce {tree}")
    commit_snapshot(tree)
    return _describe(spec, tree)


def commit_snapshot(root: Path) -> None:
    """Make the checked folder ``root`` a git repository with one commit of every file, unless
    it is one already (the folder itself, so that reported paths stay relative to it): the facts that read a project through git (RB320's ``django-models``, RB321's
    ``drf-serializers``) then see it as they see a team's repository. Ignore files are
    overridden (``add --force``) so that git lists every file the archive holds; a fixed
    author and date make the commit the same on every machine."""
    if (root / ".git").exists():
        return
    dated = "2026-01-01T00:00:00+00:00"
    environment = {
        **os.environ,
        "GIT_AUTHOR_NAME": "precision",
        "GIT_AUTHOR_EMAIL": "precision@localhost",
        "GIT_COMMITTER_NAME": "precision",
        "GIT_COMMITTER_EMAIL": "precision@localhost",
        "GIT_AUTHOR_DATE": dated,
        "GIT_COMMITTER_DATE": dated,
    }
    for command in (
        ["git", "init", "--quiet"],
        ["git", "add", "--all", "--force"],
        ["git", "commit", "--quiet", "--no-gpg-sign", "--message", "the archive as released"],
    ):
        subprocess.run(command, cwd=root, env=environment, check=True, capture_output=True)


def _fetch_and_unpack(spec: CorpusSpec, workdir: Path) -> None:
    archive = bench_pypi.download(spec.requirement, spec.wheel, workdir)
    # A wheel has no top folder: give it one, named like an sdist's.
    destination = workdir / spec.source.split("/")[0] if spec.wheel else workdir
    bench_pypi.unpack(archive, spec.wheel, destination)


def _describe(spec: CorpusSpec, tree: Path) -> Corpus:
    """Count the files reviewbot's own discovery finds under ``tree``, and their non-blank lines."""
    workspace = discover([tree], tree, lambda _path: False)
    lines = sum(_non_blank_lines(source.absolute) for source in workspace.files)
    return Corpus(spec.name, spec.requirement, spec.source, tree, len(workspace.files), lines)


def _non_blank_lines(path: Path) -> int:
    text = path.read_bytes()
    return sum(1 for line in text.splitlines() if line.strip())
