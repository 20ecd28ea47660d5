"""`reviewbot baseline`, and the baseline in check, --base, --staged and review: real git repos."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewbot.cli.main import main
from tests.gitrepo import commit_all, git, make_repo, write_files

SERVICE = '''\
"""Billing."""


def render(parts, seen=[]):
    report = ""
    for part in parts:
        report += str(part)
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
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with legacy debt and a committed baseline of it; cwd is its root."""
    root = make_repo(tmp_path / "repo", {"service.py": SERVICE, "pyproject.toml": CONFIG})
    monkeypatch.chdir(root)
    assert main(["baseline", "--no-cache"]) == 0
    commit_all(root, "baseline")
    return root


def _touched() -> str:
    """SERVICE with both smelly lines edited (re-indented, commented), same fingerprints."""
    return SERVICE.replace("    ", "\t").replace("seen=[]):", "seen=[]):  # legacy")


def _json_check(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    capsys.readouterr()
    main(["check", "--no-cache", "--quiet", "--format", "json", *args])
    report: dict[str, object] = json.loads(capsys.readouterr().out)
    return report


def _rules(report: dict[str, object]) -> list[str]:
    findings = report["findings"]
    assert isinstance(findings, list)
    return [finding["rule"] for finding in findings]


def test_baseline_then_check_reports_nothing(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["check", "--no-cache", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "No findings" in out
    assert "hidden by the baseline (reviewbot-baseline.json)" in out


def test_the_file_is_sorted_one_entry_per_line_without_line_numbers(repo: Path) -> None:
    text = (repo / "reviewbot-baseline.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["version"] == 1 and data["tool"] == "reviewbot"
    entries = data["entries"]
    assert len(entries) >= 2
    assert all(set(entry) == {"fingerprint", "rule", "path", "snippet"} for entry in entries)
    assert not any("line" in entry for entry in entries)
    keys = [(e["path"], e["rule"], e["fingerprint"]) for e in entries]
    assert keys == sorted(keys)
    entry_lines = [line for line in text.splitlines() if '"fingerprint"' in line]
    assert len(entry_lines) == len(entries)  # one line per entry: one-line diffs
    assert {"rule": "E722", "path": "service.py", "snippet": "except:"}.items() <= next(
        e for e in entries if e["rule"] == "E722"
    ).items()
    assert text.endswith("}\n")


def test_a_new_smell_is_exactly_what_appears(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    changed = SERVICE.replace("def lookup(code):", "def lookup(code, cache={}):")
    write_files(repo, {"service.py": changed})
    report = _json_check(capsys)
    assert _rules(report) == ["B006"]
    findings = report["findings"]
    assert isinstance(findings, list) and findings[0]["line"] == 11
    summary = report["summary"]
    assert isinstance(summary, dict)
    assert summary["baseline"] == {"path": "reviewbot-baseline.json", "hidden": 2, "stale": 0}


def test_moving_code_keeps_everything_hidden(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    moved = SERVICE.replace('"""Billing."""\n', '"""Billing."""\n\nRATE = 2\nLIMIT = 3\n\n\n')
    write_files(repo, {"service.py": moved})
    assert _rules(_json_check(capsys)) == []


def test_no_baseline_shows_everything(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = _json_check(capsys, "--no-baseline")
    assert sorted(_rules(report)) == ["B006", "E722"]
    summary = report["summary"]
    assert isinstance(summary, dict) and "baseline" not in summary


def test_a_fixed_smell_is_a_stale_entry(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_files(repo, {"service.py": SERVICE.replace("    except:", "    except KeyError:")})
    capsys.readouterr()
    assert main(["baseline", "--check", "--no-cache"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("service.py: E722 ") and out[0].endswith("except:")
    assert "1 stale entry" in out[1] and "reviewbot baseline" in out[1]
    assert main(["baseline", "--no-cache"]) == 0
    assert main(["baseline", "--check", "--no-cache"]) == 0
    entries = json.loads((repo / "reviewbot-baseline.json").read_text(encoding="utf-8"))["entries"]
    assert [e["rule"] for e in entries] == ["B006"]


def test_config_baseline_key_is_relative_to_the_config(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(repo, {"pyproject.toml": CONFIG + 'baseline = "ci/debt.json"\n'})
    capsys.readouterr()
    assert main(["baseline", "--no-cache"]) == 0
    assert "to ci/debt.json" in capsys.readouterr().out
    (repo / "reviewbot-baseline.json").unlink()
    summary = _json_check(capsys)["summary"]
    assert isinstance(summary, dict)
    assert summary["baseline"] == {"path": "ci/debt.json", "hidden": 2, "stale": 0}


def test_the_hook_honours_the_baseline(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Touch both smelly lines: without the baseline the staged check reports them.
    write_files(repo, {"service.py": _touched()})
    git(repo, "add", "service.py")
    capsys.readouterr()
    assert main(["check", "--staged", "--quiet", "--no-cache"]) == 0
    report = _json_check(capsys, "--staged", "--no-baseline")
    assert sorted(_rules(report)) == ["B006", "E722"]


def test_check_base_honours_the_baseline(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(repo, "branch", "trunk")
    write_files(repo, {"service.py": _touched()})
    report = _json_check(capsys, "--base", "trunk")
    assert _rules(report) == []
    unhidden = _json_check(capsys, "--base", "trunk", "--no-baseline")
    assert sorted(_rules(unhidden)) == ["B006", "E722"]


def _review_new(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    capsys.readouterr()
    main(["review", "--base", "main", "--dry-run", "--format", "json", "--no-cache", *args])
    review = json.loads(capsys.readouterr().out)
    return sorted(finding["rule"] for finding in review["findings"]["new"])


def test_review_hides_baselined_findings_from_new(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A new file copied from legacy code and edited (a byte-identical copy would not be new): its
    # fingerprints name another path, and the untouched original is not analysed, so they are new...
    git(repo, "checkout", "-q", "-b", "feature")
    write_files(repo, {"billing.py": SERVICE.replace('"""Billing."""', '"""Billing, again."""')})
    commit_all(repo, "copy")
    assert _review_new(capsys) == ["B006", "E722", "RB502"]  # RB502: no tests for new code
    # ...until they are baselined too; a policy-level finding (no path) never is.
    assert main(["baseline", "--no-cache"]) == 0
    commit_all(repo, "accept the copy")
    assert _review_new(capsys) == ["RB502"]
    assert _review_new(capsys, "--no-baseline") == ["B006", "E722", "RB502"]
