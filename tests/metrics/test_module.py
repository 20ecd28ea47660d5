from __future__ import annotations

import ast
import pprint
import time

import pytest
from radon.metrics import mi_visit

from reviewbot.metrics.module import module_metrics
from tests.metrics.corpus import EDGE_CASES, PACKAGES


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_maintainability_matches_radon_mi_on_real_code(package: str) -> None:
    differences = {}
    for path in sorted(PACKAGES[package].rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        ours = module_metrics(source, ast.parse(source)).maintainability
        assert ours is not None, path
        if abs(ours - mi_visit(source, True)) > 1e-6:
            differences[path.name] = (ours, mi_visit(source, True))
    assert differences == {}


@pytest.mark.parametrize("name", sorted(EDGE_CASES))
def test_maintainability_matches_radon_mi_on_edge_cases(name: str) -> None:
    source = EDGE_CASES[name]
    ours = module_metrics(source, ast.parse(source)).maintainability
    assert ours == pytest.approx(mi_visit(source, True), abs=1e-6)


def test_module_metrics_fields() -> None:
    source = '"""Doc\nstring."""\nimport os  # c\n\n\ndef f(a):\n    return a\n'
    metrics = module_metrics(source, ast.parse(source))
    assert (metrics.lines, metrics.sloc, metrics.lloc, metrics.comments, metrics.multi) == (
        7,
        3,
        4,
        1,
        2,
    )
    assert metrics.blank == 2
    assert [f.qualname for f in metrics.functions] == ["f"]
    assert metrics.maintainability_skipped == ""


def pathological_source() -> str:
    """``DATA = `` + a pprint-formatted nested dict: one statement over ~6,500 lines."""

    def nested(prefix: str, depth: int) -> object:
        if depth == 0:
            return f"{prefix}-value"
        return {f"{prefix}{i}": nested(f"{prefix}{i}_", depth - 1) for i in range(6)}

    data = {f"section{i}": nested(f"s{i}_", 3) for i in range(30)}
    return "DATA = " + pprint.pformat(data) + "\n"


def test_one_statement_over_thousands_of_lines_is_linear() -> None:
    # radon.raw.analyze re-tokenizes the growing statement line by line: O(n^2), minutes here.
    source = pathological_source()
    tree = ast.parse(source)
    started = time.perf_counter()
    metrics = module_metrics(source, tree)
    elapsed = time.perf_counter() - started
    assert metrics.lines > 6_000
    assert elapsed < 5.0
    assert (metrics.sloc, metrics.comments, metrics.multi, metrics.blank) == (
        metrics.lines,
        0,
        0,
        0,
    )
    assert metrics.lloc == 2  # the statement, plus radon's extra line for a ':' inside it
    assert metrics.maintainability == 100.0  # no operators, so radon's Halstead volume is 0
    assert metrics.maintainability_skipped == ""


def test_expression_too_deep_for_radon_skips_the_index_with_a_reason() -> None:
    source = "QUERY = " + " + ".join(['"x"'] * 600) + "\n\ndef f(a):\n    return a or 1\n"
    metrics = module_metrics(source, ast.parse(source))
    assert metrics.maintainability is None
    assert "nested too deeply" in metrics.maintainability_skipped
    (function,) = metrics.functions
    assert function.cyclomatic == 2  # radon still scores the function on its own


def test_string_radon_cannot_split_falls_back_to_real_lines() -> None:
    source = 'X = "a\u2028b"\n\n\ndef f(a):\n    return a + 1\n'
    metrics = module_metrics(source, ast.parse(source))
    assert metrics.maintainability is not None
    assert (metrics.lines, metrics.sloc, metrics.blank) == (5, 3, 2)
