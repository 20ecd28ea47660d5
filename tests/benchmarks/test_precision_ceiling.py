"""The supply estimate behind issue 10's bar: how many worth-posting findings a rule could keep."""

from __future__ import annotations

import math

import pytest

from tests.benchmarks.precision_ceiling import (
    Judged,
    ceiling_table,
    judged_rows,
    supplies,
    supply,
    upper_rate,
)

_DOCUMENT = """\
### Precision of the performance (RB3xx) rules (sample judged under `strict`)

| rule | findings (strict) | per 1,000 lines | findings (recommended) | sample | judged | post | precision |
|---|--:|--:|--:|--:|--:|--:|--:|
| RB301 | 31 | 0.053 | 0 | 10 | 10 | 0 | 0% |
| RB304 | 91 | 0.155 | 0 | 10 | 10 | 1 | 10% |
| RB309 | 0 | 0.000 | 0 | 0 | 0 | 0 | — |

### Precision of the complexity and convention (RB1xx, RB2xx) rules

| RB399 | 5 | 0.1 | 0 | 5 | 5 | 5 | 100% |
"""


def test_zero_of_n_has_the_rule_of_three_bound() -> None:
    # P(0 successes) = (1 - p)^n = 0.05 at the bound.
    assert upper_rate(0, 16) == pytest.approx(1 - 0.05 ** (1 / 16), abs=1e-9)


def test_the_bound_is_above_the_seen_rate_and_below_one() -> None:
    bound = upper_rate(7, 35)
    assert 7 / 35 < bound < 1
    tail = sum(math.comb(35, k) * bound**k * (1 - bound) ** (35 - k) for k in range(8))
    assert tail == pytest.approx(0.05, abs=1e-6)


def test_only_the_rows_of_the_performance_table_are_read() -> None:
    assert judged_rows(_DOCUMENT) == [
        Judged("RB301", 31, 10, 0),
        Judged("RB304", 91, 10, 1),
        Judged("RB309", 0, 0, 0),
    ]


def test_a_fully_judged_rule_supplies_exactly_its_post_findings() -> None:
    row = supply("RB306", [Judged("RB306", 5, 5, 1), Judged("RB306", 6, 6, 0)])
    assert (row.estimate, row.upper, row.reachable) == (1.0, 1.0, False)


def test_unjudged_findings_count_at_the_sampled_rate_and_its_bound() -> None:
    (_, rb304, _) = supplies([_DOCUMENT])
    assert rb304.estimate == pytest.approx(1 + 81 * 0.1)
    assert rb304.upper == pytest.approx(1 + 81 * upper_rate(1, 10))
    assert rb304.reachable


def test_the_table_says_how_many_rules_could_reach_the_bar() -> None:
    table = ceiling_table(supplies([_DOCUMENT, _DOCUMENT]))
    assert "| RB301 | 62 | 20 | 0 | 0.0 |" in table
    assert table.endswith("Rules that could reach the bar even with a perfect filter: 2 of 3.")
