"""Reading a change from real git repositories: every kind of file change, and missing history."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from reviewbot.change.blobs import object_name, read_blobs
from reviewbot.change.model import FileStatus
from reviewbot.change.read import read_change
from reviewbot.errors import UsageError
from tests.gitrepo import commit_all, git, make_repo, write_files

BASE: dict[str, str | bytes] = {
    "keep.py": "a\nb\nc\n",
    "move.py": "x = 1\ny = 2\nz = 3\nw = 4\nv = 5\n",
    "rename.py": "def f():\n    return 1\n",
    "gone.py": "del_me = 1\n",
    "data.bin": b"\x00\x01\x02binary",
    "crlf.py": b"l1\r\nl2\r\n",
    "nonl.py": "no newline",
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_repo(tmp_path / "repo", BASE)
    git(root, "checkout", "-q", "-b", "feature")
    git(root, "mv", "rename.py", "renamed.py")
    (root / "pkg").mkdir()
    git(root, "mv", "move.py", "pkg/moved.py")
    git(root, "rm", "-q", "gone.py")
    write_files(
        root,
        {
            "keep.py": "a\nB\nc\nd\n",
            "pkg/moved.py": "x = 1\ny = 2\nz = 30\nw = 4\nv = 5\n",
            "data.bin": b"\x00\x03binary",
            "crlf.py": b"l1\r\nl2 changed\r\nl3\r\n",
            "nonl.py": "no newline\nmore",
            "new.py": "created = True\n",
        },
    )
    commit_all(root, "feature")
    return root


def test_every_kind_of_change(repo: Path) -> None:
    change = read_change(repo, "main", "HEAD")
    files = {f.path: f for f in change.files}
    assert files["keep.py"].added_lines == {2, 4} and files["keep.py"].removed_lines == {2}
    assert (files["renamed.py"].old_path, files["renamed.py"].status) == (
        "rename.py",
        FileStatus.RENAMED,
    )
    assert not files["renamed.py"].added_lines
    moved = files["pkg/moved.py"]
    assert (moved.old_path, moved.status) == ("move.py", FileStatus.RENAMED)
    assert moved.added_lines == {3}
    assert files["gone.py"].status is FileStatus.DELETED
    assert files["data.bin"].binary
    assert files["crlf.py"].added_lines == {2, 3}
    assert files["nonl.py"].added_lines == {1, 2} and files["nonl.py"].removed_lines == {1}
    assert files["new.py"].status is FileStatus.ADDED and files["new.py"].added_lines == {1}
    assert change.base == git(repo, "rev-parse", "main").strip()
    assert change.head == git(repo, "rev-parse", "HEAD").strip()
    python = {f.path for f in change.python_files}
    assert python == {"keep.py", "renamed.py", "pkg/moved.py", "crlf.py", "nonl.py", "new.py"}


def test_merge_base_not_base_tip(repo: Path) -> None:
    git(repo, "checkout", "-q", "main")
    write_files(repo, {"later.py": "on_main = 1\n"})
    commit_all(repo, "main moves on")
    change = read_change(repo, "main", "feature")
    assert "later.py" not in {f.path for f in change.files}


def test_working_tree_side(repo: Path) -> None:
    write_files(repo, {"keep.py": "a\nB\nc\nd\ne\n"})
    change = read_change(repo, "main", None)
    assert change.head == "" and change.file("keep.py").added_lines == {2, 4, 5}  # type: ignore[union-attr]


def test_blobs_of_both_sides(repo: Path) -> None:
    change = read_change(repo, "main", "HEAD")
    names = [
        object_name(change.base, "move.py"),
        object_name(change.head, "pkg/moved.py"),
        object_name(change.head, "missing.py"),
    ]
    blobs = read_blobs(repo, names)
    assert blobs[names[0]].startswith(b"x = 1") and b"z = 30" in blobs[names[1]]
    assert names[2] not in blobs


def test_unknown_base_says_what_to_fetch(repo: Path) -> None:
    with pytest.raises(
        UsageError,
        match=r"--base origin/develop is not a commit in this clone; "
        r"run `git fetch origin develop` \(in GitHub Actions give actions/checkout "
        r"`fetch-depth: 0`\)",
    ):
        read_change(repo, "origin/develop")


def test_shallow_clone_says_how_to_deepen(repo: Path, tmp_path: Path) -> None:
    git(repo, "checkout", "-q", "main")
    write_files(repo, {"later.py": "x = 1\n"})
    commit_all(repo, "main moves on")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", "--no-single-branch", f"file://{repo}", str(clone)],
        check=True,
        capture_output=True,
    )
    git(clone, "checkout", "-q", "feature")
    with pytest.raises(UsageError, match="not in this shallow clone; run `git fetch --unshallow`"):
        read_change(clone, "origin/main")
