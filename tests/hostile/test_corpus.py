"""Issue 12: every hostile input comes out as findings or as one clear error line, never as an
internal error (exit 3) or a traceback, and never hangs.

Each case runs the real command line (``python -m reviewbot``) in a fresh repository under
tmp_path, with a timeout: a FIFO read by mistake would block forever. Findings are asserted from
``--format json``, not from the text report.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.gitrepo import commit_all, git
from tests.hostile.cases import CORPUS, EVIL_NAME, GENERATED, NOT_UTF8_NAME, STATIC, Case

TIMEOUT = 120  # seconds; the slowest case (50,000 lines) takes a few


def reviewbot(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m reviewbot ARGS`` in ``root``, outside any CI environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    return subprocess.run(
        [sys.executable, "-m", "reviewbot", *args],
        cwd=root, capture_output=True, text=True, timeout=TIMEOUT, env=env, check=False,
        encoding="utf-8",  # strict: every report must be valid UTF-8, whatever the names
    )


def build_tree(case: Case, root: Path) -> Path:
    """The case's corpus folder (if any) in ``root``, made a repository unless it says not to,
    then what its ``build`` makes (left untracked: git cannot hold a FIFO)."""
    static = CORPUS / case.name
    if static.is_dir():
        shutil.copytree(static, root)
    else:
        root.mkdir()
    if case.in_git:
        git(root, "init", "-q")
        if static.is_dir():
            commit_all(root, "corpus")
    if case.build is not None:
        case.build(root)
    return root


def check(case: Case, root: Path) -> subprocess.CompletedProcess[str]:
    args = ["check", case.target, "--format", "json", "--no-cache", "--jobs", "1", *case.args]
    return reviewbot(root, *args)


@pytest.mark.parametrize("case", STATIC + GENERATED, ids=lambda case: case.name)
def test_a_hostile_input_is_findings_or_one_error_line(case: Case, tmp_path: Path) -> None:
    reason = case.skip() if case.skip else ""
    if reason:
        pytest.skip(reason)
    done = check(case, build_tree(case, tmp_path / "repo"))

    assert done.returncode != 3, done.stderr  # never an internal error
    assert "Traceback" not in done.stderr
    assert done.returncode in case.exit_codes, (done.returncode, done.stderr)
    if case.error:
        assert_one_error_line(done.stderr, case.error)
    else:
        assert_findings(json.loads(done.stdout)["findings"], case)


def assert_one_error_line(stderr: str, fragment: str) -> None:
    (line,) = stderr.strip().splitlines()  # one line, naming the file or key at fault
    assert line.startswith("reviewbot: error: ")
    assert fragment in line


def assert_findings(findings: list[dict[str, Any]], case: Case) -> None:
    reported = [(f["path"], f["rule"]) for f in findings]
    assert set(case.expected) <= set(reported), reported
    assert not case.only or sorted(reported) == sorted(case.expected), reported
    assert not {rule for _, rule in reported} & set(case.absent), reported
    messages = [f["message"] for f in findings if (f["path"], f["rule"]) == case.expected[0]]
    assert all(case.message in message for message in messages)


def test_every_corpus_folder_is_a_case_and_every_case_is_in_the_readme() -> None:
    folders = {path.name for path in CORPUS.iterdir() if path.is_dir()}
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    assert folders == {case.name for case in STATIC}
    assert not [case.name for case in STATIC + GENERATED if f"`{case.name}`" not in readme]


FORMATS = ("text", "json", "sarif", "github", "markdown", "html")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_prints_hostile_file_names(fmt: str, tmp_path: Path) -> None:
    """A name with control characters or bytes that are not UTF-8, in every format: valid
    UTF-8 out, no forged line, and the machine formats give the real name back."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    names = [EVIL_NAME]
    try:
        (root / NOT_UTF8_NAME).write_bytes(b"import os\n")
        names.append(NOT_UTF8_NAME)
    except OSError:
        pass  # the file system refuses it (macOS); the other name still runs
    (root / EVIL_NAME).write_bytes(b"import os\n")

    done = reviewbot(root, "check", ".", "--format", fmt, "--no-cache", "--jobs", "1")

    assert done.returncode == 0, done.stderr  # F401 is a warning
    assert not [line for line in done.stdout.splitlines() if line.startswith("::error file=evil")]
    assert_real_names(fmt, done.stdout, names)


def assert_real_names(fmt: str, out: str, names: list[str]) -> None:
    """JSON gives each name back exactly; SARIF percent-encodes the byte that is not UTF-8."""
    if fmt == "json":
        assert sorted(f["path"] for f in json.loads(out)["findings"]) == sorted(names)
    if fmt == "sarif" and NOT_UTF8_NAME in names:
        assert '"uri": "s%FF.py"' in out


# -- fix on hostile files: items 1, 2 and 3 ------------------------------------------------------


def fix(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = reviewbot(root, "fix", ".", "--no-cache", "--jobs", "1", "--preset", "strict", *args)
    assert done.returncode in {0, 1}, done.stderr
    assert "Traceback" not in done.stderr
    return done


def corpus_repo(name: str, tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(CORPUS / name, root)
    git(root, "init", "-q")
    commit_all(root, "corpus")
    return root


def test_fix_on_lone_cr_line_endings_neither_grows_nor_corrupts_the_file(tmp_path: Path) -> None:
    root = corpus_repo("lone_cr_fix", tmp_path)
    before = (root / "m.py").read_bytes()

    fix(root)

    after = (root / "m.py").read_bytes()
    assert len(after) < len(before)  # the two unused imports are gone, nothing was added
    assert b"\n" not in after  # every line still ends in a lone CR
    assert b"import" not in after
    assert after.endswith(b"def f(a):\r    return a\r")
    ast.parse(after)


def test_an_unsafe_fix_that_empties_a_block_does_not_block_the_others(tmp_path: Path) -> None:
    root = corpus_repo("unsafe_fix_empties_block", tmp_path)

    fix(root, "--unsafe")

    after = (root / "report.py").read_text(encoding="utf-8")
    tree = ast.parse(after)  # the if body was not left empty
    assert "import os" not in after  # the safe fix was applied alongside
    assert "print(" not in after
    assert isinstance(tree.body[-1], ast.FunctionDef)


def test_fix_does_not_write_through_a_symlink_to_outside_the_repository(tmp_path: Path) -> None:
    outside = tmp_path / "outside.py"
    outside.write_bytes(b"import sys\nimport os\n")
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    (root / "shared.py").symlink_to(outside)
    commit_all(root, "link")

    done = fix(root)

    assert outside.read_bytes() == b"import sys\nimport os\n"
    assert done.returncode == 1  # a refused fix fails the run
    assert "shared.py" in done.stderr


@pytest.mark.parametrize("preview", [False, True])
def test_fix_prints_hostile_file_names_escaped(tmp_path: Path, *, preview: bool) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    (root / EVIL_NAME).write_bytes(b"import os\n")
    try:
        (root / NOT_UTF8_NAME).write_bytes(b"import os\n")
    except OSError:
        pass  # the file system refuses it (macOS); the other name still runs

    done = fix(root, *(["--diff"] if preview else []))

    assert not [line for line in done.stdout.splitlines() if line.startswith("::error file=evil")]
    assert r"a\n::error file=evil.py::x\n.py" in done.stdout
    assert (root / EVIL_NAME).read_bytes() == (b"import os\n" if preview else b"")
