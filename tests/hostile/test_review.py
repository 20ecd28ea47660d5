"""A change that adds the corpus's hostile files, reviewed with ``reviewbot review --dry-run``:
findings, never exit 3 or a traceback (issue 12)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.gitrepo import commit_all, git
from tests.hostile.cases import CORPUS, EVIL_NAME
from tests.hostile.test_corpus import reviewbot

# corpus folders whose .py files the change adds, and what the review must say of them
ADDED = {
    "binary_nul": ("blob.py", "RB901"),
    "invalid_utf8_no_declaration": ("bad.py", "RB901"),
    "bom_cookie_mismatch": ("b.py", "RB901"),
    "nested_parens_500": ("deep.py", "RB900"),
    "tabs_and_spaces": ("t.py", "RB900"),
    "latin1_declared": ("latin.py", "RB903"),
    "empty_file": ("empty.py", None),
    "bom_only": ("bom.py", None),
    "lone_cr_fix": ("m.py", None),
    "form_feeds": ("ff.py", None),
    "ruff_crashes_on_80_nested_ifs": ("ifs.py", None),
}


def test_review_of_a_change_adding_hostile_files(tmp_path: Path) -> None:
    root = change_adding_hostile_files(tmp_path / "repo")

    args = ("review", "--base", "main", "--format", "json", "--dry-run", "--isolated")
    done = reviewbot(root, *args, "--preset", "strict", "--extend-select", "SIM102")

    assert done.returncode in {0, 1}, done.stderr
    assert "Traceback" not in done.stderr
    new = {(f["path"], f["rule"]) for f in json.loads(done.stdout)["findings"]["new"]}
    expected = {(f"{folder}/{name}", rule) for folder, (name, rule) in ADDED.items() if rule}
    assert expected <= new
    assert (EVIL_NAME, "F401") in new  # a name with line breaks is reviewed, not skipped


def change_adding_hostile_files(root: Path) -> Path:
    """A repository whose branch ``topic`` adds the hostile files to ``main``."""
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "app.py").write_text('"""App."""\n', encoding="utf-8")
    commit_all(root, "base")
    git(root, "checkout", "-q", "-b", "topic")
    for folder, (name, _) in ADDED.items():
        (root / folder).mkdir()
        shutil.copyfile(CORPUS / folder / name, root / folder / name)
    (root / EVIL_NAME).write_bytes(b"import os\n")
    commit_all(root, "add hostile files")
    return root
