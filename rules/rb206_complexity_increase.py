"""RB206 (review only): a change that makes a function markedly harder to follow, by more than
``[review] complexity-increase``: it at least doubles the function's cognitive complexity, or it
adds :data:`SUBSTANTIAL_RISE` or more while writing at least :data:`WRITTEN_SHARE` of the
function.

In a review, a function that existed before is judged by what the change did to it: this rule
replaces the absolute limits (RB201, RB202) on such functions, which still judge the functions a
change adds. Judged on real pull requests (tests/benchmarks/review_prs.py), the comments worth
posting were sharp rises in functions that had been simple (5 -> 18, 20 -> 49), and rises in
large functions that the change itself rewrote in good part (57 -> 69 writing 20% of it, 49 -> 64
writing 23%, 25 -> 34 writing 69%); a count one over a limit (cyclomatic 10 -> 11), a few points
added to a function already at 60, or a one- or two-line edit deep inside a long function
(64 -> 74 writing 8%, 74 -> 88 writing 9%, 59 -> 74 writing 15%) were not: the rise there is the
old function's nesting, and the small fix is not the moment to ask for its split. Cyclomatic
complexity stays RB201's, in the "strict" preset.
"""

from __future__ import annotations

from reviewbot.config.model import Thresholds
from reviewbot.findings import Category, Severity
from reviewbot.metrics.describe import (
    SplitCandidates,
    candidates_phrase,
    function_label,
    split_advice,
    split_candidates,
)
from reviewbot.metrics.model import FunctionMetrics
from reviewbot.ruleset.api import DeltaRule, FunctionChange, RuleDoc, Violation
from reviewbot.ruleset.review_records import DeltaInvalid, DeltaValid

_BEFORE = (
    "def discount(order):\n"
    "    if order.customer.tier == 'gold':\n"
    "        return 0.1\n"
    "    return 0.0\n"
)
_AFTER = (
    "def discount(order):\n"
    "    rate = 0.0\n"
    "    if order.customer.tier == 'gold':\n"
    "        rate = 0.1\n"
    "    for campaign in order.campaigns:\n"
    "        if campaign.code == order.coupon:\n"
    "            if campaign.countries and order.country not in campaign.countries:\n"
    "                continue\n"
    "            rate = max(rate, campaign.rate)\n"
    "    return rate\n"
)
_SPLIT = (
    "def discount(order):\n"
    "    rate = 0.1 if order.customer.tier == 'gold' else 0.0\n"
    "    return max(rate, campaign_rate(order))\n"
    "\n"
    "\n"
    "def campaign_rate(order):\n"
    "    matching = (c for c in order.campaigns if c.code == order.coupon and c.applies_to(order))\n"
    "    return max((c.rate for c in matching), default=0.0)\n"
)

#: SonarSource's line for a function that is hard to understand: a function that doubles but
#: stays below it (4 -> 9, 7 -> 14) is still easy to read, and a comment on it was not worth
#: posting on real pull requests. A team whose own `cognitive` limit is lower uses that.
HARD_TO_FOLLOW = 15

#: A rise of more than half of :data:`HARD_TO_FOLLOW`: a change that adds this much to a function
#: that was already complex is worth a comment when it also wrote :data:`WRITTEN_SHARE` of it.
SUBSTANTIAL_RISE = 8
#: The share of a function's lines a change must write for a rise short of doubling to be the
#: change's doing. Chosen between the judged comments above: the skipped ones wrote at most 15%
#: of their function, the posted ones at least 20%.
WRITTEN_SHARE = 1 / 6

# A long dispatcher: one flat `if` per code (cognitive 1 each).
_DISPATCH = "def label(code):\n{}    return 'other'\n"
_FOURTEEN = _DISPATCH.format(
    "".join(f"    if code == {n}:\n        return '{n}'\n" for n in range(14))
)
_SEVEN = _DISPATCH.format("".join(f"    if code == {n}:\n        return '{n}'\n" for n in range(7)))
_TWENTY = _DISPATCH.format(
    "".join(f"    if code == {n}:\n        return '{n}'\n" for n in range(20))
)
_SIXTEEN = _DISPATCH.format(
    "".join(f"    if code == {n}:\n        return '{n}'\n" for n in range(16))
)
_THIRTY = _DISPATCH.format(
    "".join(f"    if code == {n}:\n        return '{n}'\n" for n in range(30))
)
# Eight lines adding 10 (a loop and three nested `if`s), written before the final `return`.
_NESTED = (
    "    for part in code.parts:\n"
    "        name = part.name.strip()\n"
    "        if name:\n"
    "            label = name.title()\n"
    "            if part.primary:\n"
    "                if label.isidentifier():\n"
    "                    return label\n"
    "                return name\n"
)


def _with_nested(dispatch: str) -> str:
    return dispatch.replace("    return 'other'\n", _NESTED + "    return 'other'\n")


