"""The code base's own conventions win: a convention the untouched code keeps breaking is not
commented on new code, and the summary says so once, with the config line to make it permanent."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reviewbot.cli.main import main
from reviewbot.pipeline.discover import SourceFile
from reviewbot.review.conventions import SAMPLE_FILES, sample_untouched
from tests.deliver.github.builders import commit_files, git


def _camel_functions(count: int, prefix: str) -> str:
    return "".join(f"def run{prefix}Case{n}():\n    pass\n\n\n" for n in range(count))


def _change(
    root: Path, base: dict[str, str], head: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> Any:  # noqa: ANN401 - parsed JSON
    """The JSON review of a repository whose ``main`` holds ``base`` and whose topic branch
    writes ``head`` over it."""
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    commit_files(root, base, "base")
    git(root, "checkout", "-q", "-b", "topic")
    commit_files(root, head, "change")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        main(["review", "--base", "main", "--format", "json", "--dry-run"])
    return json.loads(capsys.readouterr().out)


def _review(root: Path, existing: int, config: str, capsys: pytest.CaptureFixture[str]) -> Any:  # noqa: ANN401 - parsed JSON
    base = {"scripts/old.py": _camel_functions(existing, "Old"), "app.py": '"""App."""\n'}
    if config:
        base[".reviewbot.toml"] = config
    head = {"scripts/new.py": _camel_functions(1, "New"), "app.py": "def doThing():\n    pass\n"}
    return _change(root, base, head, capsys)


@pytest.fixture(autouse=True)
def _off_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def test_a_convention_the_suite_keeps_breaking_is_not_commented(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = _review(tmp_path / "repo", 12, "", capsys)
    new = [(f["rule"], f["path"]) for f in review["findings"]["new"]]
    assert ("N802", "scripts/new.py") not in new
    assert ("N802", "app.py") in new  # no camelCase convention in source files
    (held,) = [d for d in review["dropped"] if d["path"] == "scripts/new.py"]
    assert held["dropped"]["reason"] == "convention:N802"
    assert "breaks N802 12 times in scripts" in held["dropped"]["because"]
    assert (
        "- `N802`: the code this change leaves alone breaks it 12 times in scripts, so 1 new "
        "finding was not commented. To make it permanent: "
        '`[tool.reviewbot.role-ignores] script = [..., "N802"]`'
    ) in review["summary"]


def test_a_few_exceptions_are_not_a_convention(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = _review(tmp_path / "repo", 3, "", capsys)
    new = [(f["rule"], f["path"]) for f in review["findings"]["new"]]
    assert ("N802", "scripts/new.py") in new
    assert "own conventions" not in review["summary"]


def test_the_threshold_is_a_setting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    off = _review(tmp_path / "off", 12, "[review]\nconvention-threshold = false\n", capsys)
    assert ("N802", "scripts/new.py") in [(f["rule"], f["path"]) for f in off["findings"]["new"]]
    low = _review(tmp_path / "low", 3, "[review]\nconvention-threshold = 3\n", capsys)
    assert ("N802", "scripts/new.py") not in [
        (f["rule"], f["path"]) for f in low["findings"]["new"]
    ]


def test_the_sample_is_bounded_and_starts_near_the_new_findings(tmp_path: Path) -> None:
    files = [
        SourceFile(tmp_path / f"{folder}/m{n:04}.py", f"{folder}/m{n:04}.py")
        for folder in ("a", "b")
        for n in range(SAMPLE_FILES)
    ]
    sample = sample_untouched(files, frozenset({"b"}))
    assert len(sample) == SAMPLE_FILES
    assert {Path(f.relative).parent.name for f in sample} == {"b"}
    assert sample == sample_untouched(list(reversed(files)), frozenset({"b"}))


def _review_one_file(
    root: Path, siblings: int, capsys: pytest.CaptureFixture[str]
) -> Any:  # noqa: ANN401 - parsed JSON
    """A change that adds one ``renderDomainType``-style method to a file whose other methods
    (``siblings`` of them) are named the same way."""
    methods = "".join(
        f"    def render{kind}Type(self, value):\n        return str(value)\n\n"
        for kind in ("Integer", "String", "Boolean", "Numeric", "Enum")[:siblings]
    )
    base = f'"""Render."""\n\n\nclass Renderer:\n{methods}'
    added = "    def renderDomainType(self, value):\n        return repr(value)\n"
    files = {"lib/render.py": base, "lib/other.py": '"""Other."""\n'}
    return _change(root, files, {"lib/render.py": base + added}, capsys)


def test_a_convention_of_the_changed_file_itself_wins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = _review_one_file(tmp_path / "repo", 3, capsys)
    assert "N802" not in [f["rule"] for f in review["findings"]["new"]]
    (held,) = [d for d in review["dropped"] if d["rule"] == "N802"]
    assert held["dropped"]["reason"] == "convention:N802"
    assert "lib/render.py broke N802 3 times before this change" in held["dropped"]["because"]
    assert (
        "- `N802`: `lib/render.py` broke it 3 times before this change, so 1 new finding was "
        "not commented. To make it permanent: "
        '`[[tool.reviewbot.overrides]] paths = ["lib/render.py"] ignore = ["N802"]`'
    ) in review["summary"]


def test_two_exceptions_in_the_file_are_not_its_convention(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = _review_one_file(tmp_path / "repo", 2, capsys)
    assert "N802" in [f["rule"] for f in review["findings"]["new"]]


@pytest.mark.parametrize(("kept", "rewritten"), [(False, True), (True, False)])
def test_a_rewritten_line_that_already_broke_the_rule_is_not_new(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kept: bool, rewritten: bool
) -> None:
    """Renaming a camelCase function the file already had rewrites the finding; adding a second
    one beside it does not."""
    old = "def loadRows(path):\n    return open(path).read()\n"
    new = "def loadRecords(path):\n    return open(path).read()\n"
    body = (old + "\n\n" if kept else "") + new
    review = _change(tmp_path / "repo", {"lib/rows.py": old}, {"lib/rows.py": body}, capsys)
    assert ("N802" in [f["rule"] for f in review["findings"]["new"]]) is not rewritten
    reasons = [d["dropped"]["reason"] for d in review["dropped"] if d["rule"] == "N802"]
    assert reasons == (["rewrite:N802"] if rewritten else [])
