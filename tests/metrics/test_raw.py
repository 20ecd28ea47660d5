from __future__ import annotations

from pathlib import Path

import pytest
from radon.raw import analyze

from reviewbot.metrics.raw import RawCountError, RawCounts, physical_lines, raw_counts
from tests.metrics.corpus import EDGE_CASES, PACKAGES


def as_radon(counts: RawCounts) -> tuple[int, ...]:
    return (
        counts.loc,
        counts.lloc,
        counts.sloc,
        counts.comments,
        counts.multi,
        counts.blank,
        counts.single_comments,
    )


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_identical_to_radon_on_real_code(package: str) -> None:
    mismatches = []
    for path in sorted(PACKAGES[package].rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if as_radon(raw_counts(source)) != tuple(analyze(source)):
            mismatches.append(path.name)
    assert mismatches == []


@pytest.mark.parametrize("name", sorted(EDGE_CASES))
def test_identical_to_radon_on_edge_cases(name: str) -> None:
    source = EDGE_CASES[name]
    assert as_radon(raw_counts(source)) == tuple(analyze(source))


@pytest.mark.parametrize("separator", ["\x0c", "\u2028", "\x85"])
def test_fails_where_radon_fails_and_counts_real_lines_on_request(separator: str) -> None:
    # str.splitlines() cuts this valid string literal in two: radon raises SyntaxError.
    source = f'x = "a{separator}b"\n# note\n'
    with pytest.raises(SyntaxError):
        analyze(source)
    with pytest.raises(RawCountError):
        raw_counts(source)
    assert as_radon(raw_counts(source, physical=True)) == (2, 1, 1, 1, 0, 0, 1)


def test_physical_lines() -> None:
    assert [
        physical_lines(s) for s in ("", "a", "a\n", "a\nb", "a\r\nb\r\n", "a\rb", "\x0c\n")
    ] == [
        0,
        1,
        1,
        2,
        2,
        2,
        1,
    ]


def test_loc_is_the_sum_of_its_parts() -> None:
    counts = raw_counts(Path(__file__).read_text(encoding="utf-8"))
    assert counts.loc == counts.sloc + counts.blank + counts.multi + counts.single_comments
