"""A file whose name is not UTF-8 is fixed like any other: ruff prints such a name with U+FFFD,
and its findings must still lead back to the file (``fix`` said "No such file or directory")."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reviewbot.cli.main import main
from tests.gitrepo import git

NAME = os.fsdecode(b"s\xff.py")


def test_fix_finds_a_file_whose_name_is_not_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    try:
        (repo / NAME).write_bytes(b"import os\n")
    except OSError:
        pytest.skip("the file system refuses names that are not UTF-8")

    code = main(["fix", str(repo), "--no-cache", "--jobs", "1"])

    assert (repo / NAME).read_bytes() == b""  # the unused import is gone
    assert code == 0, capsys.readouterr().err
