"""Team rules: ``plugins`` folders and files, entry points, load errors, and ``test-rules``."""

from __future__ import annotations

import importlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from reviewbot.cli.main import main
from reviewbot.config import files as config_files
from reviewbot.config.files import read_toml
from reviewbot.config.run_config import PluginSettings
from reviewbot.ruleset.plugins import load_team_rules
from tests.gitrepo import make_repo, write_files

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "team-rules"
RULE_FILE = "tools/review_rules/acme101_commit_in_handler.py"

TEAM_RULE = '''\
from reviewbot.findings import Category, Severity
from reviewbot.ruleset.api import Invalid, NodeRule, RuleDoc, Valid


class NoTodoNames(NodeRule):
    code = "{code}"
    name = "todo-name"
    category = Category.CONVENTION
    severity = Severity.WARNING
    doc = RuleDoc(what="Checks for names called `todo`.", why="Unfinished.", example="todo = 1", use_instead="done = 1")
    valid = (Valid("done = 1\\n"),)
    invalid = (Invalid("todo = 1\\n", lines=({line},)),)

    def visit_Name(self, node, ctx):
        if node.value == "todo":
            ctx.report(node, "a name called `todo`")
'''


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def team_repo(tmp_path: Path, extra: dict[str, str | bytes] | None = None) -> Path:
    """A git repository holding a copy of the team-rules example (plus ``extra`` files)."""
    root = tmp_path / "acme"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("__pycache__", ".*_cache"))
    write_files(root, extra or {})
    return make_repo(root, {})


def plain_repo(tmp_path: Path, plugins: str, files: dict[str, str | bytes]) -> Path:
    config = f'[tool.reviewbot]\npreset = "recommended"\nplugins = {plugins}\n'
    return make_repo(tmp_path / "team", {"pyproject.toml": config, "app.py": "todo = 1\n", **files})


def findings(out: str) -> list[tuple[str, str, int]]:
    return [(f["rule"], f["path"], f["line"]) for f in json.loads(out)["findings"]]


def test_team_rule_from_a_plugins_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = team_repo(tmp_path)
    code, out, err = run(capsys, "check", str(repo), "--format", "json", "--no-cache")
    assert ("ACME101", "acme/orders.py", 11) in findings(out), err
    assert code == 1  # ACME101 is an error


def test_team_rules_run_in_worker_processes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    handler = (EXAMPLE / "acme" / "orders.py").read_text(encoding="utf-8")
    extra: dict[str, str | bytes] = {f"acme/orders_{index}.py": handler for index in range(8)}
    repo = team_repo(tmp_path, extra)
    serial = run(capsys, "check", str(repo), "--format", "json", "--no-cache", "--jobs", "1")
    pooled = run(capsys, "check", str(repo), "--format", "json", "--no-cache", "--jobs", "2")
    assert findings(serial[1]) == findings(pooled[1])
    assert sum(1 for rule, _, _ in findings(pooled[1]) if rule == "ACME101") == 9


def test_team_rules_are_selected_like_a_presets_and_can_be_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = team_repo(tmp_path)
    code, out, _ = run(capsys, "config", str(repo))
    assert code == 0
    assert "ACME101" in out and "team rules:" in out
    code, out, _ = run(capsys, "check", str(repo), "--format", "json", "--no-cache", "--ignore", "ACME")
    assert "ACME101" not in {rule for rule, _, _ in findings(out)}


def test_single_file_plugin(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rule = TEAM_RULE.format(code="TEAM101", line=1)
    repo = plain_repo(tmp_path, '["review/todo_rule.py"]', {"review/todo_rule.py": rule})
    code, out, _ = run(capsys, "check", str(repo), "--format", "json", "--no-cache")
    assert ("TEAM101", "app.py", 1) in findings(out)
    assert code == 0  # a warning does not block


def test_plugin_with_a_syntax_error_is_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = team_repo(tmp_path, {RULE_FILE: "class Broken(:\n    pass\n"})
    code, out, err = run(capsys, "check", str(repo), "--no-cache")
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"reviewbot: error: {repo / RULE_FILE}: cannot load team rules: SyntaxError:")


def test_plugin_that_raises_on_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = plain_repo(tmp_path, '["rules.py"]', {"rules.py": "import acme_internal_sdk\n"})
    code, _, err = run(capsys, "check", str(repo), "--no-cache")
    assert code == 2
    assert err == (
        f"reviewbot: error: {repo / 'rules.py'}: cannot load team rules: "
        "ModuleNotFoundError: No module named 'acme_internal_sdk'\n"
    )


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("RB101", "the prefix RB belongs to reviewbot's own rules"),
        ("PERF999", "the prefix PERF belongs to a ruff linter"),
        ("acme1", "has a malformed code 'acme1'"),
    ],
)
def test_team_codes_stay_out_of_reviewbots_and_ruffs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], code: str, message: str
) -> None:
    repo = plain_repo(tmp_path, '["rule.py"]', {"rule.py": TEAM_RULE.format(code=code, line=1)})
    exit_code, _, err = run(capsys, "check", str(repo), "--no-cache")
    assert exit_code == 2
    assert message in err and str(repo / "rule.py") in err and err.count("\n") == 1


