"""A review runs ruff on copies of the changed files: every ruff configuration the repository's
own ruff would read must be there, including the files an ``extend`` key names."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewbot.pipeline.sides import extended_path
from tests.gitrepo import make_repo
from tests.review.test_classification import feature, review

UNUSED_IMPORT = '"""App."""\n\nimport os\n'


def _new(data: dict[str, object]) -> list[str]:
    findings = data["findings"]
    assert isinstance(findings, dict)
    return [f["rule"] for f in findings["new"]]


IGNORE_F401 = '[lint.per-file-ignores]\n"*.py" = ["F401"]\n'
ONE_EXTEND = {"ruff.toml": 'extend = "ruff_defaults.toml"\n', "ruff_defaults.toml": IGNORE_F401}
CHAIN_FROM_A_SUBFOLDER = {
    "pkg/pyproject.toml": '[tool.ruff]\nextend = "../config/ruff.toml"\n',
    "config/ruff.toml": 'extend = "base.toml"\n',
    "config/base.toml": IGNORE_F401,
}


@pytest.mark.parametrize(
    ("configs", "module"),
    [(ONE_EXTEND, "app.py"), (CHAIN_FROM_A_SUBFOLDER, "pkg/app.py")],
    ids=["one extend", "a chain of extends from a subfolder"],
)
def test_the_files_a_configuration_extends_are_honoured(
    configs: dict[str, str], module: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo", {**configs, module: '"""App."""\n'})
    feature(root, {module: UNUSED_IMPORT})
    code, data = review(root, capsys)
    assert code in (0, 1), data
    assert "F401" not in _new(data)


@pytest.mark.parametrize(
    ("path", "content", "expected"),
    [
        ("ruff.toml", b'extend = "defaults.toml"\n', "defaults.toml"),
        ("a/b/.ruff.toml", b'extend = "../c/./r.toml"\n', "a/c/r.toml"),
        ("a/pyproject.toml", b'[tool.ruff]\nextend = "../r.toml"\n', "r.toml"),
        ("pyproject.toml", b'[project]\nname = "x"\n', None),
        ("ruff.toml", b'extend = "../outside.toml"\n', None),
        ("ruff.toml", b'extend = "/etc/ruff.toml"\n', None),
        ("ruff.toml", b"extend = [\n", None),
        ("ruff.toml", b"\xff", None),
    ],
)
def test_extended_path(path: str, content: bytes, expected: str | None) -> None:
    assert extended_path(path, content) == expected
