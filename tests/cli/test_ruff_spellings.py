"""Issue 12 items 16-17: ruff's spellings and conventions on ``check`` and ``review``.

Real git repositories, the real ruff binary, ``main([...])``: paths relative to the current
folder in the human formats only, ``--output-format``/``-o``, ``--exit-zero``, ``--statistics``,
``--color`` with ``FORCE_COLOR``/``NO_COLOR``, ``--show-files`` and ``--stdin-filename``.
"""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

from reviewbot.cli.main import main
from tests.gitrepo import commit_all, git, make_repo

CORE = "import os\n\n\ndef total(items=[]):\n    items.append(0)\n    return sum(items)\n"
URLS = "import sys\n"
ANSI = "\x1b["


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with ``shop/core.py`` and ``_urls.py``; colour variables cleared."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return make_repo(
        tmp_path / "project",
        {
            "pyproject.toml": "[tool.reviewbot]\nexclude = ['gen/**']\n",
            "shop/core.py": CORE,
            "_urls.py": URLS,
            "gen/made.py": URLS,
        },
    )


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


FINDING = re.compile(r"^(\S[^:]*:\d+:\d+: \S+) \[", re.MULTILINE)


def headers(out: str) -> list[str]:
    """The ``path:line:col: CODE`` start of each finding line of a text report."""
    return FINDING.findall(out)


# -- item 16: paths relative to the current folder, in the human formats only --


def test_inside_a_subfolder_a_named_file_is_shown_as_named(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo / "shop")
    code, out, _ = run(capsys, "check", "core.py", "--no-cache")
    assert code == 1
    assert headers(out) == ["core.py:1:8: F401", "core.py:4:17: B006"]


def test_files_above_the_current_folder_get_dot_dot(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo / "shop")
    _, out, _ = run(capsys, "check", "..", "--no-cache", "--output-format", "concise")
    assert headers(out) == ["../_urls.py:1:8: F401", "core.py:1:8: F401", "core.py:4:17: B006"]


