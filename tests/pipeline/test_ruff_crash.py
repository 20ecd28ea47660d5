"""ruff crashing on one file costs that file ruff's findings, not the run (it used to exit 3).

ruff 0.17 overflows a worker thread's stack on 80 nested ``if`` blocks with SIM102 selected
and aborts the whole process (``tests/hostile/corpus/ruff_crashes_on_80_nested_ifs``). Here a
wrapper around the real ruff aborts, as ruff does, whenever it is handed ``crash.py``, so the
crash is certain: the other files keep their findings and ``crash.py`` gets one RB903.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from reviewbot.cli.main import main
from reviewbot.config.ruff_binary import ruff_binary
from tests.gitrepo import make_repo

WRAPPER = """#!/bin/sh
for arg in "$@"; do
    case "$arg" in *crash.py) echo "fatal runtime error: stack overflow, aborting" >&2; kill -ABRT $$ ;; esac
done
exec "{ruff}" "$@"
"""


@pytest.fixture
def crashing_ruff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wrapper = tmp_path / "ruff"
    wrapper.write_text(WRAPPER.format(ruff=ruff_binary()), encoding="utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("REVIEWBOT_RUFF", str(wrapper))


@pytest.mark.usefixtures("crashing_ruff")
def test_the_file_ruff_crashes_on_gets_one_rb903_and_the_others_keep_their_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {f"m{n}.py": "import os\n" for n in range(5)}
    repo = make_repo(tmp_path / "repo", {**files, "crash.py": "import sys\n"})

    code = main(["check", str(repo), "--format", "json", "--no-cache", "--jobs", "1"])
    found = json.loads(capsys.readouterr().out)["findings"]

    assert code == 0
    assert sorted((f["path"], f["rule"]) for f in found) == sorted(
        [(name, "F401") for name in files] + [("crash.py", "RB903")]
    )
    (crashed,) = [f["message"] for f in found if f["path"] == "crash.py"]
    assert crashed == (
        "ruff crashed on crash.py (fatal runtime error: stack overflow, aborting); "
        "none of ruff's rules checked it"
    )


def test_ruff_failing_on_every_file_is_still_one_line_and_not_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 2 is ruff refusing its configuration, not a crash on one file: nothing to isolate."""
    calls = tmp_path / "calls"
    wrapper = tmp_path / "ruff"
    wrapper.write_text(
        f'#!/bin/sh\nif [ "$1" = check ]; then echo x >> "{calls}"; '
        'echo "ruff failed: unknown setting" >&2; exit 2; fi\n'
        f'exec "{ruff_binary()}" "$@"\n',
        encoding="utf-8",
    )
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("REVIEWBOT_RUFF", str(wrapper))
    repo = make_repo(tmp_path / "repo", {f"m{n}.py": "import os\n" for n in range(4)})

    code = main(["check", str(repo), "--no-cache", "--jobs", "1"])

    assert code == 3
    assert capsys.readouterr().err == (
        "reviewbot: error: ruff check failed (exit 2): ruff failed: unknown setting\n"
    )
    assert calls.read_text(encoding="utf-8") == "x\n"  # one run, no halves
