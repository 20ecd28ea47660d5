"""The demo pull request of ``examples/demo-pr``, built into a folder for the tests."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[2] / "examples" / "demo-pr" / "make_demo_pr.py"


def demo_module() -> ModuleType:
    """``make_demo_pr.py`` imported as a module."""
    spec = importlib.util.spec_from_file_location("make_demo_pr", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_demo(root: Path) -> Path:
    """Create the demo repository at ``root`` (feature branch checked out)."""
    made: Path = demo_module().make_demo_pr(root)
    return made
