"""``fix`` on files with CRLF, lone-CR and mixed line endings: edits land where ruff and libcst
point, and the file keeps its own line endings (issue 12, item 1)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from reviewbot.cli.main import main
from reviewbot.engine.edits import apply_fixes, line_ending, line_starts
from reviewbot.findings import Edit, Fix
from tests.gitrepo import make_repo

LONE_CR = b"import sys\rimport os\r\r\rdef f(a):\r    return a\r"


def fix_of(*edits: Edit) -> Fix:
    return Fix(description="test", edits=edits)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_starts_count_every_line_ending(newline: str) -> None:
    source = newline.join(["a = 1", "bb = 2", "", "c = 3", ""])
    width = len(newline)
    assert line_starts(source) == [0, 5 + width, 11 + 2 * width, 11 + 3 * width, 16 + 4 * width]
    assert line_ending(source) == newline


def test_form_feeds_and_unicode_separators_do_not_end_lines() -> None:
    source = "a = 1\x0c\nb = '\u2028'\r\nc = 2\x85\rd = 3\n"
    assert line_starts(source) == [0, 7, 16, 23, 29]
    assert line_ending("x = 1") == "\n"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_an_edit_on_a_later_line_lands_on_that_line(newline: str) -> None:
    source = newline.join(["import sys", "import os", "", "", "def f(a):", "    return a", ""])
    fixed = apply_fixes(source, [fix_of(Edit(6, 12, 6, 13, "a + 1"))]).text
    assert fixed == source.replace("return a", "return a + 1")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_inserted_line_breaks_take_the_files_line_ending(newline: str) -> None:
    source = f"x = 1{newline}y = 2{newline}"
    fixed = apply_fixes(source, [fix_of(Edit(2, 1, 3, 1, "if y:\n    pass\r\n"))]).text
    assert fixed == newline.join(["x = 1", "if y:", "    pass", ""])


def test_a_mixed_file_is_edited_by_its_own_line_numbers() -> None:
    source = "a = 1\r\nb = 2\rc = 3\nd = 4\r\n"
    fixed = apply_fixes(source, [fix_of(Edit(3, 5, 3, 6, "30")), fix_of(Edit(4, 1, 5, 1, ""))]).text
    assert fixed == "a = 1\r\nb = 2\rc = 30\n"


def _run_fix(repo: Path, *flags: str, capsys: pytest.CaptureFixture[str]) -> bytes:
    main(["fix", str(repo), "--preset", "strict", "--no-cache", *flags])
    capsys.readouterr()
    return (repo / "m.py").read_bytes()


@pytest.mark.parametrize("flags", [(), ("--unsafe",)])
@pytest.mark.parametrize("newline", [b"\r", b"\r\n"])
def test_fix_keeps_line_endings_and_does_not_grow_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], newline: bytes, flags: tuple[str, ...]
) -> None:
    original = LONE_CR.replace(b"\r", newline)
    repo = make_repo(tmp_path / "repo", {"m.py": original})
    first = _run_fix(repo, *flags, capsys=capsys)
    assert first.count(b"import") <= 2
    assert first.endswith(b"def f(a):" + newline + b"    return a" + newline)
    assert first.replace(newline, b"").count(b"\r") + first.replace(newline, b"").count(b"\n") == 0
    ast.parse(first.decode())
    assert _run_fix(repo, *flags, capsys=capsys) == first  # a second run has nothing left to fix
