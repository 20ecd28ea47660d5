"""``reviewbot check --staged``: findings on the lines being committed, in a real repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewbot.change.working import staged as staged_changes
from reviewbot.cli.main import main
from tests.deliver.github.builders import commit_files, git

LEGACY = '"""Orders."""\n\n\ndef parse(value):\n    try:\n        return int(value)\n    except:\n        return None\n'
NEW_BARE_EXCEPT = "\n\ndef parse_again(value):\n    try:\n        return float(value)\n    except:\n        return None\n"
CLEAN = '\n\ndef double(value: int) -> int:\n    """Twice ``value``."""\n    return value * 2\n'


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    commit_files(root, {"orders.py": LEGACY, "other.py": LEGACY}, "legacy")
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return root


def stage(root: Path, name: str, text: str) -> None:
    (root / name).write_text(text, encoding="utf-8")
    git(root, "add", name)


def test_only_findings_on_staged_lines_are_reported(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stage(repo, "orders.py", LEGACY + NEW_BARE_EXCEPT)

    assert main(["check", "--staged", "--quiet", "--no-cache", "orders.py"]) == 1

    out = capsys.readouterr().out
    assert "orders.py:14:5: E722" in out and "orders.py:7:" not in out


def test_legacy_debt_alone_does_not_block(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stage(repo, "orders.py", LEGACY + CLEAN)

    assert main(["check", "--staged", "--quiet", "orders.py"]) == 0
    assert "E722" not in capsys.readouterr().out


def test_all_lines_checks_whole_staged_files(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stage(repo, "orders.py", LEGACY + CLEAN)

    assert main(["check", "--staged", "--all-lines", "--quiet", "orders.py"]) == 1
    assert "orders.py:7:5: E722" in capsys.readouterr().out


def test_without_paths_every_staged_file_and_no_unstaged_one(repo: Path) -> None:
    stage(repo, "orders.py", LEGACY + NEW_BARE_EXCEPT)
    (repo / "other.py").write_text(LEGACY + NEW_BARE_EXCEPT, encoding="utf-8")  # changed, not staged
    stage(repo, "notes.txt", "not python\n")

    assert set(staged_changes(repo)) == {"orders.py"}
    assert staged_changes(repo)["orders.py"].added_lines == frozenset(range(9, 16))


def test_a_first_commit_counts_every_line_as_added(tmp_path: Path) -> None:
    root = tmp_path / "fresh"
    root.mkdir()
    git(root, "init", "-q")
    stage(root, "app.py", LEGACY)

    assert staged_changes(root)["app.py"].added_lines == frozenset(range(1, 9))


def test_outside_a_repository_it_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "loose.py").write_text(LEGACY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    assert main(["check", "--staged", "loose.py"]) == 2
    assert "--staged needs a git repository" in capsys.readouterr().err


def test_a_named_file_without_staged_changes_is_checked_whole(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``pre-commit run --all-files`` names every file, staged or not: the hook must report what
    ``reviewbot check`` reports on them, not pass silently."""
    code = main(["check", "--staged", "orders.py", "--no-cache", "--quiet"])
    assert code == 1
    assert "orders.py:7:5: E722" in capsys.readouterr().out
    assert set(staged_changes(repo, [repo / "orders.py"])) == {"orders.py"}
    assert staged_changes(repo, [repo / "orders.py"])["orders.py"].added_lines == frozenset(range(1, 10))
