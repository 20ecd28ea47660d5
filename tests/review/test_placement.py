"""Where inline comments sit, and which share one: real repositories, ``reviewbot review``."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from reviewbot.change.model import FileChange, FileStatus
from reviewbot.change.read import read_change
from reviewbot.findings import Category, Finding, Location, Severity
from reviewbot.metrics.functions import function_metrics
from reviewbot.review.placement import comment_line, first_added_branch
from reviewbot.ruleset.registry import builtin_registry
from tests.gitrepo import make_repo
from tests.review.test_classification import OPT_IN_RB301, feature, review
from tests.snapshot import assert_snapshot

CLI_BASE = """\
import argparse


def build(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", help="where to write")
    parser.add_argument("--quiet", action="store_true")
    options = parser.parse_args(argv)
    if options.quiet:
        return None
    return options
"""

CLI_HELP_EDITED = CLI_BASE.replace('help="where to write"', 'help="the folder to write to"')

CLI_BRANCHED = CLI_HELP_EDITED.replace(
    "    return options\n",
    "    if options.out:\n"
    "        if options.out.startswith('-'):\n"
    "            if not options.quiet:\n"
    "                return None\n"
    "    return options\n",
)

CLI_LONGER = CLI_HELP_EDITED.replace(
    '    options = parser.parse_args(argv)\n',
    '    parser.add_argument("--verbose", action="store_true")\n'
    '    parser.add_argument("--color", action="store_true")\n'
    '    options = parser.parse_args(argv)\n',
)


def test_a_complexity_comment_sits_on_the_if_the_change_added_not_on_a_help_string(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = 'extend-select = ["RB206"]\n\n[thresholds]\ncognitive = 3\n'
    root = make_repo(tmp_path / "repo", {"cli.py": CLI_BASE, ".reviewbot.toml": config})
    feature(root, {"cli.py": CLI_BRANCHED})
    _, data = review(root, capsys)
    [comment] = data["comments"]
    assert comment["finding"]["rule"] == "RB206"
    lines = CLI_BRANCHED.split("\n")
    assert lines[comment["line"] - 1] == "    if options.out:"  # not the edited help= line 6
    assert "at the end of line 4 (the function's `def` line)" in comment["body"]


def test_a_function_whose_changed_lines_add_no_branch_gets_no_inline_comment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = 'extend-select = ["RB204"]\n[thresholds]\nfunction-lines = 7\n'
    root = make_repo(tmp_path / "repo", {"cli.py": CLI_BASE, ".reviewbot.toml": config})
    feature(root, {"cli.py": CLI_LONGER})
    _, data = review(root, capsys)
    assert [f["rule"] for f in data["findings"]["new"]] == ["RB204"]
    assert data["comments"] == []
    assert [f["rule"] for f in data["overflow"]] == ["RB204"]
    summary = data["summary"]
    assert "Of the 1 new finding: 1 on no changed line that shows them." in summary
    assert "<details><summary>1 new finding on no changed line that shows them" in summary
    assert "`cli.py:4` **RB204**" in summary


def test_a_finding_about_the_whole_module_goes_to_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = 'extend-select = ["RB101"]\n[thresholds]\nmodule-lines = 12\n'
    root = make_repo(tmp_path / "repo", {"cli.py": CLI_BASE, ".reviewbot.toml": config})
    feature(root, {"cli.py": "import os\n" + CLI_LONGER})
    _, data = review(root, capsys)
    assert "RB101" in [f["rule"] for f in data["findings"]["new"]]
    assert all(c["finding"]["rule"] != "RB101" for c in data["comments"])
    assert "RB101" in [f["rule"] for f in data["overflow"]]


def test_placement_by_kind_on_a_real_diff(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", {"cli.py": CLI_BASE})
    feature(root, {"cli.py": CLI_BRANCHED})
    file = read_change(root, "main", "HEAD").file("cli.py")
    assert file is not None
    functions = function_metrics(ast.parse(CLI_BRANCHED), CLI_BRANCHED)
    registry = builtin_registry()

    def at(rule: str, line: int, category: Category) -> int | None:
        found = Finding(rule, category, Severity.WARNING, "cli.py", Location(line, 1, line, 2), "m")
        return comment_line(found, file, functions, CLI_BRANCHED, registry)

    assert at("RB202", 4, Category.COMPLEXITY) == 11  # def unchanged: the added `if`
    assert at("C901", 4, Category.COMPLEXITY) == 11
    assert at("E501", 6, Category.CONVENTION) == 6  # the edited help= line itself
    assert at("RB101", 1, Category.COMPLEXITY) is None
    assert at("D100", 1, Category.CONVENTION) is None


def test_two_findings_on_one_loop_share_one_comment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = "def render(orders):\n    return ''\n"
    head = (
        "def render(orders):\n"
        "    report = ''\n"
        "    footer = ''\n"
        "    for order in orders:\n"
        "        report += str(order.id)\n"
        "        footer += str(order.total)\n"
        "    return report + footer\n"
    )
    root = make_repo(tmp_path / "repo", {"app.py": base, ".reviewbot.toml": OPT_IN_RB301})
    feature(root, {"app.py": head})
    _, data = review(root, capsys)
    rb301 = [f for f in data["findings"]["new"] if f["rule"] == "RB301"]
    assert len(rb301) == 2
    [comment] = [c for c in data["comments"] if c["finding"]["rule"] == "RB301"]
    body = comment["body"]
    assert comment["line"] == 5
    assert body.count("RB301") >= 3  # headline, the second finding, the silence hint
    assert "- line 6: **RB301**" in body
    markers = re.findall(r"<!-- reviewbot:fingerprint=(\S+) -->", body)
    assert sorted(markers) == sorted(f["fingerprint"] for f in rb301)
    assert "at the end of line 5 and `# reviewbot: ignore[RB301]` at the end of line 6" in body
    assert_snapshot("loop-merged-comment.md", body)


def test_a_branch_in_a_nested_function_is_not_its_parents_and_broken_code_has_none() -> None:
    text = (
        "def outer(items):\n"
        "    def inner(item):\n"
        "        if item:\n"
        "            return 1\n"
        "        return 0\n"
        "    return [inner(i) for i in items if i]\n"
    )
    file = FileChange(
        "a.py", "a.py", FileStatus.MODIFIED, added_lines=frozenset({3, 4, 6}), hunks=((1, 6),)
    )
    outer = function_metrics(ast.parse(text), text)[0]
    assert outer.qualname == "outer"
    assert first_added_branch(outer, file.added_lines, text) == 6  # the comprehension
    inside_only = frozenset({3, 4})
    assert first_added_branch(outer, inside_only, text) is None
    assert first_added_branch(outer, inside_only, "def outer(:\n") is None
    assert first_added_branch(outer, inside_only, "x = 1\n") is None
    registry = builtin_registry()
    at_def = Finding("RB202", Category.COMPLEXITY, Severity.WARNING, "a.py", Location(1, 1, 1, 2), "m")
    with_def = FileChange("a.py", None, FileStatus.ADDED, added_lines=frozenset({1, 6}), hunks=((1, 6),))
    assert comment_line(at_def, with_def, (outer,), text, registry) == 1  # the def line is new
    beyond = Finding("E501", Category.CONVENTION, Severity.INFO, "a.py", Location(9, 1, 12, 2), "m")
    assert comment_line(beyond, file, (outer,), text, registry) is None  # nothing shown or added
