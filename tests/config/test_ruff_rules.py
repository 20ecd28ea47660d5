"""Reading ruff's rule inventory from its JSON output."""

from __future__ import annotations

import json

import pytest

from reviewbot.config.ruff_rules import RuffRules, parse_ruff_rules, read_ruff_rules
from reviewbot.errors import ToolError

RULES = [
    {"code": "F401", "linter": "Pyflakes", "preview": False, "status": {"Stable": {"since": "v0"}}},
    {
        "code": "PLR0904",
        "linter": "Pylint",
        "preview": True,
        "status": {"Preview": {"since": "v0"}},
    },
    {
        "code": "ANN101",
        "linter": "flake8-annotations",
        "preview": False,
        "status": {"Removed": {"since": "0.8"}},
    },
    {"code": None, "linter": None, "preview": True, "status": {"Preview": {"since": "0.17"}}},
]
LINTERS = [
    {"prefix": "F", "name": "Pyflakes"},
    {"prefix": "", "name": "pycodestyle", "categories": [{"prefix": "E"}, {"prefix": "W"}]},
    {"prefix": "PL", "name": "Pylint", "categories": [{"prefix": "C"}, {"prefix": "R"}]},
]


def test_parse() -> None:
    parsed = parse_ruff_rules(json.dumps(RULES), json.dumps(LINTERS))
    assert parsed.codes == {"F401"}
    assert parsed.prefixes == {"F", "E", "W", "PL", "PLC", "PLR"}
    assert parsed.unavailable == {
        "PLR0904": "is a preview-only ruff rule (reviewbot runs ruff without preview)",
        "ANN101": "was removed from ruff",
    }


def test_real_ruff(ruff_rules: RuffRules) -> None:
    assert {"F401", "PERF401", "E501", "PLR2004", "C901"} <= ruff_rules.codes
    assert {"PL", "PLR", "E", "W", "C4", "C90", "T20", "PERF", "RUF"} <= ruff_rules.prefixes
    assert "PLR0904" in ruff_rules.unavailable and "PLR0904" not in ruff_rules.codes


def test_missing_binary() -> None:
    with pytest.raises(ToolError, match=r"cannot run ruff \(/nonexistent/ruff\)"):
        read_ruff_rules("/nonexistent/ruff")
