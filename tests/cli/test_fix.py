"""``reviewbot fix``: safe fixes from reviewbot's rules and ruff, previews, refusals, atomic writes."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from reviewbot.atomic_file import write_atomically
from reviewbot.cli.main import main
from tests.gitrepo import make_repo
from tests.snapshot import assert_snapshot

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo-service"

MODULE = """\
import sys
import os


def total(prices: list[int]) -> int:
    amount = 0
    prices = list(prices)
    for i in range(len(prices)):
        amount += prices[i]
    return amount + len(sys.argv) + len(os.sep)


def lookup(code):
    try:
        return {"a": 1}[code]
    except:
        return None
"""

BROKEN_FIX_RULE = '''\
from reviewbot.engine.context import Replacement
from reviewbot.findings import Category, Severity
from reviewbot.ruleset.api import Invalid, NodeRule, RuleDoc


class RenameTodo(NodeRule):
    code = "TEAM901"
    name = "rename-todo"
    category = Category.CONVENTION
    severity = Severity.WARNING
    fixable = True
    doc = RuleDoc(what="Renames `todo`.", why="Tests a broken fix.", example="todo = 1", use_instead="done = 1")
    valid = ()
    invalid = (Invalid("todo = 1\\n", lines=(1,)),)

    def visit_Name(self, node, ctx):
        if node.value == "todo":
            ctx.report(node, "a name called `todo`", fix=Replacement(node, "("))
'''


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def fixable(out: str, *, unsafe: bool) -> list[str]:
    """The findings of a JSON report that ``fix`` would still change."""
    return [
        f"{f['path']}:{f['line']} {f['rule']}"
        for f in json.loads(out)["findings"]
        if f["fix"] is not None and (f["fix"]["safe"] or unsafe)
    ]


@pytest.fixture()
def module_repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "shop", {"billing.py": MODULE})


def test_diff_previews_without_writing(module_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "fix", str(module_repo), "--diff", "--preset", "strict", "--no-cache")
    assert (module_repo / "billing.py").read_text(encoding="utf-8") == MODULE
    assert_snapshot("fix_diff.txt", out)
    assert err == "Would fix 2 findings in 1 file; 6 would remain (1 blocking at --fail-on error).\n"
    assert code == 1  # the bare except (E722, an error) has no fix


def test_fix_writes_and_reports_what_remains(module_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mode = (module_repo / "billing.py").stat().st_mode
    code, out, err = run(capsys, "fix", str(module_repo), "--preset", "strict", "--no-cache")
    assert err == ""
    assert_snapshot("fix_summary.txt", out)
    fixed = (module_repo / "billing.py").read_text(encoding="utf-8")
    assert fixed.startswith("import os\nimport sys\n")
    assert "    for price in prices:\n        amount += price\n" in fixed
    assert (module_repo / "billing.py").stat().st_mode == mode
    assert sorted(p.name for p in module_repo.iterdir()) == [".git", "billing.py"]
    assert code == 1
    _, report, _ = run(capsys, "check", str(module_repo), "--preset", "strict", "--format", "json", "--no-cache")
    assert fixable(report, unsafe=False) == []


def test_nothing_to_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_repo(tmp_path / "clean", {"ok.py": "VALUE = 1\n"})
    code, out, _ = run(capsys, "fix", str(repo), "--no-cache")
    assert (code, out) == (0, "Fixed 0 findings in 0 files; none remain.\n")


def test_fix_then_check_on_the_demo_project_keeps_its_tests_green(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo = tmp_path / "demo-service"
    shutil.copytree(DEMO, demo, ignore=shutil.ignore_patterns("__pycache__", ".*_cache"))
    make_repo(demo, {})
    code, out, _ = run(capsys, "fix", str(demo), "--preset", "strict", "--unsafe", "--no-cache")
    assert "Fixed " in out and code == 1  # a bare except and complexity remain
    _, report, _ = run(capsys, "check", str(demo), "--preset", "strict", "--format", "json", "--no-cache")
    assert fixable(report, unsafe=True) == []
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=demo, capture_output=True, text=True, check=False,
        env={k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"},  # not CI's coverage flags
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "5 passed" in tests.stdout


def test_a_fix_that_breaks_the_syntax_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = '[tool.reviewbot]\nplugins = ["rules.py"]\nselect = ["TEAM901"]\n'
    source = "todo = 1\nprint(todo)\n"
    repo = make_repo(tmp_path / "team", {"pyproject.toml": config, "rules.py": BROKEN_FIX_RULE, "app.py": source})
    code, out, err = run(capsys, "fix", str(repo), "--no-cache")
    assert (repo / "app.py").read_text(encoding="utf-8") == source
    assert err == (
        "reviewbot: refused to fix app.py: the fixed code does not parse (line 1: invalid syntax); "
        "file left unchanged\n"
    )
    assert out == "Fixed 0 findings in 0 files; 2 remain (none blocking at --fail-on error).\n"
    assert code == 1  # a refused fix means something fixable is left


def test_atomic_write_keeps_the_original_when_replacing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "app.py"
    target.write_text("old = 1\n")
    target.chmod(0o640)

    def fail(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(target, b"new = 2\n")
    assert target.read_text() == "old = 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["app.py"]
    monkeypatch.undo()
    write_atomically(target, b"new = 2\n")
    assert target.read_text() == "new = 2\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_pre_commit_hook_fails_only_when_it_changes_or_refuses(
    module_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hooks = (Path(__file__).resolve().parents[2] / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    hook = hooks[hooks.index("- id: reviewbot-fix\n") :]
    entry = next(line.split(":", 1)[1].split() for line in hook.splitlines() if line.strip().startswith("entry:"))
    assert entry[:2] == ["reviewbot", "fix"]
    target = str(module_repo / "billing.py")
    first = run(capsys, *entry[1:], "--preset", "strict", "--no-cache", target)
    assert first[0] == 0 and "billing.py: fixed 2 (I001, RB309)" in first[1]
    assert run(capsys, *entry[1:], "--no-cache", target)[0] == 0  # the bare except is left to `check`
