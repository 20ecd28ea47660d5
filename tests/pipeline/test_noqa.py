"""ruff's ``# noqa`` honoured for the reviewbot rules that measure what a ruff rule does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewbot.cli.main import main
from tests.gitrepo import make_repo

BRANCHES = "".join(f"    if x == {n}:\n        return {n}\n" for n in range(12))


def _function(name: str, comment: str) -> str:
    return f"def {name}(x):{comment}\n{BRANCHES}    return -1\n\n\n"


@pytest.mark.parametrize(
    ("comment", "reported"),
    [
        ("", True),
        ("  # noqa: C901", False),
        ("  # noqa: PLR0912, E501", False),
        ("  # noqa:c901", False),
        ("  # noqa", False),
        ("  # noqa: E501", True),  # another rule's noqa is not this decision
        ("  # noqa: C9011", True),
        ("  # reviewbot: ignore[RB201]", False),
    ],
)
def test_a_noqa_naming_an_equivalent_silences_rb201(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], comment: str, reported: bool
) -> None:
    repo = make_repo(tmp_path / "repo", {"shop/route.py": _function("route", comment)})
    code = main(
        ["check", str(repo), "--format", "json", "--no-cache", "--quiet", "--select", "RB201"]
    )
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [f["rule"] for f in report["findings"]] == (["RB201"] if reported else [])
    assert report["summary"]["suppressed"] == (0 if reported else 1)


def test_the_noqa_must_be_on_the_reported_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _function("route", "").replace("    return -1\n", "    return -1  # noqa: C901\n")
    repo = make_repo(tmp_path / "repo", {"shop/route.py": source})
    main(["check", str(repo), "--format", "json", "--no-cache", "--quiet", "--select", "RB201"])
    assert [f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]] == ["RB201"]
