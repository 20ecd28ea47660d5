"""In a review a function that existed before is judged by what the change did to it (RB206),
and a function the change adds by its absolute complexity (RB202)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gitrepo import make_repo
from tests.review.test_classification import feature, review


def _dispatch(name: str, cases: int) -> str:
    """A function of cognitive complexity ``cases``: one nested-free ``if`` per case."""
    body = "".join(f"    if code == {n}:\n        return {n}\n" for n in range(cases))
    return f"def {name}(code):\n{body}    return -1\n"


def _rules(data: dict[str, object]) -> list[tuple[str, str]]:
    findings = data["findings"]
    assert isinstance(findings, dict)
    # The fixtures' functions repeat each other's cases: RB207's copies (tests/review/
    # test_copied_blocks.py), not what these tests are about.
    new = [f for f in findings["new"] if f["rule"] != "RB207"]
    return [(f["rule"], f["message"].split("`")[1]) for f in new]


def test_a_function_nudged_over_the_limit_gets_no_comment_a_new_one_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo", {"codes.py": _dispatch("legacy", 38)})
    feature(root, {"codes.py": _dispatch("legacy", 44) + "\n\n" + _dispatch("fresh", 46)})
    _, data = review(root, capsys)
    # legacy: 38 -> 44 crosses the default limit of 40, but the change added a sixth to it;
    # fresh: 46 over 93 logical lines, at least the recommended `cognitive-min-lines` of 90
    assert _rules(data) == [("RB202", "fresh()")]


def test_a_function_the_change_doubles_gets_rb206(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo", {"codes.py": _dispatch("legacy", 16)})
    feature(root, {"codes.py": _dispatch("legacy", 33)})
    _, data = review(root, capsys)
    assert _rules(data) == [("RB206", "legacy()")]
    assert "rose from 16 to 33" in str(data["comments"])


def test_a_tests_complexity_rise_is_dropped_by_its_role(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo", {"tests/test_codes.py": _dispatch("test_legacy", 16)})
    feature(root, {"tests/test_codes.py": _dispatch("test_legacy", 33)})
    _, data = review(root, capsys)
    assert _rules(data) == []
    assert [(d["rule"], d["dropped"]["reason"]) for d in data["dropped"]] == [
        ("RB206", "role:test")
    ]


def test_a_function_that_doubles_but_stays_easy_to_read_gets_no_comment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo", {"codes.py": _dispatch("legacy", 6)})
    feature(root, {"codes.py": _dispatch("legacy", 14)})
    _, data = review(root, capsys)
    assert _rules(data) == []


_NESTED = (
    "    for part in code.parts:\n"
    "        name = part.name.strip()\n"
    "        if name:\n"
    "            label = name.title()\n"
    "            if part.primary:\n"
    "                if label.isidentifier():\n"
    "                    return label\n"
    "                return name\n"
)


@pytest.mark.parametrize(("rewritten", "commented"), [(0, False), (12, True)])
def test_a_rise_short_of_doubling_is_the_changes_when_it_wrote_a_good_part_of_the_function(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rewritten: int, commented: bool
) -> None:
    """30 -> 40 in a 70-line function: eight lines added deep in it are the old function's
    depth (11% written); the same eight lines with twelve of its returns rewritten (29%) are the
    change's."""
    root = make_repo(tmp_path / "repo", {"codes.py": _dispatch("legacy", 30)})
    head = _dispatch("legacy", 30).replace("    return -1\n", _NESTED + "    return -1\n")
    for n in range(rewritten):
        head = head.replace(f"        return {n}\n", f"        return {n} * 2\n")
    feature(root, {"codes.py": head})
    _, data = review(root, capsys)
    assert _rules(data) == ([("RB206", "legacy()")] if commented else [])