def test_from_outside_the_repository_paths_lead_into_it(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = repo.parent / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    _, out, _ = run(capsys, "check", str(repo), "--no-cache")
    assert headers(out)[0] == "../project/_urls.py:1:8: F401"
    _, markdown, _ = run(capsys, "check", str(repo), "--no-cache", "--output-format", "markdown")
    assert "### `../project/shop/core.py`" in markdown


@pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
def test_machine_formats_stay_repository_relative(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.chdir(repo / "shop")
    _, out, _ = run(capsys, "check", "core.py", "--no-cache", "--output-format", fmt)
    assert "shop/core.py" in out
    assert "../" not in out


def test_a_dangling_symlink_is_reported_once_however_it_is_found(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "shop" / "gone.py").symlink_to("nowhere.py")
    commit_all(repo, "a dangling symlink")
    loose = repo.parent / "loose"
    loose.mkdir()
    (loose / "gone.py").symlink_to("nowhere.py")
    monkeypatch.chdir(repo)
    for args in (["shop"], ["shop/gone.py"], [str(loose)]):
        _, out, _ = run(capsys, "check", *args, "--no-cache", "--output-format", "json")
        found = [f for f in json.loads(out)["findings"] if f["path"].endswith("gone.py")]
        assert [f["rule"] for f in found] == ["RB901"], args
        assert "nowhere" not in out


# -- item 17: ruff's spellings --


def test_output_format_and_format_are_one_option(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    _, new, _ = run(capsys, "check", "--no-cache", "--output-format", "concise")
    _, old, _ = run(capsys, "check", "--no-cache", "--format", "concise")
    _, text, _ = run(capsys, "check", "--no-cache", "--format", "text")
    _, default, _ = run(capsys, "check", "--no-cache")
    assert new == old
    assert text == default != new
    assert "  = help: reviewbot explain F401" in default


@pytest.mark.parametrize("flag", ["-o", "--output-file", "--output"])
def test_output_file_spellings_write_the_report(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, flag: str
) -> None:
    monkeypatch.chdir(repo)
    target = repo.parent / "out" / "report.json"
    code, out, _ = run(capsys, "check", "--no-cache", "--output-format", "json", flag, str(target))
    assert code == 1
    assert out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["findings"] == 3


def test_exit_zero_passes_but_the_report_still_blocks(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    code, out, _ = run(capsys, "check", "--no-cache", "--exit-zero")
    assert code == 0
    assert "1 blocking at --fail-on error" in out
    assert run(capsys, "check", "--no-cache", "--exit-zero", "--fail-on", "never")[0] == 0


@pytest.mark.parametrize("command", ["check", "review"])
def test_exit_zero_and_a_failing_fail_on_contradict(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.chdir(repo)
    code, out, err = run(capsys, command, "--exit-zero", "--fail-on", "warning")
    assert code == 2
    assert out == ""
    assert err == (
        "reviewbot: error: --exit-zero and --fail-on warning contradict: "
        "exit 0 whatever is found, or fail at a severity\n"
    )


def test_statistics_counts_findings_per_rule(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    code, out, _ = run(capsys, "check", "--no-cache", "--statistics")
    assert code == 1
    assert out.splitlines() == [
        "2\tF401\t[*] unused-import",
        "1\tB006\t[ ] mutable-argument-default",
        "Found 3 findings (1 error, 2 warnings) in 2 files; 1 blocking at --fail-on error.",
    ]
    _, raw, _ = run(capsys, "check", "--no-cache", "--statistics", "--output-format", "json")
    assert json.loads(raw)[0] == {
        "code": "F401",
        "name": "unused-import",
        "count": 2,
        "fixable": True,
        "fixable_count": 2,
    }


def test_statistics_refuses_a_format_that_is_not_a_table(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "check", str(repo), "--statistics", "--output-format", "sarif")
    assert code == 2
    assert (
        err == "reviewbot: error: --statistics prints a table or JSON, not --output-format sarif\n"
    )


def _terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the captured stdout claim to be a terminal, as ``auto`` asks."""
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)


@pytest.mark.parametrize(
    ("env", "terminal", "flag", "colored"),
    [
        ({}, False, "auto", False),
        ({}, True, "auto", True),
        ({"NO_COLOR": "1"}, True, "auto", False),
        ({"NO_COLOR": ""}, True, "auto", True),  # an empty NO_COLOR does not count
        ({"FORCE_COLOR": "1"}, False, "auto", True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, "auto", True),  # as ruff: FORCE wins
        ({"FORCE_COLOR": "1"}, True, "never", False),  # the flag wins over the environment
        ({"NO_COLOR": "1"}, False, "always", True),
    ],
)
def test_colour_follows_the_flag_the_environment_and_the_terminal(  # noqa: PLR0913 - the matrix
    repo: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *,
    env: dict[str, str],
    terminal: bool,
    flag: str,
    colored: bool,
) -> None:
    monkeypatch.chdir(repo)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    if terminal:
        _terminal(monkeypatch)
    _, out, _ = run(capsys, "check", "--no-cache", "--color", flag)
    assert (ANSI in out) is colored


def test_a_report_file_gets_colour_only_when_asked_always(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    monkeypatch.setenv("FORCE_COLOR", "1")
    auto, always = repo.parent / "auto.txt", repo.parent / "always.txt"
    run(capsys, "check", "--no-cache", "-o", str(auto))
    run(capsys, "check", "--no-cache", "-o", str(always), "--color", "always")
    assert ANSI not in auto.read_text(encoding="utf-8")
    assert ANSI in always.read_text(encoding="utf-8")


def test_machine_formats_never_get_colour(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    _, out, _ = run(capsys, "check", "--no-cache", "--color", "always", "--output-format", "json")
    assert ANSI not in out
    json.loads(out)


def test_show_files_lists_what_would_be_checked_and_exits_0(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo / "shop")
    code, out, err = run(capsys, "check", "--show-files", "..")
    assert (code, err) == (0, "")
    assert out.splitlines() == ["../_urls.py", "core.py"]  # gen/ is excluded by the config
    assert not (repo / ".reviewbot_cache").exists()


def test_show_files_with_nothing_to_check_warns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", "--show-files", str(tmp_path))
    assert (code, out) == (0, "")
    assert err == "reviewbot: warning: no Python file to check\n"


def _tree(root: Path) -> list[str]:
    """Every file and folder under ``root`` but git's own."""
    return sorted(
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if ".git" not in path.relative_to(root).parts
    )


def _stdin(monkeypatch: pytest.MonkeyPatch, source: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(source.encode("utf-8"))))


@pytest.mark.parametrize("dash", [["-"], []])
def test_stdin_is_checked_as_the_named_file_and_nothing_is_written(
    repo: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    dash: list[str],
) -> None:
    monkeypatch.chdir(repo)
    before = _tree(repo)
    _stdin(monkeypatch, "import json\n\nVALUE = 1\n")
    code, out, err = run(
        capsys, "check", "--stdin-filename", "shop/unsaved.py", *dash, "--output-format", "json"
    )
    assert code == 0, err
    report = json.loads(out)
    assert [(f["path"], f["rule"], f["line"]) for f in report["findings"]] == [
        ("shop/unsaved.py", "F401", 1)
    ]
    assert report["summary"]["files"] == 1
    assert _tree(repo) == before  # no cache, no file: not .reviewbot_cache, not .ruff_cache
    assert not (repo / "shop" / "unsaved.py").exists()


def test_stdin_uses_the_config_that_applies_to_the_named_path(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "shop" / ".reviewbot.toml").write_text('ignore = ["F401"]\n', encoding="utf-8")
    monkeypatch.chdir(repo)
    _stdin(monkeypatch, CORE)
    code, out, _ = run(capsys, "check", "--stdin-filename", "shop/core.py", "-")
    assert code == 1
    assert headers(out) == ["shop/core.py:4:17: B006"]  # F401 ignored by shop's config
    assert "4 | def total(items=[]):" in out  # the code line comes from the buffer


def test_stdin_buffer_in_an_excluded_path_is_a_warning(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    _stdin(monkeypatch, URLS)
    code, out, err = run(capsys, "check", "--stdin-filename", "gen/made.py", "-")
    assert code == 0
    assert "Found" not in out and "No findings in 0 files." in out
    assert "no Python file to check" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-"], "reading stdin (-) needs --stdin-filename PATH"),
        (["--stdin-filename", "a.py", "-", "b.py"], "--stdin-filename checks the source on stdin"),
        (["--stdin-filename", "a.py", "--staged"], "--stdin-filename checks one buffer whole"),
        (["--show-files", "--base", "main"], "--show-files lists the files of PATHS"),
    ],
)
def test_input_flags_that_contradict_are_one_line_exit_2(
    repo: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(repo)
    code, out, err = run(capsys, "check", *args)
    assert (code, out) == (2, "")
    assert err.startswith(f"reviewbot: error: {message}") and err.count("\n") == 1


# -- review takes the spellings that apply to it --


@pytest.fixture
def change(repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``repo`` on a topic branch whose commit adds a bare ``except``."""
    git(repo, "checkout", "-q", "-b", "topic")
    (repo / "shop" / "risky.py").write_text(
        "def f():\n    try:\n        return 1\n    except:\n        return 2\n", encoding="utf-8"
    )
    commit_all(repo, "risky")
    monkeypatch.chdir(repo)
    return repo


def test_review_writes_its_json_with_output_file_and_exit_zero(
    change: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = change.parent / "review.json"
    code, out, _ = run(
        capsys,
        "review",
        "--base",
        "main",
        "--dry-run",
        "--output-format",
        "json",
        "-o",
        str(target),
        "--exit-zero",
    )
    assert (code, out) == (0, "")
    review = json.loads(target.read_text(encoding="utf-8"))
    assert "E722" in [f["rule"] for f in review["findings"]["new"]]
    assert run(capsys, "review", "--base", "main", "--dry-run", "--format", "json")[0] == 1


def test_review_colours_its_text_only_when_asked(
    change: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, plain, _ = run(capsys, "review", "--base", "main", "--dry-run")
    _, always, _ = run(capsys, "review", "--base", "main", "--dry-run", "--color", "always")
    monkeypatch.setenv("FORCE_COLOR", "1")
    _, forced, _ = run(capsys, "review", "--base", "main", "--dry-run")
    assert ANSI not in plain
    assert ANSI in always and ANSI in forced
