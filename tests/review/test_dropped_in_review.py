"""A review does not post what a file's role drops, and says so: counted, listed, in the JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewbot.cli.main import main
from tests.deliver.github.builders import commit_files, git


def test_findings_a_role_drops_are_not_posted_but_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    commit_files(root, {"app.py": '"""App."""\n', "scripts/old.py": "print('old')\n"}, "base")
    git(root, "checkout", "-q", "-b", "topic")
    added = {
        "app.py": '"""App."""\n\n\ndef run(x):\n    print(x)\n',
        "scripts/old.py": "print('old')\nprint('new')\n",
        "tests/test_app.py": "def test_run():\n    assert False\n",
    }
    commit_files(root, added, "change")
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)

    main(["review", "--base", "main", "--format", "json", "--dry-run", "--isolated"])
    review = json.loads(capsys.readouterr().out)

    assert [(f["rule"], f["path"]) for f in review["findings"]["new"]] == [("T201", "app.py")]
    dropped = {(d["rule"], d["path"], d["line"]): d["dropped"]["reason"] for d in review["dropped"]}
    # the old print in the script is not new: only the added one would have been posted
    assert dropped == {
        ("T201", "scripts/old.py", 2): "role:script",
        ("B011", "tests/test_app.py", 2): "role:test",
    }
    assert "2 new findings not posted: 1 in scripts, 1 in tests</summary>" in review["summary"]
    assert (
        "`tests/test_app.py:2` **B011**: a test file (named like a test module)"
        in review["summary"]
    )
