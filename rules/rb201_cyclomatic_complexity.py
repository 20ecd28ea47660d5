"""RB201: a function whose cyclomatic complexity (radon's definition) is above the limit."""

from __future__ import annotations

from reviewbot.config.model import Thresholds
from reviewbot.findings import Category, Severity
from reviewbot.metrics.describe import function_label
from reviewbot.metrics.model import FunctionMetrics
from reviewbot.metrics.radon_bridge import cyclomatic_rank
from reviewbot.ruleset.api import FunctionRule, Invalid, RuleDoc, Valid, Violation

#: radon's own description of each rank.
_RISK = {
    "A": "low risk",
    "B": "low risk",
    "C": "moderate risk",
    "D": "more than moderate risk",
    "E": "high risk",
    "F": "very high risk",
}


class HighCyclomaticComplexity(FunctionRule):
    """Flags functions with more independent paths than ``cyclomatic`` allows."""

    code = "RB201"
    name = "high-cyclomatic-complexity"
    category = Category.COMPLEXITY
    severity = Severity.WARNING
    thresholds_used = ("cyclomatic",)
    noqa_equivalents = ("C901", "PLR0912")
    doc = RuleDoc(
        what=(
            "Checks for functions whose cyclomatic complexity, as radon computes it, is above "
            "`cyclomatic` (default 10).\n\n"
            "radon counts 1 for the function, plus 1 for each `if`, `elif`, ternary, loop, "
            "loop `else`, `except`, `try` `else`, `assert`, comprehension `for` and `if`, each "
            "`and`/`or` operand after the first, and each `case` except `case _`. Nested "
            "functions and classes are scored on their own. Scores are ranked A 1-5, B 6-10, "
            "C 11-20, D 21-30, E 31-40, F 41+."
        ),
        why=(
            "Cyclomatic complexity is the number of independent paths through a function: "
            "the least number of tests that take every branch once, and the number of cases a "
            "reviewer has to check. Functions ranked C and worse hide untested paths and are "
            "where defects concentrate; splitting the decisions into named functions, or "
            "replacing an `if`/`elif` ladder with a lookup, makes each path visible."
        ),
        example=(
            "def shipping_cost(order):\n"
            "    if order.express:\n"
            "        return 20\n"
            "    elif order.country == 'NL':\n"
            "        return 5\n"
            "    elif order.country in EU:\n"
            "        return 10\n"
            "    ...  # one branch per country group\n"
        ),
        use_instead=(
            "RATES = {'NL': 5, **{country: 10 for country in EU}}\n\n\n"
            "def shipping_cost(order):\n"
            "    if order.express:\n"
            "        return 20\n"
            "    return RATES.get(order.country, 25)\n"
        ),
        options="`cyclomatic` (default 10): the highest cyclomatic complexity allowed.",
    )
    valid = (
        Valid(
            "def cost(order):\n"
            "    if order.express:\n"
            "        return 20\n"
            "    if order.heavy:\n"
            "        return 15\n"
            "    return 5\n",
            "exactly at the limit",
            {"cyclomatic": 3},
        ),
        Valid(
            "def cost(order):\n"
            "    with open(order.path) as f:\n"
            "        try:\n"
            "            return f.read()\n"
            "        finally:\n"
            "            f.close()\n",
            "`with` and `try`/`finally` add no path",
            {"cyclomatic": 1},
        ),
        Valid(
            "def outer(a, b):\n"
            "    def inner(c):\n"
            "        if c:\n"
            "            return 1\n"
            "        return 2 if c > 1 else 3\n"
            "    if a:\n"
            "        return inner(a)\n"
            "    return inner(b) if b else 0\n",
            "a nested function's branches count for it alone",
            {"cyclomatic": 3},
        ),
    )
    invalid = (
        Invalid(
            "def cost(order):\n"
            "    if order.express:\n"
            "        return 20\n"
            "    if order.heavy and order.far:\n"
            "        return 15\n"
            "    return 5\n",
            lines=(1,),
            note="`and` adds a path",
            thresholds={"cyclomatic": 3},
        ),
        Invalid(
            "class Cart:\n"
            "    def total(self):\n"
            "        return sum(i.price for i in self.items if i.price) or 0\n",
            lines=(2,),
            note="a comprehension's `for` and `if` each count",
            thresholds={"cyclomatic": 3},
        ),
    )

    def check_function(self, function: FunctionMetrics, thresholds: Thresholds) -> Violation | None:
        """Report a function whose cyclomatic complexity is above ``cyclomatic``."""
        score, limit = function.cyclomatic, thresholds.cyclomatic
        if score <= limit:
            return None
        rank = cyclomatic_rank(score)
        name = function_label(function)
        return Violation(
            message=f"{name} has cyclomatic complexity {score} (rank {rank}, limit {limit})",
            rationale=(
                f"{name} has {score} independent paths, which radon ranks {rank} "
                f"({_RISK[rank]}): covering each branch once takes at least {score} tests, and "
                "each is a case a reviewer must check. Extracting groups of decisions into "
                "named functions, or a lookup table for `if`/`elif` ladders, splits the paths."
            ),
        )
