"""One fix that would break a file is dropped, the file's other fixes are kept, and the user is
told which was dropped (issue 12, item 3)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from reviewbot.cli.main import main
from tests.gitrepo import make_repo

REMOVE_PRINT_RULE = '''\\
from reviewbot.engine.context import Replacement
from reviewbot.findings import Category, Severity
from reviewbot.ruleset.api import Invalid, NodeRule, RuleDoc


class RemovePrint(NodeRule):
    code = "TEAM902"
    name = "remove-print"
    category = Category.CONVENTION
    severity = Severity.WARNING
    fixable = True
    doc = RuleDoc(what="Removes `print` calls.", why="Tests an unsafe fix.", example="print(1)", use_instead="")
    valid = ()
    invalid = (Invalid("x = 1\\\\nprint(x)\\\\n", lines=(2,)),)

    def visit_Call(self, node, ctx):
        if getattr(node.func, "value", None) == "print":
            ctx.report(node, "a print call", fix=Replacement(node, ""), fix_safe=False)
'''
CONFIG = '[tool.reviewbot]\nplugins = ["rules.py"]\nselect = ["TEAM902"]\n'
SOURCE = """\
def report(total):
    if total:
        print("total")
        print(total)
    print("done")
    return total
"""


def repo_with(tmp_path: Path, source: str) -> Path:
    files = {"pyproject.toml": CONFIG, "rules.py": REMOVE_PRINT_RULE, "app.py": source}
    return make_repo(tmp_path / "team", files)


@pytest.mark.parametrize("preview", [False, True])
def test_the_fix_that_would_empty_a_block_is_dropped_and_the_others_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], *, preview: bool
) -> None:
    repo = repo_with(tmp_path, SOURCE)
    code = main(["fix", str(repo), "--unsafe", "--no-cache", *(["--diff"] if preview else [])])
    out, err = capsys.readouterr()
    fixed = (repo / "app.py").read_text(encoding="utf-8")
    dropped = err.splitlines()[0]
    assert dropped.startswith(
        "reviewbot: dropped a fix in app.py:4 (TEAM902: Apply TEAM902's fix): the fixed code does not parse (line "
    )
    assert dropped.endswith(
        ": expected an indented block after 'if' statement on line 2); the file's other fixes were kept"
    )
    assert code == 1  # a fixable finding is left
    if preview:
        assert fixed == SOURCE
        assert_removed(out, '        print("total")', '    print("done")')
        return
    ast.parse(fixed)
    assert fixed == 'def report(total):\n    if total:\n        \n        print(total)\n    \n    return total\n'
    assert_removed(out, "app.py: fixed 2 (TEAM902)", "1 remain", sign="")


def assert_removed(out: str, *lines: str, sign: str = "-") -> None:
    for line in lines:
        assert f"{sign}{line}" in out


def test_a_file_none_of_whose_fixes_survive_is_still_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = "if True:\n    print(1)\n"
    repo = repo_with(tmp_path, source)
    code = main(["fix", str(repo), "--unsafe", "--no-cache"])
    out, err = capsys.readouterr()
    assert (repo / "app.py").read_text(encoding="utf-8") == source
    assert err.startswith("reviewbot: refused to fix app.py: the fixed code does not parse (line 2: ")
    assert "dropped" not in err
    assert out.startswith("Fixed 0 findings in 0 files;") and code == 1
