"""Files reviewbot cannot take as they are: one finding per file, with the true reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewbot.cli.main import main
from reviewbot.config.model import FilePolicy
from reviewbot.pipeline.file_analysis import analyze_source
from reviewbot.ruleset.registry import builtin_registry


def findings(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> list[tuple[str, str]]:
    main(["check", str(path), "--isolated", "--no-cache", "--format", "json", "--jobs", "1", *args])
    report = json.loads(capsys.readouterr().out)
    return [(f["rule"], f["message"]) for f in report["findings"]]


def test_invalid_utf8_without_a_declaration_is_one_finding_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.py"
    bad.write_bytes(b'import os\nx = "\xff"\n')

    assert findings(capsys, bad) == [
        ("RB901", "bad.py is not valid UTF-8 at byte 15 (invalid start byte)")
    ]  # no second finding from ruff (E902)


def test_an_unusable_declaration_is_still_reported_as_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.py"
    bad.write_bytes(b"# -*- coding: klingon -*-\nx = 1\n")

    found = findings(capsys, bad)

    assert [rule for rule, _ in found] == ["RB901"]
    assert "unusable encoding declaration" in found[0][1]


def test_a_declared_latin1_file_says_ruff_could_not_check_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    latin = tmp_path / "latin.py"
    latin.write_bytes(b'# -*- coding: latin-1 -*-\n"""Caf\xe9."""\n')

    found = findings(capsys, latin)

    assert [rule for rule, _ in found] == ["RB903"]
    assert found[0][1].startswith("ruff could not read latin.py (")
    assert found[0][1].endswith("none of ruff's rules checked it")


def test_nesting_cpython_refuses_is_a_syntax_error_and_nothing_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = tmp_path / "deep.py"
    deep.write_text("x = " + "(" * 500 + "1" + ")" * 500 + "\n")

    found = findings(capsys, deep, "--extend-select", "D100")  # ruff offered D100 and a fix

    assert [rule for rule, _ in found] == ["RB900"]
    assert found[0][1] == "syntax error: too many nested parentheses"


def test_nesting_cpython_refuses_is_rb900_in_the_analysis_itself() -> None:
    source = "x = " + "(" * 500 + "1" + ")" * 500 + "\n"
    result = analyze_source(source, "deep.py", FilePolicy({}), builtin_registry())

    assert [f.rule for f in result.findings] == ["RB900"]
    assert all(f.fix is None for f in result.findings)
