"""Finding the nearest config: .reviewbot.toml over pyproject.toml, nested projects, --config."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewbot.config.files import config_in, find_config, load_config_file
from reviewbot.errors import ConfigError
from tests.config.conftest import write

REVIEWBOT_TABLE = '[tool.reviewbot]\npreset = "strict"\n'


def test_reviewbot_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", REVIEWBOT_TABLE)
    write(tmp_path / ".reviewbot.toml", 'fail-on = "warning"\n')
    found = find_config(tmp_path)
    assert found is not None
    assert found.path == tmp_path / ".reviewbot.toml"
    assert found.table_key == ""
    assert found.raw == {"fail-on": "warning"}


def test_pyproject_table(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", REVIEWBOT_TABLE)
    found = find_config(tmp_path / "src" / "pkg" / "mod.py")
    assert found is not None
    assert (found.path, found.table_key, found.raw) == (
        tmp_path / "pyproject.toml",
        "tool.reviewbot",
        {"preset": "strict"},
    )


def test_pyproject_without_reviewbot_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / ".reviewbot.toml", 'preset = "strict"\n')
    write(
        tmp_path / "sub" / "pyproject.toml",
        '[project]\nname = "x"\n[tool.ruff]\nline-length = 99\n',
    )
    found = find_config(tmp_path / "sub")
    assert found is not None
    assert found.path == tmp_path / ".reviewbot.toml"


def test_nearest_config_wins_in_nested_projects(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", REVIEWBOT_TABLE)
    write(
        tmp_path / "services" / "api" / "pyproject.toml",
        '[tool.reviewbot]\npreset = "recommended"\n',
    )
    write(tmp_path / "services" / "api" / "app" / "views.py", "")
    inner = find_config(tmp_path / "services" / "api" / "app" / "views.py")
    outer = find_config(tmp_path / "services" / "worker")
    assert inner is not None and inner.path == tmp_path / "services" / "api" / "pyproject.toml"
    assert outer is not None and outer.path == tmp_path / "pyproject.toml"


def test_target_file_starts_the_search_in_its_folder(tmp_path: Path) -> None:
    write(tmp_path / "a" / ".reviewbot.toml", "")
    write(tmp_path / "a" / "mod.py", "")
    found = find_config(tmp_path / "a" / "mod.py")
    assert found is not None and found.path == tmp_path / "a" / ".reviewbot.toml"
    assert found.raw == {}


def test_search_stops_at_the_filesystem_root(tmp_path: Path) -> None:
    if any(config_in(folder) for folder in tmp_path.parents):
        pytest.skip("a folder above the temporary directory holds a reviewbot config")
    assert find_config(tmp_path / "nothing" / "here") is None


def test_invalid_toml_is_one_line(tmp_path: Path) -> None:
    path = write(tmp_path / ".reviewbot.toml", 'select = ["F"\n')
    with pytest.raises(ConfigError) as caught:
        find_config(tmp_path)
    message = str(caught.value)
    assert message.startswith(f"{path}: invalid TOML: ")
    assert "\n" not in message


def test_config_option_reads_pyproject(tmp_path: Path) -> None:
    path = write(tmp_path / "conf" / "pyproject.toml", REVIEWBOT_TABLE)
    found = load_config_file(path)
    assert (found.table_key, found.raw) == ("tool.reviewbot", {"preset": "strict"})


def test_config_option_reads_top_level_file_of_any_name(tmp_path: Path) -> None:
    path = write(tmp_path / "ci-review.toml", 'preset = "strict"\n')
    found = load_config_file(path)
    assert (found.table_key, found.raw) == ("", {"preset": "strict"})


def test_config_option_reads_tool_table_from_any_name(tmp_path: Path) -> None:
    path = write(tmp_path / "shared.toml", REVIEWBOT_TABLE)
    assert load_config_file(path).table_key == "tool.reviewbot"


def test_config_option_pyproject_without_table_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    with pytest.raises(ConfigError, match=r"no \[tool.reviewbot\] table$"):
        load_config_file(path)


def test_config_option_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config_file(tmp_path / "nope.toml")
    assert str(caught.value) == f"{tmp_path / 'nope.toml'}: no such config file"


def test_config_option_directory(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is a directory"):
        load_config_file(tmp_path)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / ".reviewbot.toml"
    path.write_bytes(b"preset = '\xff'\n")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config_file(path)


def test_a_reviewbot_toml_that_is_a_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / ".reviewbot.toml").mkdir()
    with pytest.raises(ConfigError, match=r"\.reviewbot\.toml: is a directory, not a config file"):
        find_config(tmp_path)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ('preset = "strict"\npreset = "recommended"\n', "key 'preset' is defined twice"),
        ("[thresholds]\ncognitive = 3\n[thresholds]\n", "table [thresholds] is defined twice"),
    ],
)
def test_a_duplicate_toml_key_is_named(tmp_path: Path, text: str, named: str) -> None:
    write(tmp_path / ".reviewbot.toml", text)
    with pytest.raises(ConfigError, match="invalid TOML") as raised:
        find_config(tmp_path)
    assert str(raised.value).endswith(named)
