"""The project's own ruff selection wins over the preset's convention rules in a review."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewbot.review.ruff_selection import parse_settings
from tests.gitrepo import make_repo
from tests.review.test_classification import feature, review

RUFF_OWN = '[tool.ruff.lint]\nselect = ["E", "F", "B"]\n'
CAMEL = '"""App."""\n\n\ndef doThing():\n    return 1\n'


def _new(data: dict[str, object]) -> list[str]:
    findings = data["findings"]
    assert isinstance(findings, dict)
    return [f["rule"] for f in findings["new"]]


def _dropped(data: dict[str, object]) -> list[tuple[str, str]]:
    dropped = data["dropped"]
    assert isinstance(dropped, list)
    return [(d["rule"], d["dropped"]["reason"]) for d in dropped]


def test_a_convention_the_projects_ruff_does_not_select_is_not_posted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo", {"pyproject.toml": RUFF_OWN, "app.py": '"""App."""\n'})
    feature(root, {"app.py": CAMEL})
    _, data = review(root, capsys)
    assert "N802" not in _new(data)
    assert ("N802", "ruff-config:N802") in _dropped(data)
    assert "not selected by the project's ruff configuration" in str(data["summary"])


def test_a_ruff_configuration_that_keeps_ruffs_selection_chose_no_conventions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = "[tool.ruff]\nline-length = 100\n"
    root = make_repo(tmp_path / "repo", {"pyproject.toml": config, "app.py": '"""App."""\n'})
    feature(root, {"app.py": CAMEL})
    _, data = review(root, capsys)
    assert "N802" in _new(data)


def test_without_a_ruff_configuration_the_preset_decides(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo", {"app.py": '"""App."""\n'})
    feature(root, {"app.py": CAMEL})
    _, data = review(root, capsys)
    assert "N802" in _new(data)


def test_a_rule_the_team_selects_for_reviewbot_is_posted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = RUFF_OWN + '[tool.reviewbot]\nextend-select = ["N802"]\n'
    root = make_repo(tmp_path / "repo", {"pyproject.toml": config, "app.py": '"""App."""\n'})
    feature(root, {"app.py": CAMEL})
    _, data = review(root, capsys)
    assert "N802" in _new(data)


def test_settings_output_is_read_for_the_config_and_the_codes() -> None:
    text = (
        'Resolved settings for: "/r/a.py"\nSettings path: "/r/pyproject.toml"\n\n'
        "linter.rules.enabled = [\n\tunused-import (F401),\n\tinvalid-function-name (N802),\n]\n"
        "linter.rules.should_fix = [\n\tunused-import (F401),\n]\n"
    )
    selection = parse_settings(text)
    assert selection is not None
    assert (selection.config, selection.codes) == (Path("/r/pyproject.toml"), {"F401", "N802"})
    assert parse_settings(text.replace('Settings path: "/r/pyproject.toml"\n', "")) is None
