"""Issue 12 item 8: a path or message with control characters never breaks or forges a line."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from reviewbot.change.model import Change, FileChange, FileStatus
from reviewbot.cli.main import main
from reviewbot.control_chars import visible
from reviewbot.findings import Category, FailOn, Finding, Location, Severity
from reviewbot.report.github import escape_data, escape_property
from reviewbot.report.review_summary import SummaryFacts, render_summary
from reviewbot.report.review_terminal import render_review_text
from reviewbot.review.model import Review, ReviewComment, ReviewEvent, Verdict

EVIL_NAME = "a\n::error file=evil.py::x\n.py"
SHOWN = r"a\n::error file=evil.py::x\n.py"
SOURCE = "import os\n\n\ndef f(x=[]):\n    return x\n"
# A workflow command forged by the file name would be a line of its own starting with "::error".
FORGED = re.compile(r"^::error file=evil\.py", re.MULTILINE)


@pytest.fixture
def evil_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / EVIL_NAME).write_text(SOURCE, encoding="utf-8")
    monkeypatch.chdir(tree)  # the human reports name files relative to the current folder
    return tree


def _check(tree: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> str:
    main(["check", "--format", fmt, str(tree)])
    return capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "github"])
def test_a_file_name_cannot_inject_a_workflow_command(
    evil_tree: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _check(evil_tree, fmt, capsys)

    assert not FORGED.search(out)
    assert "\n::error file=evil.py" not in out
    assert "evil.py" in out  # the finding is still reported, its name escaped


def test_text_shows_the_name_escaped_one_finding_per_line(
    evil_tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = _check(evil_tree, "text", capsys).splitlines()

    findings = [line for line in lines if line.startswith(SHOWN + ":")]
    assert [line.split(": ", 1)[1].split(" ")[0] for line in findings] == ["F401", "B006"]


def test_markdown_and_html_show_the_name_escaped(
    evil_tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert f"### `{SHOWN}`" in _check(evil_tree, "markdown", capsys)
    assert SHOWN in _check(evil_tree, "html", capsys)


def test_annotations_keep_githubs_escapes_and_stay_one_line_each(
    evil_tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = _check(evil_tree, "github", capsys).splitlines()

    assert len(lines) == 2
    assert all(
        line.startswith("::") and "file=a%0A%3A%3Aerror file=evil.py%3A%3Ax%0A.py," in line
        for line in lines
    )


def test_visible_escapes_every_control_character_and_line_separator() -> None:
    assert visible("a\nb\rc\td") == r"a\nb\rc\td"
    assert visible("\x00\x1b[31m\x7f\x85\x9b") == r"\x00\x1b[31m\x7f\x85\x9b"
    assert visible("x\u2028y\u2029z") == r"x\u2028y\u2029z"
    assert visible("grüße π ☃") == "grüße π ☃"
    assert visible("a\nb\tc", keep="\t") == "a\\nb\tc"


def test_annotation_escapes_also_make_other_controls_visible() -> None:
    assert escape_data("50%\r\nnext\x1b[2J\u2028") == r"50%25%0D%0Anext\x1b[2J\u2028"
    assert escape_property("a:b,c\n\x85") == r"a%3Ab%2Cc%0A\x85"


def _evil_finding() -> Finding:
    return Finding(
        rule="RB302",
        category=Category.PERFORMANCE,
        severity=Severity.WARNING,
        path=EVIL_NAME,
        location=Location(3, 5, 3, 20),
        message="slow\n::error::forged\x1b[2J",
        fingerprint="f1",
    )


def test_the_review_summary_shows_paths_and_messages_escaped() -> None:
    evil = _evil_finding()
    facts = SummaryFacts(
        verdict=Verdict.COMMENT,
        fail_on=FailOn.ERROR,
        change=Change(
            "main",
            "HEAD",
            "b" * 40,
            "h" * 40,
            (FileChange(EVIL_NAME, EVIL_NAME, FileStatus.MODIFIED),),
        ),
        analysed=1,
        new=(evil,),
        existing=(),
        fixed=(evil,),
        complexity=(),
        checks=(),
        comments=0,
        overflow=(evil,),
        rule_names={},
    )

    text = render_summary(facts)

    assert f"`{SHOWN}:3`" in text and r"slow\n::error::forged\x1b[2J" in text
    assert not re.search(r"^::error", text, re.MULTILINE) and "\x1b" not in text


def test_the_review_terminal_view_shows_the_path_escaped() -> None:
    evil = _evil_finding()
    comment = ReviewComment(
        path=EVIL_NAME,
        line=3,
        start_line=None,
        body="body\x1b[2J\u2028x\n",
        fingerprint="f1",
        findings=(evil,),
    )
    review = Review(
        base="b" * 40,
        head="h" * 40,
        verdict=Verdict.COMMENT,
        event=ReviewEvent.COMMENT,
        comments=(comment,),
        summary="## reviewbot\r\n",
        new=(evil,),
        existing=(),
        fixed=(),
        complexity=(),
        checks=(),
        overflow=(),
    )

    text = render_review_text(review)

    assert f"=== comment 1/1: {SHOWN}:3 ===" in text
    assert r"body\x1b[2J\u2028x" in text and r"## reviewbot\r" in text
    assert not FORGED.search(text)


def test_a_name_that_is_not_utf8_shows_its_bytes_escaped() -> None:
    """``s\\xff.py`` arrives as ``s\\udcff.py`` (a surrogate escape), which cannot be printed."""
    name = os.fsdecode(b"s\xff.py")

    assert visible(name) == r"s\xff.py"
    assert visible("\ud800") == r"\ud800"  # a lone surrogate that stands for no byte
