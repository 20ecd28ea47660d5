"""The seeded-smells benchmark's answer key and arithmetic, on made-up reports."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

from tests.benchmarks.seeded_recall import SEEDED_FOLDER, Settings, failures
from tests.benchmarks.seeded_score import (
    NEAR_MISS,
    SEEDED,
    Marker,
    hits_of,
    markers_in,
    parse_markers,
    score,
    tally,
    tally_by_name,
    unmarked,
)

SOURCE = '''def render(rows):
    text = ""
    note = "# seeded: not-a-marker"
    for row in rows:
        text += row  # seeded: string-concat
    parts = [row for row in rows]  # near-miss: comprehension
    for row in rows:
        if row in rows:  # seeded: membership
            pass
    return text + note  # a comment that mentions nothing
'''


def finding(line: int, rule: str = "RB301", category: str = "performance") -> dict[str, Any]:
    """A finding as reviewbot's JSON report gives it."""
    return {"rule": rule, "category": category, "path": "app.py", "line": line}


def test_markers_are_read_from_comments_only() -> None:
    markers = parse_markers("app.py", SOURCE)

    assert markers == [
        Marker("app.py", 5, SEEDED, "string-concat"),
        Marker("app.py", 6, NEAR_MISS, "comprehension"),
        Marker("app.py", 8, SEEDED, "membership"),
    ]


@pytest.mark.parametrize("comment", ["# seeded:", "# near-miss: two words", "# seeded concat"])
def test_a_malformed_marker_is_an_error(comment: str) -> None:
    with pytest.raises(ValueError, match="app.py:1: malformed marker"):
        parse_markers("app.py", f"x = 1  {comment}\n")


def test_only_a_reported_performance_finding_on_the_exact_line_is_a_hit() -> None:
    report = {
        "findings": [
            finding(5),  # on the concat marker
            finding(7, "RB302"),  # the line above the membership marker
            finding(8, "E501", "convention"),  # on it, but not performance
        ],
        "dropped": [{**finding(8, "RB302"), "dropped": {"reason": "loop:unknown"}}],
    }
    outcomes = score(parse_markers("app.py", SOURCE), hits_of(report))

    assert [(o.marker.line, o.hit, o.rules, o.dropped) for o in outcomes] == [
        (5, True, ("RB301",), ()),
        (6, False, (), ()),
        (8, False, (), ("RB302 (loop:unknown)",)),
    ]
    assert tally(outcomes, SEEDED).hits == 1
    assert tally(outcomes, SEEDED).rate == 0.5
    assert tally(outcomes, NEAR_MISS).rate == 0.0
    assert [(hit.line, hit.rule) for hit in unmarked(parse_markers("app.py", SOURCE), hits_of(report))] == [
        (7, "RB302")
    ]


def test_a_flagged_near_miss_counts_as_a_false_positive_per_name() -> None:
    report = {"findings": [finding(6, "PERF401"), finding(6, "RB301")]}
    outcomes = score(parse_markers("app.py", SOURCE), hits_of(report))

    by_name = tally_by_name(outcomes, NEAR_MISS)
    assert list(by_name) == ["comprehension"]
    assert (by_name["comprehension"].markers, by_name["comprehension"].hits) == (1, 1)
    assert tally_by_name(outcomes, SEEDED)["membership"].rate == 0.0
    assert tally(outcomes, "no-such-kind").rate == 0.0


def test_check_names_each_floor_a_preset_misses() -> None:
    outcomes = score(parse_markers("app.py", SOURCE), hits_of({"findings": [finding(6)]}))
    settings = Settings(("strict",), True, min_recall=0.4, max_false_positives=0.5, show_all=False)

    assert failures({"strict": outcomes}, settings) == [
        "strict: recall 0% is below the floor 40%",
        "strict: false positives 100% exceed 50%",
    ]
    lenient = Settings(("strict",), True, min_recall=0.0, max_false_positives=1.0, show_all=False)
    assert failures({"strict": outcomes}, lenient) == []


def test_the_seeded_modules_parse_and_hold_enough_markers() -> None:
    root = Path(__file__).resolve().parents[1]
    for module in SEEDED_FOLDER.glob("*.py"):
        ast.parse(module.read_text(encoding="utf-8"), filename=str(module))
    markers = markers_in(SEEDED_FOLDER, root)

    assert sum(marker.kind == SEEDED for marker in markers) >= 30
    assert sum(marker.kind == NEAR_MISS for marker in markers) >= 30
    assert all(marker.path.startswith("tests/benchmarks/seeded/") for marker in markers)