class ComplexityIncrease(DeltaRule):
    """Flags a changed function whose complexity the change raised past a limit."""

    code = "RB206"
    name = "complexity-increase"
    category = Category.COMPLEXITY
    severity = Severity.WARNING
    thresholds_used = ("cognitive",)
    supersedes = ("RB201", "RB202")
    doc = RuleDoc(
        what=(
            "Checks, in `reviewbot review` only, every function the change touched that "
            "existed before: it is flagged when the change raised its cognitive complexity by "
            "more than `[review] complexity-increase` (default 5), compared with the merge "
            "base, left it at 15 or more (SonarSource's line for hard to understand; your "
            "`cognitive` limit if lower), and either at least doubled it or added 8 or more "
            "while writing at least a sixth of the function's lines. A function that goes "
            "from 5 to 18 has become hard to follow; one that goes from 7 to 14 is still easy "
            "to read. One that goes from 49 to 64 because the change rewrote a quarter of it "
            "is the change's doing, and the moment to split it; one that goes from 64 to 74 "
            "because a two-line fix sits ten levels deep has not changed character, and the "
            "fix is not the moment to ask for a refactor. Such functions get no RB201 / RB202 "
            "comment in a review either: those judge the functions a change adds.\n\n"
            "The finding sits on the function's `def` line and names the blocks that add the "
            "most, the natural pieces to extract."
        ),
        why=(
            "Complexity grows one reasonable-looking special case at a time, and the pull "
            "request that adds the case is the cheapest moment to split the function: the "
            "author has the code in their head and the reviewer sees exactly what grew. "
            "A function that already scored 49 and now scores 64 is not flagged by the plain "
            "limit rules as anything new; this rule is."
        ),
        example=_AFTER,
        use_instead=_SPLIT,
        options=(
            "`complexity-increase` (default 5) in `[review]`: the largest rise allowed in one "
            "change, 0 to flag any doubling; `cognitive` in `[thresholds]` is shown for "
            "reference."
        ),
    )
    valid = (
        DeltaValid(_AFTER, "a new function: RB201 / RB202 judge it", thresholds={"cognitive": 4}),
        DeltaValid(
            _BEFORE.replace("0.1", "0.15"), "the change leaves complexity as it was", before=_BEFORE
        ),
        DeltaValid(
            _AFTER,
            "cognitive 1 -> 8: a rise of 7, within an allowed increase of 10",
            before=_BEFORE,
            increase=10,
        ),
        DeltaValid(_BEFORE, "complexity went down", before=_AFTER, thresholds={"cognitive": 4}),
        DeltaValid(_AFTER, "cognitive 1 -> 8: doubled, but still easy to read", before=_BEFORE),
        DeltaValid(
            _TWENTY,
            "cognitive 14 -> 20: a rise of 6, but the function was already that complex",
            before=_FOURTEEN,
        ),
        DeltaValid(
            _with_nested(_THIRTY),
            "cognitive 30 -> 40: eight lines written in a 70-line function (11%), whose own "
            "length and depth are the old code's",
            before=_THIRTY,
        ),
    )
    invalid = (
        DeltaInvalid(
            _TWENTY,
            lines=(1,),
            note="cognitive 7 -> 20: more than doubled, by more than 5, to 15 or more",
            before=_SEVEN,
        ),
        DeltaInvalid(
            _with_nested(_SIXTEEN),
            lines=(1,),
            note="cognitive 16 -> 26: a rise of 10 from eight lines, a fifth of the function",
            before=_SIXTEEN,
        ),
        DeltaInvalid(
            _TWENTY,
            lines=(1,),
            note="cognitive 0 -> 20 with an allowed increase of 0",
            before="def label(code):\n    return 'other'\n",
            increase=0,
        ),
    )

    def check_delta(
        self,
        before: FunctionMetrics | None,
        after: FunctionMetrics,
        thresholds: Thresholds,
        increase_limit: int,
    ) -> Violation | None:
        """:meth:`check_change` for a change that wrote the whole function."""
        written = after.end_line - after.line + 1
        return self.check_change(FunctionChange(before, after, written), thresholds, increase_limit)

    def check_change(
        self, change: FunctionChange, thresholds: Thresholds, increase_limit: int
    ) -> Violation | None:
        """Report a marked rise (see the module) with split candidates."""
        before, after = change.before, change.after
        if before is None:
            return None
        if not _marked(before.cognitive, after.cognitive, change.written_share, increase_limit):
            return None
        if after.cognitive < min(HARD_TO_FOLLOW, thresholds.cognitive):
            return None
        rise = (
            f"cognitive complexity rose from {before.cognitive} to {after.cognitive} in this "
            f"change (limit {thresholds.cognitive})"
        )
        name = function_label(after)
        candidates = split_candidates(after)
        return Violation(
            message=f"{name} {rise}{candidates_phrase(candidates)}",
            rationale=_rationale(name, before, after, candidates),
        )


def _marked(before: int, after: int, written_share: float, increase_limit: int) -> bool:
    """Whether a rise from ``before`` to ``after`` is the change's, and large enough to say so."""
    rise = after - before
    if rise <= increase_limit:
        return False
    return rise >= before or (rise >= SUBSTANTIAL_RISE and written_share >= WRITTEN_SHARE)


def _rationale(
    name: str, before: FunctionMetrics, after: FunctionMetrics, candidates: SplitCandidates
) -> str:
    grew = (
        f"This change makes {name} harder to follow: cognitive {before.cognitive} -> "
        f"{after.cognitive}, cyclomatic {before.cyclomatic} -> {after.cyclomatic}, and every "
        "later reader and test pays for that."
    )
    if not candidates.blocks:
        return f"{grew} Naming the new conditions in small helper functions keeps it flat."
    return f"{grew} {split_advice(candidates, when=' while the change is fresh')}"
