"""Fixtures for the config tests: catalogs built from the real ruff and a small hand-made one."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from ruff.__main__ import find_ruff_bin

from reviewbot.config.catalog import RuleCatalog
from reviewbot.config.cli_overrides import CliOverrides
from reviewbot.config.effective import Policy
from reviewbot.config.policy import load_policy
from reviewbot.config.ruff_rules import RuffRules, read_ruff_rules
from reviewbot.config.run_config import read_run_config
from reviewbot.findings import Category, Severity

#: reviewbot's own rules as the registry will declare them (it is built concurrently).
RB_RULES = {
    "RB101": (Category.CONVENTION, Severity.INFO),
    "RB102": (Category.CONVENTION, Severity.INFO),
    "RB103": (Category.CONVENTION, Severity.INFO),
    "RB201": (Category.COMPLEXITY, Severity.WARNING),
    "RB202": (Category.COMPLEXITY, Severity.WARNING),
    "RB203": (Category.COMPLEXITY, Severity.WARNING),
    "RB204": (Category.COMPLEXITY, Severity.WARNING),
    "RB205": (Category.COMPLEXITY, Severity.WARNING),
    "RB206": (Category.COMPLEXITY, Severity.WARNING),
    "RB301": (Category.PERFORMANCE, Severity.WARNING),
    "RB311": (Category.PERFORMANCE, Severity.INFO),
}

SMALL_CODES = (
    *("B006", "B007", "C400", "C408", "C901", "E501", "E722", "EM101", "F401", "F841"),
    *("PERF401", "PERF402", "PLR0911", "PLR2004", "PLW0120", "PLC0206", "S101", "T201", "W605"),
)
SMALL_PREFIXES = (
    *("B", "C4", "C90", "E", "W", "EM", "F", "PERF", "PL", "PLC", "PLE", "PLR", "PLW", "S", "T20"),
)

#: A compact preset for policy tests, so expectations stay small and exact.
BASE_PRESET = """\
description = "test preset"
fail-on = "error"
select = ["F", "B", "E722", "PERF", "RB"]
ignore = ["B007"]

[categories]
correctness = ["F", "B", "E722", "S101"]
performance = ["PERF", "C4"]
complexity = ["C901", "PLR0911"]
convention = ["ALL"]

[default-severity]
correctness = "error"
performance = "warning"
complexity = "warning"
convention = "info"

[severity]
"PERF401" = "info"

[thresholds]
cyclomatic = 10
cognitive = 15
cognitive-min-lines = 1
nesting = 4
function-lines = 60
maintainability = 10
module-lines = 1000
public-methods = 20

[[overrides]]
paths = ["tests/"]
ignore = ["S101"]
"""

OTHER_PRESET = BASE_PRESET.replace('"test preset"', '"other preset"').replace(
    'select = ["F", "B", "E722", "PERF", "RB"]', 'select = ["F"]'
)


@pytest.fixture(scope="session")
def ruff_rules() -> RuffRules:
    """What the installed ruff (the wheel's binary) offers."""
    return read_ruff_rules(find_ruff_bin())


@pytest.fixture(scope="session")
def catalog(ruff_rules: RuffRules) -> RuleCatalog:
    """The real catalog: every stable ruff 0.17 code plus reviewbot's rules."""
    return RuleCatalog.build(
        rb_rules=RB_RULES,
        ruff_codes=ruff_rules.codes,
        ruff_prefixes=ruff_rules.prefixes,
        unavailable=ruff_rules.unavailable,
    )


@pytest.fixture(scope="session")
def builtin_catalog(ruff_rules: RuffRules) -> RuleCatalog:
    """The catalog with every one of reviewbot's built-in rules, as the CLI builds it."""
    from reviewbot.rules import BUILTIN_RULES  # imports libcst: only for the tests that need it

    return RuleCatalog.build(
        rb_rules={rule.code: (rule.category, rule.severity) for rule in BUILTIN_RULES},
        ruff_codes=ruff_rules.codes,
        ruff_prefixes=ruff_rules.prefixes,
        unavailable=ruff_rules.unavailable,
    )


@pytest.fixture
def small_catalog() -> RuleCatalog:
    """A hand-made catalog with a few codes of each shape."""
    return RuleCatalog.build(
        rb_rules={
            "RB101": (Category.CONVENTION, Severity.INFO),
            "RB201": (Category.COMPLEXITY, Severity.WARNING),
        },
        ruff_codes=SMALL_CODES,
        ruff_prefixes=SMALL_PREFIXES,
        unavailable={
            "PLR0904": "is a preview-only ruff rule (reviewbot runs ruff without preview)"
        },
    )


def write(path: Path, text: str) -> Path:
    """Write dedented ``text`` to ``path``, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def preset_dir(tmp_path: Path) -> Path:
    """A preset folder with the compact presets ``base`` and ``other``."""
    folder = tmp_path / "presets"
    write(folder / "base.toml", BASE_PRESET)
    write(folder / "other.toml", OTHER_PRESET)
    return folder


LoadPolicy = Callable[..., Policy]


@pytest.fixture
def policy_for(small_catalog: RuleCatalog, preset_dir: Path, tmp_path: Path) -> LoadPolicy:
    """Load a policy for a project in ``tmp_path/project`` with the compact presets."""

    def load(
        config: str = "", *, cli: CliOverrides | None = None, target: Path | None = None
    ) -> Policy:
        """Write ``config`` (after ``preset = "base"``) to project/.reviewbot.toml and load."""
        project = tmp_path / "project"
        write(project / ".reviewbot.toml", 'preset = "base"\n' + textwrap.dedent(config))
        return load_policy(
            read_run_config(target or project, config_file=None, isolated=False),
            cli=cli or CliOverrides(),
            catalog=small_catalog,
            preset_dir=preset_dir,
        )

    return load
