"""Validation: every mistake is one line naming the file, the dotted key and a fix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reviewbot.config.catalog import RuleCatalog
from reviewbot.config.cli_overrides import CliOverrides
from reviewbot.config.policy import load_policy
from reviewbot.config.run_config import read_run_config
from reviewbot.errors import ConfigError, UsageError
from tests.config.conftest import write

ErrorFor = Callable[..., tuple[Path, str]]
OVERRIDE_KEYS = "paths, select, extend-select, ignore, severity, thresholds, fail-on, limits"


def _load(
    path: Path, catalog: RuleCatalog, preset_dir: Path, cli: CliOverrides | None = None
) -> None:
    load_policy(
        read_run_config(path.parent, config_file=None, isolated=False),
        cli=cli or CliOverrides(),
        catalog=catalog,
        preset_dir=preset_dir,
    )


@pytest.fixture
def error_for(tmp_path: Path, small_catalog: RuleCatalog, preset_dir: Path) -> ErrorFor:
    """Write a config, load it, and return (path, the ConfigError's message)."""

    def run(text: str, name: str = ".reviewbot.toml") -> tuple[Path, str]:
        path = write(tmp_path / "project" / name, text)
        with pytest.raises(ConfigError) as caught:
            _load(path, small_catalog, preset_dir)
        message = str(caught.value)
        assert "\n" not in message
        assert caught.value.exit_code == 2
        return path, message

    return run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('selct = ["F"]\n', "selct: unknown key; did you mean 'select'?"),
        ('extend_select = ["F"]\n', "extend_select: unknown key; did you mean 'extend-select'?"),
        (
            "zzz = 1\n",
            (
                "zzz: unknown key (expected one of: preset, select, extend-select, ignore,"
                " severity, thresholds, fail-on, limits, exclude, overrides, plugins, baseline,"
                " review, policy, roles, role-ignores, loops, handlers)"
            ),
        ),
        (
            '[loops]\nreport = ["data", "big"]\n',
            (
                "loops.report[1]: unknown loop walk 'big' (expected one of 'fixed', 'schema',"
                " 'per-object', 'unknown', 'data')"
            ),
        ),
        ('[loops]\nreprot = ["data"]\n', "loops.reprot: unknown key; did you mean 'report'?"),
        ('[loops]\nlarge = "Order"\n', "loops.large: expected an array of strings, got a string"),
        ("[loops]\nsmall = [1]\n", "loops.small[0]: expected a string, got an integer"),
        (
            '[loops]\nlarge = ["Order", "Country"]\nsmall = ["Country"]\n',
            (
                "loops.small[0]: 'Country' is also in loops.large; a collection is declared"
                " large or small, not both"
            ),
        ),
        (
            '[loops]\nlarge = ["Order lines"]\n',
            (
                "loops.large[0]: expected a model (Order), a model's attribute (Order.lines or"
                " .lines) or an attribute path (self.queue), got 'Order lines'"
            ),
        ),
        ('[loops]\nlargest = ["Order"]\n', "loops.largest: unknown key; did you mean 'large'?"),
        ('select = "F"\n', "select: expected an array of strings, got a string"),
        ('ignore = ["F", 3]\n', "ignore[1]: expected a string, got an integer"),
        ('select = [""]\n', "select[0]: expected a non-empty string, got an empty string"),
        ('exclude = "build"\n', "exclude: expected an array of strings, got a string"),
        (
            'fail-on = "warn"\n',
            (
                "fail-on: unknown value 'warn' (expected one of 'error', 'warning', 'info',"
                " 'never'); did you mean 'warning'?"
            ),
        ),
        ("fail-on = 1\n", "fail-on: expected a string, got an integer"),
        (
            'preset = "bse"\n',
            "preset: unknown preset 'bse' (expected one of 'base', 'other'); did you mean 'base'?",
        ),
        (
            'extend-select = ["PERF4O1"]\n',
            "extend-select[0]: unknown rule selector 'PERF4O1'; did you mean 'PERF401'?",
        ),
        (
            'ignore = ["e501"]\n',
            "ignore[0]: unknown rule selector 'e501'; did you mean 'E501'?",
        ),
        ('select = ["RB399"]\n', "select[0]: unknown rule selector 'RB399'"),
        (
            'select = ["PLR0904"]\n',
            (
                "select[0]: 'PLR0904' is a preview-only ruff rule"
                " (reviewbot runs ruff without preview)"
            ),
        ),
        ('select = ["ZZZZZZZZ"]\n', "select[0]: unknown rule selector 'ZZZZZZZZ'"),
        (
            '[severity]\nF401 = "high"\n',
            "severity.F401: unknown severity 'high' (expected one of 'info', 'warning', 'error')",
        ),
        (
            '[severity]\nF401 = "Error"\n',
            (
                "severity.F401: unknown severity 'Error' (expected one of 'info', 'warning',"
                " 'error'); did you mean 'error'?"
            ),
        ),
        (
            '[severity]\nFF401 = "info"\n',
            "severity.FF401: unknown rule selector 'FF401'; did you mean 'F401'?",
        ),
        (
            '[severity]\n"F 401" = "info"\n',
            "severity.\"F 401\": unknown rule selector 'F 401'; did you mean 'F401'?",
        ),
        ('severity = ["F401"]\n', "severity: expected a table, got an array"),
        ("thresholds = 5\n", "thresholds: expected a table, got an integer"),
        (
            "[thresholds]\ncyclomatc = 5\n",
            "thresholds.cyclomatc: unknown key; did you mean 'cyclomatic'?",
        ),
        (
            "[thresholds]\nfunction_lines = 5\n",
            "thresholds.function_lines: unknown key; did you mean 'function-lines'?",
        ),
        (
            '[thresholds]\ncyclomatic = "10"\n',
            "thresholds.cyclomatic: expected a positive integer, got a string",
        ),
        ("[thresholds]\nnesting = 0\n", "thresholds.nesting: expected a positive integer, got 0"),
        (
            "[thresholds]\nnesting = true\n",
            "thresholds.nesting: expected a positive integer, got a boolean",
        ),
        (
            "[thresholds]\nfunction-lines = 1.5\n",
            "thresholds.function-lines: expected a positive integer, got a float",
        ),
        (
            "[thresholds]\nmaintainability = 150\n",
            "thresholds.maintainability: expected a number from 0 to 100, got 150",
        ),
        (
            "[thresholds]\nmaintainability = -0.5\n",
            "thresholds.maintainability: expected a number from 0 to 100, got -0.5",
        ),
        (
            '[thresholds]\nmaintainability = "high"\n',
            "thresholds.maintainability: expected a number from 0 to 100, got a string",
        ),
        (
            'overrides = {paths = ["a"]}\n',
            "overrides: expected an array of tables ([[overrides]]), got a table",
        ),
        ('overrides = ["a"]\n', "overrides[0]: expected a table, got a string"),
        (
            '[[overrides]]\nignore = ["F"]\n',
            "overrides[0].paths: missing; every [[overrides]] entry needs paths = [globs]",
        ),
        (
            '[[overrides]]\npaths = ["a"]\n[[overrides]]\npaths = []\n',
            "overrides[1].paths: expected a non-empty array of strings, got an empty array",
        ),
        (
            '[[overrides]]\npaths = "tests/**"\n',
            "overrides[0].paths: expected an array of strings, got a string",
        ),
        (
            '[[overrides]]\npaths = ["a"]\npreset = "other"\n',
            f"overrides[0].preset: cannot be set per path (an override takes {OVERRIDE_KEYS})",
        ),
        (
            '[[overrides]]\npaths = ["a"]\nexclude = ["b"]\n',
            f"overrides[0].exclude: cannot be set per path (an override takes {OVERRIDE_KEYS})",
        ),
        (
            '[[overrides]]\npaths = ["a"]\nignroe = ["F"]\n',
            "overrides[0].ignroe: unknown key; did you mean 'ignore'?",
        ),
        (
            '[[overrides]]\npaths = ["a"]\n[overrides.thresholds]\nnestng = 2\n',
            "overrides[0].thresholds.nestng: unknown key; did you mean 'nesting'?",
        ),
        (
            '[[overrides]]\npaths = ["a"]\nselect = ["PERF999"]\n',
            "overrides[0].select[0]: unknown rule selector 'PERF999'; did you mean 'PERF'?",
        ),
    ],
)
def test_reviewbot_toml_errors(error_for: ErrorFor, text: str, expected: str) -> None:
    path, message = error_for(text)
    assert message == f"{path}: {expected}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "[tool.reviewbot.thresholds]\ncyclomatc = 5\n",
            "tool.reviewbot.thresholds.cyclomatc: unknown key; did you mean 'cyclomatic'?",
        ),
        ("[tool]\nreviewbot = 1\n", "tool.reviewbot: expected a table, got an integer"),
        (
            "[[tool.reviewbot.overrides]]\npaths = [1]\n",
            "tool.reviewbot.overrides[0].paths[0]: expected a string, got an integer",
        ),
        (
            '[tool.reviewbot]\nfail-on = "eror"\n',
            (
                "tool.reviewbot.fail-on: unknown value 'eror' (expected one of 'error', 'warning',"
                " 'info', 'never'); did you mean 'error'?"
            ),
        ),
    ],
)
def test_pyproject_errors_name_the_full_key(error_for: ErrorFor, text: str, expected: str) -> None:
    path, message = error_for(text, name="pyproject.toml")
    assert message == f"{path}: {expected}"


