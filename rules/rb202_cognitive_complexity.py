"""RB202: a function whose cognitive complexity (SonarSource's definition) is above the limit."""

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
from reviewbot.ruleset.api import FunctionRule, Invalid, RuleDoc, Valid, Violation

#: Over a limit of 4 (1 + 2 + 2) in 6 logical lines: the near miss and the finding of one code.
_GUARDED_LOOP = (
    "def first_overdue(invoices, today):\n"
    "    for invoice in invoices:\n"
    "        if invoice.paid:\n"
    "            continue\n"
    "        if invoice.due < today:\n"
    "            return invoice\n"
    "    return None\n"
)

#: Top-level blocks that define functions or classes: each function in them is judged on its own.
_DEFINITIONS = frozenset({"def", "async def", "class"})


class HighCognitiveComplexity(FunctionRule):
    """Flags functions whose control flow is harder to follow than ``cognitive`` allows."""

    code = "RB202"
    name = "high-cognitive-complexity"
    category = Category.COMPLEXITY
    severity = Severity.WARNING
    thresholds_used = ("cognitive", "cognitive_min_lines")
    noqa_equivalents = ("C901",)
    doc = RuleDoc(
        what=(
            "Checks for functions whose cognitive complexity (G. Ann Campbell's Cognitive "
            "Complexity, as SonarSource defines it) is above `cognitive` (40 in the "
            "recommended preset, 10 in strict; 15, Sonar's default, when no preset sets it).\n\n"
            "Each `if`, ternary, loop, `except` and `match` adds 1 plus its nesting level; "
            "`elif` and `else` add 1; each run of like boolean operators adds 1 "
            "(`a and b or c` adds 2); a recursive call adds 1; each comprehension `for` and "
            "`if` adds 1. Nested functions add nothing themselves but nest what they contain; "
            "a function over the limit only because of the functions it defines at its top "
            "level is not reported (each of them is judged on its own). "
            "A lambda's body adds nothing: it is one expression read where it stands, and a "
            "table of small lambdas is not hard to follow. The message names the top-level "
            "blocks that add the most; when one block holds 80% of the score or more (a `try` "
            "or `with` around the body, one loop), extracting it whole would only move the "
            "problem, so the message names that block and the heaviest blocks inside it "
            "instead: the branches of an `if`/`elif` chain, the `case`s of a `match`, a "
            "`try`'s handlers.\n\n"
            "A function shorter than `cognitive-min-lines` logical lines (statements and "
            "clauses) is not reported, however high its score: 90 in the recommended preset, "
            "1 (any length) in strict."
        ),
        why=(
            "Cognitive complexity scores how hard control flow is to read, not how many paths "
            "it has: a flat ladder of ten `elif`s scores 10, while an `if` inside a loop inside "
            "a loop inside an `if` scores 1+2+3+4, and the second is the one reviewers misread. "
            "The heaviest top-level blocks are the natural pieces to extract into named "
            "functions; guard clauses and early `continue` flatten the rest.\n\n"
            "Length is what makes a high score a reason to split. Blind readers judged the "
            "findings over 40 on real code: a function that is also long (90 statements or "
            "more) holds several jobs, and a comment on it was worth posting; a shorter one "
            "over 40 was as often a dense but cohesive routine that reads top to bottom (a "
            "parser step, an exporter's row, a checklist of guards), and a third of those "
            "comments were not worth the author's time."
        ),
        example=(
            "def first_overdue(invoices, today):\n"
            "    for invoice in invoices:\n"
            "        if not invoice.paid:\n"
            "            if invoice.due < today:\n"
            "                return invoice\n"
            "    return None\n"
        ),
        use_instead=(
            "def first_overdue(invoices, today):\n"
            "    return next(\n"
            "        (i for i in invoices if not i.paid and i.due < today), None\n"
            "    )\n"
        ),
        options=(
            "`cognitive` (recommended 40, strict 10, else 15): the highest cognitive "
            "complexity allowed. `cognitive-min-lines` (recommended 90, strict 1, else 1): "
            "the fewest logical lines a function over `cognitive` must have to be reported."
        ),
    )
    valid = (
        Valid(
            "def grade(score):\n"
            "    if score >= 90:\n"
            "        return 'A'\n"
            "    elif score >= 80:\n"
            "        return 'B'\n"
            "    elif score >= 70:\n"
            "        return 'C'\n"
            "    else:\n"
            "        return 'F'\n",
            "a flat `elif` ladder, exactly at the limit (1 + 1 + 1 + 1)",
            {"cognitive": 4},
        ),
        Valid(
            "def first_overdue(invoices, today):\n"
            "    return next((i for i in invoices if not i.paid and i.due < today), None)\n",
            "a comprehension's `for`, `if` and `and` add 1 each, with no nesting",
            {"cognitive": 4},
        ),
        Valid(
            "def logged(func):\n"
            "    @functools.wraps(func)\n"
            "    def wrapper(*args):\n"
            "        try:\n"
            "            return func(*args)\n"
            "        except OSError:\n"
            "            if args and args[0]:\n"
            "                log.exception('call failed')\n"
            "            raise\n"
            "    return wrapper\n",
            "a decorator's wrapper adds no nesting: 1 + 2 + 1 for both functions",
            {"cognitive": 4},
        ),
        Valid(
            _GUARDED_LOOP,
            "over the score (1 + 2 + 2) but 6 logical lines, under `cognitive-min-lines`",
            {"cognitive": 4, "cognitive_min_lines": 7},
        ),
    )
    invalid = (
        Invalid(
            "def retrying(attempts):\n"
            "    def decorate(func):\n"
            "        def run(*args):\n"
            "            for attempt in range(attempts):\n"
            "                try:\n"
            "                    return func(*args)\n"
            "                except OSError:\n"
            "                    if attempt == attempts - 1:\n"
            "                        raise\n"
            "        return run\n"
            "    return decorate\n",
            lines=(3,),
            note="only `run` is reported: the layers around it score its blocks again",
            thresholds={"cognitive": 4},
        ),
        Invalid(
            _GUARDED_LOOP,
            lines=(1,),
            note="nesting: 1 + 2 + 2",
            thresholds={"cognitive": 4},
        ),
        Invalid(
            "def depth(node):\n"
            "    if node is None or not node.children and node.leaf:\n"
            "        return 0\n"
            "    return 1 + max(depth(child) for child in node.children)\n",
            lines=(1,),
            note="mixed `or`/`and` (+2), recursion (+1) and a comprehension (+1)",
            thresholds={"cognitive": 4},
        ),
    )

    def check_function(self, function: FunctionMetrics, thresholds: Thresholds) -> Violation | None:
        """Report a function above ``cognitive``, naming its heaviest blocks as split candidates.

        A function shorter than ``cognitive_min_lines`` logical lines is not reported.
        A function whose score is over the limit only because of the functions it defines at
        its top level is not reported: each of those is judged on its own, and a comment on
        the outer one would repeat theirs (three nested decorator layers scored the same inner
        function three times)."""
        score, limit = function.cognitive, thresholds.cognitive
        if function.length < thresholds.cognitive_min_lines:
            return None
        nested = sum(b.cognitive for b in function.branches if b.kind in _DEFINITIONS)
        if score - nested <= limit:
            return None
        name = function_label(function)
        candidates = split_candidates(function)
        return Violation(
            message=f"{name} has cognitive complexity {score} (limit {limit}){candidates_phrase(candidates)}",
            rationale=_rationale(name, score, limit, candidates),
        )


def _rationale(name: str, score: int, limit: int, candidates: SplitCandidates) -> str:
    reading = (
        f"Reading {name} means tracking {score} breaks in its flow, each nested decision "
        "weighing more the deeper it sits."
    )
    if not candidates.blocks:
        return (
            f"{reading} Here they come from boolean expressions and comprehensions: naming "
            f"the conditions in small helper functions brings it under {limit}."
        )
    return f"{reading} {split_advice(candidates)}"
