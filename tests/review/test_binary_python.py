"""A binary file named ``.py`` in a change is reviewed as ``check`` sees it: unreadable (RB901)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewbot.cli.main import main
from tests.deliver.github.builders import commit_files, git


def test_a_binary_python_file_added_by_a_change_is_a_new_unreadable_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    commit_files(root, {"app.py": '"""App."""\n'}, "base")
    git(root, "checkout", "-q", "-b", "topic")
    (root / "blob.py").write_bytes(b"\x00\x01binary\x00")
    commit_files(root, {}, "add a binary .py")
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)

    code = main(["review", "--base", "main", "--format", "json", "--dry-run", "--isolated"])
    review = json.loads(capsys.readouterr().out)

    assert ("RB901", "blob.py") in [(f["rule"], f["path"]) for f in review["findings"]["new"]]
    assert code == 1  # RB901 is an error: the file could not be checked
