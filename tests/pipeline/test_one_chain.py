"""Every way of asking ``check`` goes through one stage chain and returns the same context."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewbot.pipeline.audit import CheckOptions, run_check
from reviewbot.pipeline.changed import run_changed_check, run_staged_check
from tests.deliver.github.builders import commit_files, git

# cognitive 92 over 93 logical lines: RB202 under the recommended preset
BRANCHY = "def route(kind, size):\n" + "".join(
    f"    if kind == {n} and size > {n}:\n        return {n}\n" for n in range(46)
) + "    return -1\n"
LEGACY = '"""Orders."""\n\n\ndef parse(value):\n    try:\n        return int(value)\n    except:\n        return None\n'


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    commit_files(root, {"orders.py": LEGACY}, "legacy")
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    (root / "routing.py").write_text('"""Routing."""\n\n\n' + BRANCHY, encoding="utf-8")
    git(root, "add", "routing.py")
    return root


def options(root: Path) -> CheckOptions:
    return CheckOptions(paths=(root,), use_cache=False, jobs=1)


def test_base_and_staged_report_what_check_reports_on_the_changed_file(repo: Path) -> None:
    whole = run_check(options(repo))
    on_routing = tuple(f for f in whole.findings if f.path == "routing.py")
    since_main = run_changed_check(options(repo), "main")
    staged = run_staged_check(options(repo))

    assert on_routing  # the new function is too complex
    for narrowed in (since_main, staged):
        assert narrowed.findings == on_routing
        assert narrowed.files_checked == 1
        assert narrowed.hotspots == tuple(h for h in whole.hotspots if h.path == "routing.py")
        assert narrowed.excerpts.keys() == {
            key for key in whole.excerpts if key.startswith("routing.py")
        }
        assert narrowed.project == whole.project


def test_all_lines_is_the_whole_check(repo: Path) -> None:
    assert run_staged_check(options(repo), all_lines=True).findings == run_check(options(repo)).findings
