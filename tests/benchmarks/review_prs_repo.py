"""Turning two releases of a project into a git repository with a pull request branch.

The base release's tree is committed on ``main`` and the head release's tree on ``pr``, so
``git diff main pr`` is the change between the two releases. Only what a repository would hold
is kept: the unpacked source folder, without the packaging metadata an sdist adds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.benchmarks import bench_pypi
from tests.benchmarks.review_prs_specs import PullRequestSpec

GIT_ENVIRONMENT = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
}
# What an sdist (or a wheel) adds that no source repository holds.
_PACKAGING = ("PKG-INFO", "*.egg-info", "*.dist-info")


@dataclass(frozen=True)
class DiffSize:
    """The size of a pull request's change to Python files."""

    python_files: int
    added: int
    removed: int


def git(root: Path, *args: str) -> str:
    """Run git in ``root`` and return its output; a failure stops the benchmark."""
    done = subprocess.run(
        ["git", "-C", str(root), "-c", "init.defaultBranch=main", *args],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENVIRONMENT},
    )
    return done.stdout


def release_tree(spec: PullRequestSpec, version: str, workdir: Path) -> Path:
    """The unpacked tree of one release, downloaded into ``workdir/downloads`` once."""
    archive = bench_pypi.download(spec.requirement(version), spec.wheel, workdir / "downloads")
    unpacked = workdir / "unpacked" / f"{spec.name}-{version}"
    if not unpacked.is_dir():
        bench_pypi.unpack(archive, spec.wheel, unpacked)
    if spec.wheel:
        return unpacked
    (top,) = [child for child in unpacked.iterdir() if child.is_dir()]
    return top


def build_repository(spec: PullRequestSpec, workdir: Path) -> Path:
    """A fresh repository ``workdir/repos/NAME``: ``main`` holds the base release, ``pr`` the head."""
    root = workdir / "repos" / spec.name
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    git(root, "init", "-q")
    _commit_tree(root, release_tree(spec, spec.base, workdir), f"{spec.project} {spec.base}")
    git(root, "checkout", "-q", "-b", "pr")
    git(root, "rm", "-rq", "--cached", ".")
    _clear_work_tree(root)
    _commit_tree(root, release_tree(spec, spec.head, workdir), f"{spec.project} {spec.head}")
    return root


def diff_size(root: Path) -> DiffSize:
    """Python files changed between ``main`` and ``pr``, and the lines added and removed in them."""
    numstat = git(root, "diff", "--numstat", "-M", "main", "pr", "--", "*.py")
    rows = [line.split("\t") for line in numstat.splitlines() if line]
    added = sum(int(row[0]) for row in rows if row[0] != "-")
    removed = sum(int(row[1]) for row in rows if row[1] != "-")
    return DiffSize(len(rows), added, removed)


def _commit_tree(root: Path, tree: Path, message: str) -> None:
    shutil.copytree(tree, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns(*_PACKAGING))
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message)


def _clear_work_tree(root: Path) -> None:
    """Delete everything but ``.git``, so files the head release dropped are deleted."""
    for child in root.iterdir():
        if child.name == ".git":
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
