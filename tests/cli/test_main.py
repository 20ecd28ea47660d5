"""``main()``: how errors end a run, and ``--debug`` (one declaration, read in one place)."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import click
import pytest

from reviewbot.cli.main import cli, main
from reviewbot.cli.options import Invocation
from reviewbot.errors import UsageError

MAIN_MODULE = importlib.import_module("reviewbot.cli.main")  # the package re-exports main()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().err


@pytest.fixture
def missing(tmp_path: Path) -> str:
    return str(tmp_path / "missing.toml")


def test_an_error_is_one_line_without_a_traceback(
    capsys: pytest.CaptureFixture[str], missing: str
) -> None:
    code, err = run(capsys, "check", "--config", missing)

    assert code == 2
    assert err == f"reviewbot: error: {missing}: no such config file\n"


@pytest.mark.parametrize(
    "args",
    [
        ("--debug", "check"),  # on the group
        ("check", "--debug"),  # after the command, as the README shows it
        ("baseline", "--debug"),
        ("--debug", "fix"),  # fix takes it on the group only
    ],
)
def test_debug_adds_the_traceback_before_the_same_line(
    capsys: pytest.CaptureFixture[str], missing: str, args: tuple[str, ...]
) -> None:
    code, err = run(capsys, *args, "--config", missing)

    assert code == 2
    assert err.startswith("Traceback (most recent call last):\n")
    assert err.endswith(f"reviewbot: error: {missing}: no such config file\n")


def test_review_takes_debug_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)  # off Actions, whatever runs the tests
    absent = str(tmp_path / "none.md")

    code, err = run(capsys, "review", "--base", "main", "--debug", "--description-file", absent)

    assert code == 2
    assert err.startswith("Traceback (most recent call last):\n")
    assert "reviewbot: error: cannot read --description-file" in err


@pytest.mark.parametrize("debug", [False, True])
def test_a_crash_is_an_internal_error_exit_3(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, debug: bool
) -> None:
    def crash(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(MAIN_MODULE, "run_check", crash)

    code, err = run(capsys, "check", *(["--debug"] if debug else []), "--no-cache")

    assert code == 3
    hint = "" if debug else " (rerun with --debug)"  # with --debug the traceback is there
    assert err.endswith(f"reviewbot: internal error: RuntimeError: boom{hint}\n")
    assert ("Traceback (most recent call last):" in err) is debug


def test_debug_is_recorded_in_the_context_object_not_passed_to_commands() -> None:
    invocation = Invocation()
    seen: list[bool] = []

    @cli.command("probe-debug")
    def probe() -> None:
        seen.append(invocation.debug)
        raise UsageError("stop")

    try:
        with pytest.raises(UsageError):
            cli.main(["--debug", "probe-debug"], standalone_mode=False, obj=invocation)
    finally:
        cli.commands.pop("probe-debug")

    assert seen == [True] and invocation.debug
    assert "debug" not in {p.name for p in cli.params if p.expose_value}


def test_click_errors_keep_clicks_message(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, "fix", "--debug")

    assert code == click.UsageError.exit_code
    assert "No such option '--debug'" in err


def test_the_command_line_loads_without_pygithub() -> None:
    probe = "import sys, reviewbot.cli; print(sorted({'github', 'requests'} & set(sys.modules)))"

    shown = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )

    assert shown.stdout.strip() == "[]"


def test_a_file_click_cannot_open_is_reviewbots_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    unreadable = str(tmp_path / "report.txt")

    @cli.command("probe-file")
    def probe() -> None:
        raise click.FileError(unreadable, "Permission denied")

    try:
        code, err = run(capsys, "probe-file")
    finally:
        cli.commands.pop("probe-file")

    assert code == 2
    assert err == f"reviewbot: error: {unreadable}: cannot read: Permission denied\n"


def test_a_symlink_loop_on_the_command_line_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")

    code, err = run(capsys, "check", "--no-cache", "a")

    assert code == 2
    assert err.startswith("reviewbot: error: ") and "symlink loop" in err
    assert err.count("\n") == 1
