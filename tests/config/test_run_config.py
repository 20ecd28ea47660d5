"""A run's config, read once: which file, the ``plugins`` paths, and the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewbot.config.files import config_in
from reviewbot.config.run_config import PluginSettings, RunConfig, read_run_config
from reviewbot.errors import ConfigError, UsageError
from tests.config.conftest import write

PR_TARGET = {"GITHUB_EVENT_NAME": "pull_request_target"}


def test_nearest_config_and_its_plugins(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.reviewbot]\nplugins = ["tools/rules", "one.py"]\n')
    write(tmp_path / "tools" / "rules" / "a.py", "")
    write(tmp_path / "one.py", "")
    write(tmp_path / "pkg" / "mod.py", "")
    target = tmp_path / "pkg" / "mod.py"
    config = read_run_config(target, config_file=None, isolated=False, environ={})
    assert config.file is not None
    assert config.file.path == (tmp_path / "pyproject.toml").resolve()
    assert config.root == tmp_path.resolve()
    assert config.note == f"nearest config at or above {target}"
    assert config.plugins == PluginSettings(
        paths=((tmp_path / "tools" / "rules").resolve(), (tmp_path / "one.py").resolve()),
        config_path=(tmp_path / "pyproject.toml").resolve(),
        pull_request_target=False,
    )


def test_the_environment_is_read_here(tmp_path: Path) -> None:
    write(tmp_path / ".reviewbot.toml", "")
    target = read_run_config(tmp_path, config_file=None, isolated=False, environ=PR_TARGET)
    other = read_run_config(
        tmp_path, config_file=None, isolated=False, environ={"GITHUB_EVENT_NAME": "pull_request"}
    )
    assert target.plugins.pull_request_target
    assert not other.plugins.pull_request_target


def test_the_process_environment_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_EVENT_NAME", "pull_request_target")
    assert read_run_config(tmp_path, config_file=None, isolated=True).plugins.pull_request_target


def test_isolated_reads_no_file(tmp_path: Path) -> None:
    write(tmp_path / ".reviewbot.toml", 'plugins = ["missing"]\n')
    write(tmp_path / "a.py", "")
    config = read_run_config(tmp_path / "a.py", config_file=None, isolated=True, environ={})
    note = "--isolated: no config file, preset defaults only"
    assert config == RunConfig(tmp_path / "a.py", None, note, PluginSettings())
    assert config.root == tmp_path.resolve()


def test_config_file_flag(tmp_path: Path) -> None:
    path = write(tmp_path / "elsewhere" / "team.toml", 'plugins = ["rules.py"]\n')
    write(tmp_path / "elsewhere" / "rules.py", "")
    config = read_run_config(tmp_path, config_file=path, isolated=False, environ={})
    assert (config.note, config.root) == ("--config", (tmp_path / "elsewhere").resolve())
    assert config.plugins.paths == ((tmp_path / "elsewhere" / "rules.py").resolve(),)


def test_no_config_file(tmp_path: Path) -> None:
    if any(config_in(folder) for folder in tmp_path.parents):
        pytest.skip("a config file sits above the temporary folder")
    config = read_run_config(tmp_path / "nothing", config_file=None, isolated=False, environ={})
    assert (config.file, config.plugins) == (None, PluginSettings())
    assert config.note == f"no config file at or above {tmp_path / 'nothing'}: preset defaults only"


@pytest.mark.parametrize(
    ("plugins", "files", "message"),
    [
        ('["tools/nope"]', {}, "plugins[0]: 'tools/nope': no such folder or .py file"),
        (
            '["ok.py", "notes.txt"]',
            {"ok.py": "", "notes.txt": ""},
            "plugins[1]: 'notes.txt': is not a .py file",
        ),
        ('"rules.py"', {}, "plugins: expected an array of strings, got a string"),
    ],
)
def test_bad_plugins_name_the_key(
    tmp_path: Path, plugins: str, files: dict[str, str], message: str
) -> None:
    write(tmp_path / "pyproject.toml", f"[tool.reviewbot]\nplugins = {plugins}\n")
    for name, text in files.items():
        write(tmp_path / name, text)
    with pytest.raises(ConfigError) as caught:
        read_run_config(tmp_path, config_file=None, isolated=False, environ={})
    pyproject = tmp_path.resolve() / "pyproject.toml"
    assert str(caught.value).startswith(f"{pyproject}: tool.reviewbot.")
    assert message in str(caught.value)


def test_config_with_isolated_is_a_usage_error(tmp_path: Path) -> None:
    path = write(tmp_path / ".reviewbot.toml", "")
    with pytest.raises(UsageError, match="^--config and --isolated cannot be used together$"):
        read_run_config(tmp_path, config_file=path, isolated=True, environ={})


def test_a_baseline_key_naming_a_folder_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / ".reviewbot.toml", 'baseline = "sub"\n')
    (tmp_path / "sub").mkdir()
    with pytest.raises(ConfigError, match=r"baseline: 'sub' is a folder, not a baseline file"):
        read_run_config(tmp_path, config_file=None, isolated=False)


def test_a_baseline_file_that_does_not_exist_yet_is_fine(tmp_path: Path) -> None:
    write(tmp_path / ".reviewbot.toml", 'baseline = "sub/baseline.json"\n')
    assert read_run_config(tmp_path, config_file=None, isolated=False).file is not None


def test_a_symlink_loop_target_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(UsageError, match="symlink loop"):
        read_run_config(tmp_path / "a", config_file=None, isolated=False)
