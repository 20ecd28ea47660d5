"""The built-in presets: they load, name only stable ruff 0.17 codes, and say what they promise."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from reviewbot.config.catalog import RuleCatalog, is_reserved_code
from reviewbot.config.cli_overrides import CliOverrides
from reviewbot.config.files import read_toml
from reviewbot.config.model import Thresholds
from reviewbot.config.policy import Policy, load_policy
from reviewbot.config.presets import load_preset, preset_directory, preset_names
from reviewbot.config.resolve import category_of
from reviewbot.config.roles import Role
from reviewbot.config.ruff_rules import RuffRules
from reviewbot.config.run_config import read_run_config
from reviewbot.findings import Category, FailOn, Severity
from reviewbot.roles import classify
from reviewbot.rules import BUILTIN_RULES
from tests.config.conftest import RB_RULES

PRESETS = ("recommended", "strict")
OWN_RULES = {"RB101", "RB102", "RB103", "RB201", "RB202", "RB203", "RB204", "RB205", "RB206"}
#: In both presets: one complexity signal (the other metrics were judged not worth posting on
#: real code by default; tests/benchmarks/PRECISION.md), stale suppressions, complexity deltas.
DEFAULT_OWN_RULES = {"RB103", "RB202", "RB206"}
OWN_FAMILIES = ("RB3", "RB5")  # every performance rule and every PR policy check
# Performance rules that are right about the code's shape but mostly on collections too small to
# matter (tests/benchmarks/PRECISION.md): in "strict" only, as info.
#: Per-iteration rules judged by what the loop walks: "strict" only (in loops over data they were
#: still rarely worth posting), reported in loops over data or of unknown size.
LOOP_JUDGED = {"RB301", "RB302", "RB303", "RB304", "RB306", "RB307", "RB308"}
LOOP_JUDGED_TOO = {"RB317", "RB318", "RB319"}  # not yet judged on real code
ADVISORY_PERFORMANCE = {"RB314"}
ADVISORY_BY_DESIGN = {"RB311", "RB313", "RB316"}  # info-level advice, strict only
#: Strict only at their own severity: a DRF view's serializer querying per row (RB321), with
#: fewer than 8 findings on real code to judge it by, and an admin column's read that only its
#: name makes a relation (RB322; every such guess on real code was a property).
STRICT_ONLY_PERFORMANCE = {"RB321", "RB322"}
BUILTIN_CODES = {rule.code for rule in BUILTIN_RULES}
STRICT_ONLY_CONVENTIONS = ("D1", "ANN", "FBT", "PLR2004", "ERA001", "TD", "RET", "UP", "I")
NEVER_SELECTED = ("C901", "PLR0915", "PLR0912")


def base_policy(name: str, catalog: RuleCatalog, tmp_path: Path) -> Policy:
    return load_policy(
        read_run_config(tmp_path, config_file=None, isolated=True),
        cli=CliOverrides(preset=name),
        catalog=catalog,
    )


def selectors_in(raw: dict[str, Any]) -> list[str]:
    """Every selector a preset file names, wherever it names one."""
    found: list[str] = [*raw.get("select", []), *raw.get("ignore", []), *raw.get("severity", {})]
    for selectors in raw["categories"].values():
        found += selectors
    for override in raw.get("overrides", []):
        for key in ("select", "extend-select", "ignore"):
            found += override.get(key, [])
    return found


def test_preset_names() -> None:
    assert preset_names() == PRESETS
    assert preset_directory().name == "presets"


@pytest.mark.parametrize("name", PRESETS)
def test_every_selector_is_a_stable_ruff_code_or_prefix(
    name: str, catalog: RuleCatalog, ruff_rules: RuffRules
) -> None:
    raw = read_toml(preset_directory() / f"{name}.toml")
    for selector in selectors_in(raw):
        if selector.startswith("RB"):
            assert selector in OWN_FAMILIES or selector in OWN_RULES | BUILTIN_CODES, selector
            continue
        assert catalog.is_valid(selector), selector
        if selector != "ALL":
            assert catalog.expand(selector) <= ruff_rules.codes, selector
        if selector in ruff_rules.unavailable:
            pytest.fail(f"{selector} {ruff_rules.unavailable[selector]}")


@pytest.mark.parametrize("name", PRESETS)
def test_presets_load(name: str, builtin_catalog: RuleCatalog, tmp_path: Path) -> None:
    catalog = builtin_catalog
    preset = load_preset(name, catalog)
    assert preset.name == name and preset.description
    policy = base_policy(name, catalog, tmp_path)
    rules = policy.for_path("pkg/mod.py").rules
    # performance rules in both; RB320 judged 10 of 11 worth posting on two applications
    assert DEFAULT_OWN_RULES | {"RB312", "RB315", "RB320"} <= set(rules)
    assert not set(rules) & set(NEVER_SELECTED)
    assert policy.ruff_codes() <= catalog.ruff_codes


def test_advisory_performance_rules_are_strict_only_and_info(
    builtin_catalog: RuleCatalog, tmp_path: Path
) -> None:
    recommended, strict = (
        base_policy(name, builtin_catalog, tmp_path).for_path("pkg/mod.py").rules
        for name in PRESETS
    )
    assert not (ADVISORY_PERFORMANCE | ADVISORY_BY_DESIGN) & set(recommended)
    loop_judged = LOOP_JUDGED | LOOP_JUDGED_TOO
    assert ADVISORY_PERFORMANCE | ADVISORY_BY_DESIGN | loop_judged <= set(strict)
    assert not loop_judged & set(recommended)
    judged = loop_judged | ADVISORY_PERFORMANCE
    assert {strict[code].severity.value for code in judged} == {"info"}
    assert not STRICT_ONLY_PERFORMANCE & set(recommended)
    assert {strict[code].severity.value for code in STRICT_ONLY_PERFORMANCE} == {"warning"}


def test_presets_load_before_reviewbot_rules_are_registered(
    ruff_rules: RuffRules, tmp_path: Path
) -> None:
    bare = RuleCatalog.build(
        rb_rules={}, ruff_codes=ruff_rules.codes, ruff_prefixes=ruff_rules.prefixes
    )
    for name in PRESETS:
        rules = base_policy(name, bare, tmp_path).for_path("a.py").rules
        assert not any(code.startswith("RB") for code in rules)


def test_categories_and_default_severities_are_the_same_in_every_preset(
    catalog: RuleCatalog,
) -> None:
    recommended, strict = (load_preset(name, catalog) for name in PRESETS)
    assert recommended.categories == strict.categories
    assert (
        recommended.default_severity
        == strict.default_severity
        == {
            Category.CORRECTNESS: Severity.WARNING,  # near-certain bugs are listed as errors
            Category.PERFORMANCE: Severity.WARNING,
            Category.COMPLEXITY: Severity.WARNING,
            Category.CONVENTION: Severity.INFO,
        }
    )


PERFORMANCE_CODES = (
    *("PERF101", "PERF102", "PERF203", "PERF401", "PERF402", "PERF403", "C419"),
    *("RUF017", "FURB161", "FURB187", "FURB192", "G001", "G002", "G003", "G004"),
    *("ASYNC210", "ASYNC212", "ASYNC220", "ASYNC221", "ASYNC222", "ASYNC230", "ASYNC240"),
    *("ASYNC250", "ASYNC251"),
)
# Simplifications: the code works and runs as fast either way (issue 11 re-filed them from
# performance, where rules-catalog.md had them).
SIMPLIFICATION_CODES = (
    *("C400", "C416", "C420", "SIM110", "SIM118", "SIM401", "PIE800", "PIE804", "PIE810"),
    *("RUF005", "RUF015", "RUF019", "RUF051", "PLR1714", "PLR1733", "PLR1736", "PLC0206"),
    "FURB188",
)
CORRECTNESS_CODES = (
    *("F401", "F811", "B006", "B023", "E722", "BLE001", "S101", "PLE0100", "PLW0120", "SIM115"),
)
COMPLEXITY_CODES = ("C901", "PLR0911", "PLR0912", "PLR0913", "PLR0915", "PLR0917")
CONVENTION_CODES = (  # listed, or by the "ALL" fallback
    *("N802", "D103", "ANN001", "T201", "ERA001", "PLR2004", "FBT001", "TD003", "UP006", "I001"),
    *("RET504", "E501", "W605", "SIM102", "G010", "ASYNC100", "RUF100", "PLC0415", "S603", "PT009"),
)


@pytest.mark.parametrize(
    ("code", "category"),
    [
        # as rules-catalog.md ("Delegated to ruff") assigns them, but for the simplifications
        *((code, Category.PERFORMANCE) for code in PERFORMANCE_CODES),
        *((code, Category.CORRECTNESS) for code in (*CORRECTNESS_CODES, "RUF012")),
        *((code, Category.COMPLEXITY) for code in COMPLEXITY_CODES),
        *((code, Category.CONVENTION) for code in (*CONVENTION_CODES, *SIMPLIFICATION_CODES)),
    ],
)
def test_ruff_code_categories(catalog: RuleCatalog, code: str, category: Category) -> None:
    preset = load_preset("recommended", catalog)
    assert category_of(code, preset, catalog) is category


def test_every_ruff_code_has_a_category(catalog: RuleCatalog) -> None:
    preset = load_preset("recommended", catalog)
    for code in catalog.ruff_codes:
        assert category_of(code, preset, catalog) in {
            Category.CORRECTNESS,
            Category.PERFORMANCE,
            Category.COMPLEXITY,
            Category.CONVENTION,
        }


def test_recommended_is_quiet(catalog: RuleCatalog, tmp_path: Path) -> None:
    policy = base_policy("recommended", catalog, tmp_path)
    rules = policy.for_path("pkg/mod.py").rules
    for selector in (
        *STRICT_ONLY_CONVENTIONS,
        "S101",
        "C408",
        "PERF203",
        "PERF401",
        "G004",
        "B008",
        "B905",
    ):
        assert not catalog.expand(selector) & set(rules), selector
    assert {
        "F401",
        "B006",
        "B023",
        "E722",
        "BLE001",
        "PLE0100",
        "PERF101",
        "C419",
        "N802",
        "T201",
    } <= set(rules)
    assert rules["F401"].severity is Severity.WARNING
    assert rules["B006"].severity is Severity.WARNING  # an error where the default is changed
    assert rules["F821"].severity is Severity.ERROR
    assert rules["PLW0133"].severity is Severity.ERROR
    assert policy.fail_on is FailOn.ERROR
    assert policy.for_path("pkg/mod.py").thresholds == Thresholds(10, 40, 4, 60, 10.0, 1000, 20, 90)
    # one complexity signal by default (cognitive over 40); the other metrics are strict's
    assert {"RB202", "RB206"} <= set(rules)
    assert not {"RB101", "RB102", "RB201", "RB203", "RB204", "RB205"} & set(rules)


def test_strict_adds_conventions_and_advisory_rules(catalog: RuleCatalog, tmp_path: Path) -> None:
    policy = base_policy("strict", catalog, tmp_path)
    rules = policy.for_path("pkg/mod.py").rules
    recommended = base_policy("recommended", catalog, tmp_path).for_path("pkg/mod.py").rules
    assert set(recommended) <= set(rules)
    for selector in STRICT_ONLY_CONVENTIONS:
        assert catalog.expand(selector) & set(rules), selector
    assert "TD003" in rules and rules["TD003"].severity is Severity.WARNING
    for code in ("PERF203", "PERF401", "PERF402", "G004", "C408"):
        assert rules[code].severity is Severity.INFO, code
    assert policy.fail_on is FailOn.ERROR
    assert policy.for_path("pkg/mod.py").thresholds == Thresholds(8, 10, 3, 40, 20.0, 600, 15, 1)


@pytest.mark.parametrize("name", PRESETS)
def test_s101_never_applies_to_tests(name: str, catalog: RuleCatalog, tmp_path: Path) -> None:
    config = tmp_path / ".reviewbot.toml"
    config.write_text(f'preset = "{name}"\nextend-select = ["S101"]\n', encoding="utf-8")
    policy = load_policy(
        read_run_config(tmp_path, config_file=None, isolated=False),
        cli=CliOverrides(),
        catalog=catalog,
    )
    assert "S101" in policy.for_path("pkg/mod.py").rules
    assert policy.stances.drops(Role.TEST, "S101")
    assert not policy.stances.drops(Role.SOURCE, "S101")
    for path in (
        "tests/test_mod.py",
        "pkg/tests/helpers.py",
        "test_x.py",
        "pkg/x_test.py",
        "conftest.py",
    ):
        assert classify(path, "", {}).role is Role.TEST, path


def test_strict_relaxes_tests(catalog: RuleCatalog, tmp_path: Path) -> None:
    policy = base_policy("strict", catalog, tmp_path)
    relaxed = catalog.expand("D1") | catalog.expand("ANN") | {"S101", "PLR2004"}
    assert all(policy.stances.drops(Role.TEST, code) for code in relaxed)
    assert not policy.stances.drops(Role.TEST, "B006")


@pytest.mark.parametrize("name", PRESETS)
def test_every_preset_states_a_stance_for_every_role_alike(
    name: str, catalog: RuleCatalog, tmp_path: Path
) -> None:
    """What suits a kind of file does not depend on strictness: one stance in every preset."""
    stances = base_policy(name, catalog, tmp_path).roles.ignores
    assert set(stances) == set(Role) - {Role.SOURCE}
    assert stances == base_policy("recommended", catalog, tmp_path).roles.ignores


def test_reserved_rb_codes_only_in_presets() -> None:
    assert all(is_reserved_code(code) for code in OWN_RULES)
    assert set(RB_RULES) >= OWN_RULES


def test_reviewbots_own_config_is_valid(catalog: RuleCatalog, tmp_path: Path) -> None:
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    if not pyproject.is_file():
        pytest.skip("not run from a source checkout")
    shutil.copy(pyproject, tmp_path / "pyproject.toml")
    policy = load_policy(
        read_run_config(tmp_path, config_file=None, isolated=False),
        cli=CliOverrides(),
        catalog=catalog,
    )
    assert policy.config_path == (tmp_path / "pyproject.toml").resolve()
    assert policy.for_path("reviewbot/cli.py").rules