def test_duplicate_team_codes_name_both_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rule = TEAM_RULE.format(code="TEAM101", line=1)
    repo = plain_repo(tmp_path, '["a.py", "b.py"]', {"a.py": rule, "b.py": rule})
    code, _, err = run(capsys, "check", str(repo), "--no-cache")
    assert code == 2
    assert "rule code TEAM101 is registered twice" in err
    assert err.count("NoTodoNames") == 2


def test_missing_plugin_path_names_the_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = plain_repo(tmp_path, '["tools/nope"]', {})
    code, _, err = run(capsys, "check", str(repo), "--no-cache")
    assert code == 2
    assert err.startswith(
        f"reviewbot: error: {repo / 'pyproject.toml'}: tool.reviewbot.plugins[0]: 'tools/nope': "
        "no such folder or .py file"
    )


def test_pull_request_target_does_not_load_the_checkouts_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = team_repo(tmp_path)
    monkeypatch.setenv("GITHUB_EVENT_NAME", "pull_request_target")
    code, out, err = run(capsys, "check", str(repo), "--format", "json", "--no-cache")
    assert "ACME101" not in {rule for rule, _, _ in findings(out)}
    assert err.count("\n") == 1
    assert err.startswith("reviewbot: warning: not loading team rules from")
    assert "pull_request_target" in err
    assert code == 0


def test_the_config_file_is_read_once_plugins_included(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = team_repo(tmp_path)
    reads: list[Path] = []

    def counting_read(path: Path) -> dict[str, Any]:
        reads.append(path.resolve())
        return read_toml(path)

    monkeypatch.setattr(config_files, "read_toml", counting_read)
    code, out, err = run(capsys, "check", str(repo), "--format", "json", "--no-cache", "--jobs", "1")
    assert ("ACME101", "acme/orders.py", 11) in findings(out), err
    assert reads.count((repo / "pyproject.toml").resolve()) == 1


def test_team_rules_follow_the_run_config_not_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_files(tmp_path, {"rule.py": TEAM_RULE.format(code="TEAM101", line=1)})
    rule = tmp_path / "rule.py"
    monkeypatch.setenv("GITHUB_EVENT_NAME", "pull_request_target")
    loaded = load_team_rules(PluginSettings(paths=(rule,)), frozenset({"E", "F"}))
    assert "TEAM101" in loaded.registry and not loaded.notices
    monkeypatch.delenv("GITHUB_EVENT_NAME")
    refused = load_team_rules(
        PluginSettings(paths=(rule,), config_path=tmp_path / "pyproject.toml", pull_request_target=True),
        frozenset({"E", "F"}),
    )
    assert "TEAM101" not in refused.registry
    assert refused.notices == (
        f"not loading team rules from {rule} (plugins in {tmp_path / 'pyproject.toml'}): a "
        "pull_request_target run must not execute code from the pull request's checkout",
    )
    assert capsys.readouterr().err == f"reviewbot: warning: {refused.notices[0]}\n"


def test_rules_from_an_installed_packages_entry_point(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    write_files(
        site,
        {
            "acme_review/__init__.py": TEAM_RULE.format(code="ACME201", line=1),
            "acme_review-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: acme-review\nVersion: 1.0\n",
            "acme_review-1.0.dist-info/entry_points.txt": "[reviewbot.rules]\nacme = acme_review:NoTodoNames\n",
        },
    )
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    repo = make_repo(tmp_path / "app", {"app.py": "todo = 1\n"})
    code, out, _ = run(capsys, "check", str(repo), "--format", "json", "--no-cache", "--isolated")
    assert ("ACME201", "app.py", 1) in findings(out)
    assert code == 0


def test_test_rules_passes_on_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "test-rules", str(EXAMPLE))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("ACME101 commit-in-request-handler (")
    assert lines[1:] == [
        "  PASS valid[0] (flushing is fine: the middleware still owns the transaction)",
        "  PASS valid[1] (a batch job is not a request handler)",
        "  PASS invalid[0]",
        "  PASS invalid[1]",
        "4 examples: 4 passed, 0 failed.",
    ]


def test_test_rules_reports_each_failing_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rule = TEAM_RULE.format(code="TEAM101", line=2)  # the finding is on line 1
    repo = plain_repo(tmp_path, '["rule.py"]', {"rule.py": rule})
    code, out, _ = run(capsys, "test-rules", str(repo))
    assert code == 1
    assert "  PASS valid[0]" in out
    assert "  FAIL invalid[0]: findings on lines (1,), expected (2,)" in out
    assert out.endswith("2 examples: 1 passed, 1 failed.\n")


def test_test_rules_without_team_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "test-rules", str(tmp_path))
    assert code == 0
    assert out.startswith(f"No team rules in effect for {tmp_path}")
