"""`reviewbot check` end to end: real git repositories, the real ruff binary, main([...])."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from reviewbot import __version__
from reviewbot.cli.main import main
from tests.gitrepo import make_repo
from tests.snapshot import assert_snapshot

SERVICE = '''\
"""Billing."""

import os


def render(orders, seen=[]):
    report = ""
    for order in orders:
        report += str(order)
    return report


def lookup(code):
    try:
        return {"a": 1}[code]
    except:
        return None
'''

CONFIG = """\
[tool.reviewbot]
preset = "recommended"
extend-select = ["RB301"]  # advisory: in "strict" only unless a team opts in

[tool.reviewbot.thresholds]
cognitive = 3
cognitive-min-lines = 1
"""

BRANCHY = '''\
def classify(a, b, c):
    if a:
        if b:
            return 1
        elif c:
            return 2
    for x in b:
        if x and c or a:
            return 3
    return 0
'''


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    return make_repo(
        tmp_path / "shop",
        {
            "pyproject.toml": CONFIG,
            "billing/service.py": SERVICE,
            "billing/rules.py": BRANCHY,
            "billing/__init__.py": "",
            "build/generated.py": "import os\n",
            ".gitignore": "ignored.py\n",
            "ignored.py": "import sys\n",
        },
    )


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version") == (0, f"reviewbot {__version__}\n", "")


def test_text_report(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    code, out, err = run(capsys, "check", str(repo), "--no-cache", "--jobs", "1")
    assert code == 1, err
    assert_snapshot("check.txt", out)


def test_concise_report(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    code, out, _ = run(capsys, "check", "--no-cache", "--output-format", "concise")
    assert code == 1
    assert_snapshot("check_concise.txt", out)


def test_markdown_report(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    code, out, _ = run(capsys, "check", str(repo), "--no-cache", "--format", "markdown")
    assert code == 1
    assert_snapshot("check.md", out)


def test_json_report_and_gitignore(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(repo), "--format", "json", "--no-cache")
    report = json.loads(out)
    paths = {f["path"] for f in report["findings"]}
    assert "ignored.py" not in paths  # gitignored
    assert {"billing/service.py", "billing/rules.py", "build/generated.py"} <= paths
    first = report["findings"][0]
    assert set(first) == {
        "rule", "category", "severity", "path", "line", "column", "end_line", "end_column",
        "message", "rationale", "fix", "fingerprint",
    }
    assert report["summary"]["files"] == 4
    assert code == 1


def test_exclude_and_fail_on(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with_exclude = CONFIG.replace('preset = "recommended"', 'preset = "recommended"\nexclude = ["build/**"]')
    (repo / "pyproject.toml").write_text(with_exclude)
    code, out, _ = run(capsys, "check", str(repo), "--format", "json", "--no-cache", "--fail-on", "never")
    assert code == 0
    assert "build/generated.py" not in {f["path"] for f in json.loads(out)["findings"]}


def test_select_and_ignore_on_the_command_line(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(repo), "--format", "json", "--no-cache", "--select", "RB301,F401")
    rules = {f["rule"] for f in json.loads(out)["findings"]}
    assert rules == {"RB301", "F401"}
    assert code == 0  # RB301 is info (as the presets declare it) and F401 is downgraded to warning


def test_only_blocking_severity_fails(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "check", str(repo), "--no-cache", "--select", "RB301", "--fail-on", "warning")
    assert code == 0  # RB301 is info
    code, _, _ = run(capsys, "check", str(repo), "--no-cache", "--select", "RB301", "--fail-on", "info")
    assert code == 1


def test_output_file_and_sarif(repo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.sarif"
    code, out, _ = run(capsys, "check", str(repo), "--format", "sarif", "--output", str(target), "--no-cache")
    assert out == ""
    log = json.loads(target.read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    assert code == 1


def test_suppression_comments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = (
        "def render(rows):\n"
        "    text = ''\n"
        "    for row in rows:\n"
        "        text += row  # reviewbot: ignore[RB301]\n"
        "    return text\n"
        "x = 1  # reviewbot: ignore[RB302]\n"
    )
    repo = make_repo(tmp_path / "r", {"m.py": source})
    code, out, _ = run(capsys, "check", str(repo), "--format", "json", "--no-cache", "--select", "RB301,RB103")
    report = json.loads(out)
    assert [(f["rule"], f["line"]) for f in report["findings"]] == [("RB103", 6)]
    assert report["summary"]["suppressed"] == 1


def test_cache_gives_the_same_result(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = run(capsys, "check", str(repo), "--format", "json")
    assert (repo / ".reviewbot_cache" / "results.sqlite3").exists()
    second = run(capsys, "check", str(repo), "--format", "json")
    strip = lambda out: [(f["rule"], f["path"], f["line"], f["fingerprint"]) for f in json.loads(out)["findings"]]  # noqa: E731
    assert strip(first[1]) == strip(second[1])


def test_missing_path_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", str(tmp_path / "nope"))
    assert code == 2
    assert err == f"reviewbot: error: path does not exist: {tmp_path / 'nope'}\n"


def test_config_error_names_file_and_key(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "pyproject.toml").write_text("[tool.reviewbot.thresholds]\ncyclomatc = 3\n")
    code, _, err = run(capsys, "check", str(repo))
    assert code == 2
    assert err.count("\n") == 1
    assert str(repo / "pyproject.toml") in err
    assert "tool.reviewbot.thresholds.cyclomatc" in err and "did you mean 'cyclomatic'?" in err


def test_broken_ruff_binary_is_one_line_exit_3(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "ruff"
    broken.write_text("#!/bin/sh\necho 'ruff: segmentation fault' >&2\nexit 139\n")
    broken.chmod(broken.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("REVIEWBOT_RUFF", str(broken))
    code, _, err = run(capsys, "check", str(repo))
    assert code == 3
    assert err == "reviewbot: error: ruff rule failed (exit 139): ruff: segmentation fault\n"


def test_unknown_option_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "--frobnicate")
    assert code == 2
    assert "No such option '--frobnicate'" in err


def test_bad_input_never_stops_the_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_repo(
        tmp_path / "bad",
        {
            "syntax.py": "def broken(:\n    pass\n",
            "latin.py": b"# -*- coding: utf-8 -*-\nname = '\xff\xfe'\n",
            "nul.py": b"x = 1\n\x00\n",
            "good.py": "def render(rows):\n    s = ''\n    for r in rows:\n        s += r\n    return s\n",
        },
    )
    code, out, _ = run(capsys, "check", str(repo), "--format", "json", "--no-cache", "--select", "RB301")
    found = {(f["path"], f["rule"], f["line"]) for f in json.loads(out)["findings"]}
    assert ("syntax.py", "RB900", 1) in found
    assert ("latin.py", "RB901", 2) in found
    assert ("nul.py", "RB901", 2) in found
    assert ("good.py", "RB301", 4) in found
    assert code == 1


def test_unreadable_file_is_a_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(tmp_path / "perm", {"secret.py": "x = 1\n", "open.py": "y = 2\n"})
    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "secret.py":  # running as root, chmod cannot make a file unreadable
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    code, out, _ = run(capsys, "check", str(repo), "--format", "json", "--no-cache", "--jobs", "1")
    messages = [f["message"] for f in json.loads(out)["findings"] if f["rule"] == "RB901"]
    assert messages == ["secret.py could not be read: Permission denied"]
    assert code == 1


def test_outside_git_walks_the_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "plain"
    (folder / "pkg").mkdir(parents=True)
    (folder / "pkg" / "a.py").write_text("import os\n")
    (folder / ".venv").mkdir()
    (folder / ".venv" / "b.py").write_text("import os\n")
    (folder / "stub.pyi").write_text("def f() -> int: ...\n")
    code, out, _ = run(capsys, "check", str(folder), "--format", "json", "--no-cache", "--isolated")
    assert json.loads(out)["summary"]["files"] == 2
    assert {f["path"] for f in json.loads(out)["findings"]} == {"pkg/a.py"}
    assert code == 0


def test_rules_and_explain(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0 and "RB301" in out and "string-concat-in-loop" in out
    code, out, _ = run(capsys, "explain", "RB301")
    assert code == 0 and "## Why is this bad?" in out
    code, out, _ = run(capsys, "explain", "PERF401")
    assert code == 0 and "manual-list-comprehension" in out
    code, _, err = run(capsys, "explain", "RB3O1")
    assert code == 2 and err.startswith("reviewbot: error: unknown rule code 'RB3O1'; did you mean RB")


@pytest.mark.parametrize(
    ("code", "said"),
    [
        ("B006", "changes the default in place"),
        ("E722", "swallows KeyboardInterrupt and SystemExit"),
        ("BLE001", "dropped as `handler:<kind>`"),
    ],
)
def test_explain_says_how_reviewbot_judges_a_ruff_code(
    capsys: pytest.CaptureFixture[str], code: str, said: str
) -> None:
    exit_code, out, _ = run(capsys, "explain", code)
    assert exit_code == 0 and said in out
    assert out.index(said) < out.index("Severity in the default policy")


def test_config_command(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "config", str(repo))
    assert code == 0
    assert "cognitive" in out and "pyproject.toml" in out


def test_python_dash_m(repo: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "reviewbot", "--version"], capture_output=True, text=True, cwd=os.sep, check=False
    )
    assert done.stdout == f"reviewbot {__version__}\n"


def test_process_pool_gives_the_same_findings_as_one_process(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = {
        f"pkg/module_{index}.py": SERVICE.replace("render", f"render_{index}") for index in range(12)
    }
    repo = make_repo(tmp_path / "many", files)
    serial = run(capsys, "check", str(repo), "--format", "json", "--no-cache", "--jobs", "1")
    pooled = run(capsys, "check", str(repo), "--format", "json", "--no-cache", "--jobs", "2")
    assert json.loads(serial[1])["findings"] == json.loads(pooled[1])["findings"]
    assert len(json.loads(pooled[1])["findings"]) >= 12


# -- issue 12: bad input --------------------------------------------------------------------


def test_a_plugin_that_exits_on_import_stops_the_run_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "quitter.py").write_text("import sys\nsys.exit(0)\n")
    (tmp_path / "pyproject.toml").write_text('[tool.reviewbot]\nplugins = ["rules"]\n')
    (tmp_path / "app.py").write_text("def f(:\n")  # a blocking finding, were it checked

    code, out, err = run(capsys, "check", str(tmp_path / "app.py"), "--no-cache")

    assert code == 2 and out == ""
    quitter = tmp_path / "rules" / "quitter.py"
    assert err == (
        f"reviewbot: error: {quitter}: cannot load team rules: it called sys.exit(0) on import\n"
    )


def test_a_folder_without_python_files_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "README.md").write_text("# docs\n")

    code, out, err = run(capsys, "check", str(tmp_path / "docs"), "--no-cache")

    assert code == 2 and out == ""
    docs = tmp_path / "docs"
    assert err == f"reviewbot: error: no Python file to check in {docs} (nothing was checked)\n"


def test_named_files_that_are_all_excluded_warn_and_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.reviewbot]\nexclude = ["gen/**"]\n')
    generated = tmp_path / "gen" / "out.py"
    generated.parent.mkdir()
    generated.write_text("def f(:\n")

    code, _, err = run(capsys, "check", str(generated), "--no-cache")  # as pre-commit passes it

    assert code == 0
    assert "reviewbot: warning: no Python file to check" in err


@pytest.mark.parametrize(
    ("code", "hint"),
    [
        ("RB999", " (known: "),  # nothing near: no unrelated ruff rule (it used to say N999)
        ("RB3O1", "; did you mean RB301?"),
        ("rb3011", "; did you mean RB301?"),
    ],
)
def test_explain_suggests_only_a_close_code_of_the_same_family(
    capsys: pytest.CaptureFixture[str], code: str, hint: str
) -> None:
    exit_code, _, err = run(capsys, "explain", code)
    assert exit_code == 2
    assert err.startswith(f"reviewbot: error: unknown rule code {code!r}{hint}")


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--staged", "--base", "main"], "--staged and --base contradict"),
        (["--all-lines"], "--all-lines goes with --staged"),
    ],
)
def test_flags_that_contradict_are_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: list[str], message: str
) -> None:
    code = main(["check", str(tmp_path), *flags])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"reviewbot: error: {message}") and err.count("\n") == 1


def test_the_help_says_what_jobs_0_means(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--help"]) == 0
    assert "0 (the default) uses every" in capsys.readouterr().out