def test_unknown_preset_from_the_command_line(
    tmp_path: Path, small_catalog: RuleCatalog, preset_dir: Path
) -> None:
    path = write(tmp_path / ".reviewbot.toml", "")
    with pytest.raises(UsageError) as caught:
        _load(path, small_catalog, preset_dir, CliOverrides(preset="bse"))
    assert str(caught.value) == "--preset: unknown preset 'bse'; did you mean 'base'?"
    assert caught.value.exit_code == 2


@pytest.mark.parametrize(
    ("cli", "expected"),
    [
        (
            CliOverrides(select=("F", "PERF4O1")),
            "--select: unknown rule selector 'PERF4O1'; did you mean 'PERF401'?",
        ),
        (
            CliOverrides(extend_select=("E501,RB399",)),
            "--extend-select: unknown rule selector 'RB399'",
        ),
        (
            CliOverrides(ignore=("PLR0904",)),
            "--ignore: 'PLR0904' is a preview-only ruff rule (reviewbot runs ruff without preview)",
        ),
    ],
)
def test_bad_selectors_on_the_command_line(
    tmp_path: Path, small_catalog: RuleCatalog, preset_dir: Path, cli: CliOverrides, expected: str
) -> None:
    path = write(tmp_path / ".reviewbot.toml", 'preset = "base"\n')
    with pytest.raises(UsageError) as caught:
        _load(path, small_catalog, preset_dir, cli)
    assert str(caught.value) == expected


def test_config_and_isolated_together(
    tmp_path: Path, small_catalog: RuleCatalog, preset_dir: Path
) -> None:
    path = write(tmp_path / ".reviewbot.toml", "")
    with pytest.raises(UsageError, match="^--config and --isolated cannot be used together$"):
        read_run_config(tmp_path, config_file=path, isolated=True)


def test_first_error_in_a_valid_looking_file_is_reported(error_for: ErrorFor) -> None:
    path, message = error_for('preset = "base"\nselect = ["F"]\n[thresholds]\nnesting = -1\n')
    assert message == f"{path}: thresholds.nesting: expected a positive integer, got -1"
