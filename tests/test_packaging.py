"""The wheel's explicit package list must name every package folder in the source tree."""

from __future__ import annotations

import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_folder_is_in_the_wheel() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    on_disk = {
        ".".join(("reviewbot", *path.parent.relative_to(ROOT / "reviewbot").parts)).rstrip(".")
        for path in (ROOT / "reviewbot").rglob("__init__.py")
    }
    on_disk |= {
        ".".join(("reviewbot", "rules", *path.parent.relative_to(ROOT / "rules").parts)).rstrip(".")
        for path in (ROOT / "rules").rglob("__init__.py")
    }
    on_disk.add("reviewbot.rules.presets")
    assert on_disk == listed
