"""RB314 on ranking helpers: `x = sorted(x)` on the function's own lists."""

from __future__ import annotations

from reviewbot.pipeline.rule_examples import findings_for
from tests.rules.marked import REGISTRY, flagged_lines, marked_lines

RANKING = """\
def leaderboard(players):
    scores = [p.score for p in players]
    scores = sorted(scores, reverse=True)  # <- RB314
    return scores[:10]


def leaderboard_param(scores: list[int]):
    scores = sorted(scores)
    return scores


def names(rows):
    names = {row.name for row in rows}
    names = sorted(names)
    return names


def cached(events, cache):
    stamps = [e.at for e in events]
    cache["stamps"] = stamps
    stamps = sorted(stamps, key=abs)  # <- RB314
    return stamps


def already(players):
    scores = [p.score for p in players]
    scores.sort()
    return scores


def copy_kept(players):
    scores = [p.score for p in players]
    ranked = sorted(scores)
    return ranked, scores


def maybe_list(rows, fallback):
    items = fallback
    if rows:
        items = [r.id for r in rows]
    items = sorted(items)
    return items


class Report:
    def columns(self, fields):
        cols = list(fields)
        cols = sorted(cols, key=str.lower)  # <- RB314
        return ", ".join(cols)
"""


def test_flags_exactly_the_marked_lines() -> None:
    assert flagged_lines(RANKING, "RB314") == marked_lines(RANKING, "RB314")


def test_fix_sorts_in_place_and_is_safe_only_when_no_one_else_holds_the_list() -> None:
    from reviewbot.engine.edits import apply_fixes

    found = findings_for("RB314", RANKING, REGISTRY, {})
    assert [(f.line, f.fix is not None and f.fix.safe) for f in found] == [
        (3, True),
        (21, False),  # `cache["stamps"]` holds the same list
        (48, True),
    ]
    fixed = apply_fixes(RANKING, [f.fix for f in found if f.fix is not None]).text
    assert "\n    scores.sort(reverse=True)  # <- RB314\n" in fixed
    assert "\n    stamps.sort(key=abs)  # <- RB314\n" in fixed
    assert "\n        cols.sort(key=str.lower)  # <- RB314\n" in fixed
    assert findings_for("RB314", fixed, REGISTRY, {}) == []
