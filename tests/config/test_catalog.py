"""Selector semantics: ruff's ALL / linter prefix / prefix + number, and RB families."""

from __future__ import annotations

import pytest

from reviewbot.config.catalog import RuleCatalog, is_reserved_code
from reviewbot.findings import Category, Severity


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("E", {"E501", "E722"}),  # not EM101: EM is another linter
        ("EM", {"EM101"}),
        ("E5", {"E501"}),
        ("E501", {"E501"}),
        ("PL", {"PLR0911", "PLR2004", "PLW0120", "PLC0206"}),  # a group of sub-linters
        ("PLR", {"PLR0911", "PLR2004"}),
        ("PLR2", {"PLR2004"}),
        ("C4", {"C400", "C408"}),
        ("C40", {"C400", "C408"}),
        ("C90", {"C901"}),
        ("T20", {"T201"}),
        ("RB", {"RB101", "RB201"}),
        ("RB2", {"RB201"}),
        ("RB3", set()),
    ],
)
def test_expand(small_catalog: RuleCatalog, selector: str, expected: set[str]) -> None:
    assert small_catalog.expand(selector) == expected


def test_all_expands_to_every_code(small_catalog: RuleCatalog) -> None:
    assert small_catalog.expand("ALL") == small_catalog.codes
    assert "RB101" in small_catalog.codes and "E501" in small_catalog.codes


@pytest.mark.parametrize(
    "selector",
    ["ALL", "E", "E5", "E501", "PL", "PLR", "PLR20", "C4", "RB", "RB3", "RB30", "RB1", "PERF"],
)
def test_valid_selectors(small_catalog: RuleCatalog, selector: str) -> None:
    assert small_catalog.is_valid(selector)


@pytest.mark.parametrize(
    "selector",
    [
        "RB399",  # an RB code that is not registered
        "RB102",
        "RB6",  # no such family
        "PERF999",
        "PERF9",  # a prefix no code has
        "E8",
        "C9",  # neither a linter nor a prefix of one
        "C",
        "e501",  # selectors are upper-case
        "PLR0904",  # preview-only: not selectable
        "",
        "all",
    ],
)
def test_invalid_selectors(small_catalog: RuleCatalog, selector: str) -> None:
    assert not small_catalog.is_valid(selector)


def test_matches_respects_linter_boundaries(small_catalog: RuleCatalog) -> None:
    assert small_catalog.matches("E", "E501")
    assert not small_catalog.matches("E", "EM101")
    assert small_catalog.matches("PL", "PLW0120")
    assert not small_catalog.matches("P", "PLW0120")
    assert small_catalog.matches("ALL", "RB101")
    assert not small_catalog.matches("F", "XYZ123")


def test_closest(small_catalog: RuleCatalog) -> None:
    assert small_catalog.closest("PERF4O1") == "PERF401"  # letter O for zero
    assert small_catalog.closest("e501") == "E501"
    assert small_catalog.closest("PLR2040") == "PLR2004"
    assert small_catalog.closest("ALLL") == "ALL"
    assert small_catalog.closest("ZZZZZZZZ") is None


def test_only_codes_passed_in_are_known() -> None:
    catalog = RuleCatalog.build(
        rb_rules={"RB301": (Category.PERFORMANCE, Severity.WARNING)},
        ruff_codes=["F401"],
        ruff_prefixes=["F"],
    )
    assert catalog.codes == {"RB301", "F401"}
    assert catalog.is_ruff("F401") and not catalog.is_ruff("RB301")
    assert catalog.expand("RB3") == {"RB301"}
    assert not catalog.is_valid("RB302")


def test_reserved_codes() -> None:
    assert is_reserved_code("RB101") and is_reserved_code("RB599")
    assert (
        not is_reserved_code("RB601")
        and not is_reserved_code("RB1")
        and not is_reserved_code("E501")
    )


def test_real_ruff_linters(catalog: RuleCatalog) -> None:
    assert catalog.groups == {"PL": frozenset({"PLC", "PLE", "PLR", "PLW"})}
    assert "ERA001" not in catalog.expand("E") and "EXE001" not in catalog.expand("E")
    assert catalog.expand("C4") == {c for c in catalog.ruff_codes if c.startswith("C4")}
    assert catalog.expand("G00") == {"G001", "G002", "G003", "G004"}
    assert "PLR0904" not in catalog.codes and "PLR0904" in catalog.unavailable
    assert "ANN101" not in catalog.codes  # removed from ruff
    assert catalog.is_valid("RB3") and not catalog.is_valid("RB399")
