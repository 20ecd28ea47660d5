"""The wheel ships every package folder of the source tree, and rules/ only as reviewbot.rules."""

from __future__ import annotations

import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from setuptools import find_packages

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_folder_is_in_the_wheel() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(find_packages(ROOT, **config["packages"]["find"]))
    on_disk = {
        ".".join(("reviewbot", *path.parent.relative_to(ROOT / "reviewbot").parts)).rstrip(".")
        for path in (ROOT / "reviewbot").rglob("__init__.py")
        if not path.is_relative_to(ROOT / "reviewbot" / "rules")
    }
    on_disk |= {
        ".".join(("reviewbot", "rules", *path.parent.relative_to(ROOT / "rules").parts)).rstrip(".")
        for path in (ROOT / "rules").rglob("__init__.py")
    }
    assert on_disk == listed


def test_rules_is_one_folder_seen_as_reviewbot_rules() -> None:
    link = ROOT / "reviewbot" / "rules"
    assert link.is_symlink() and link.resolve() == (ROOT / "rules").resolve()
