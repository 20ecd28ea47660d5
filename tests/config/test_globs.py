"""The gitignore-like glob matcher used by exclude and [[overrides]] paths."""

from __future__ import annotations

import pytest

from reviewbot.config.globs import any_glob_match, glob_match


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        # no slash: a file or directory name at any depth
        ("*.py", "a.py", True),
        ("*.py", "pkg/sub/a.py", True),
        ("*.py", "pkg/a.pyc", False),
        ("conftest.py", "tests/unit/conftest.py", True),
        ("build", "build/lib/a.py", True),
        ("build", "src/build/a.py", True),
        ("build", "src/rebuild/a.py", False),
        ("test_*.py", "tests/test_a.py", True),
        ("test_*.py", "tests/a_test.py", False),
        # trailing slash: directories only
        ("tests/", "tests/a.py", True),
        ("tests/", "pkg/tests/a.py", True),
        ("tests/", "tests", False),
        # with a slash: anchored at the config's folder
        ("src/*.py", "src/a.py", True),
        ("src/*.py", "src/sub/a.py", False),
        ("src/*.py", "lib/src/a.py", False),
        ("/src/*.py", "src/a.py", True),
        ("src/gen", "src/gen/a.py", True),
        # ** spans directories
        ("tests/**", "tests/a.py", True),
        ("tests/**", "tests/unit/deep/a.py", True),
        ("tests/**", "tests", False),
        ("tests/**", "src/tests/a.py", False),
        ("**/migrations/*.py", "migrations/0001.py", True),
        ("**/migrations/*.py", "app/db/migrations/0001.py", True),
        ("**/migrations/*.py", "app/migrations/sub/0001.py", False),
        ("a/**/b.py", "a/b.py", True),
        ("a/**/b.py", "a/x/y/b.py", True),
        ("a/**/b.py", "a/x/c.py", False),
        ("**", "anything/at/all.py", True),
        # single-character wildcards and classes
        ("test_?.py", "test_a.py", True),
        ("test_?.py", "test_ab.py", False),
        ("test_[ab].py", "test_b.py", True),
        ("test_[!ab].py", "test_b.py", False),
        ("test_[!ab].py", "test_c.py", True),
        ("a*b", "a/b", False),  # * never crosses a slash
        # regex characters are literal
        ("a+b.py", "a+b.py", True),
        ("a.py", "aXpy", False),
    ],
)
def test_glob_match(pattern: str, path: str, expected: bool) -> None:
    assert glob_match(pattern, path) is expected


def test_any_glob_match() -> None:
    assert any_glob_match(("docs/", "*.md"), "README.md")
    assert not any_glob_match(("docs/", "*.md"), "src/a.py")
    assert not any_glob_match((), "src/a.py")
