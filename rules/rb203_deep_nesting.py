"""RB203: a function whose blocks nest deeper than the limit."""

from __future__ import annotations

from reviewbot.config.model import Thresholds
from reviewbot.findings import Category, Severity
from reviewbot.metrics.describe import function_label
from reviewbot.metrics.model import FunctionMetrics
from reviewbot.ruleset.api import FunctionRule, Invalid, RuleDoc, Valid, Violation


class DeepNesting(FunctionRule):
    """Flags functions whose ``if``/loop/``try``/``with``/``match`` blocks nest too deep."""

    code = "RB203"
    name = "deep-nesting"
    category = Category.COMPLEXITY
    severity = Severity.WARNING
    thresholds_used = ("nesting",)
    doc = RuleDoc(
        what=(
            "Checks for functions whose blocks (`if`, `for`, `while`, `try`, `with`, `match`) "
            "nest more than `nesting` levels deep (default 4).\n\n"
            "An `elif` stays at its `if`'s level; `else`, `except`, `finally` and `case` bodies "
            "are one level in, like the body. A nested function is measured on its own."
        ),
        why=(
            "Every level of indentation is one more condition a reader must hold in mind to "
            "know when a line runs, and the innermost lines are the ones changed last and "
            "tested least. Deep nesting usually means error cases handled inside the happy path "
            "instead of returned early, or a loop body that wants to be its own function."
        ),
        example=(
            "def sync(users):\n"
            "    for user in users:\n"
            "        if user.active:\n"
            "            with lock:\n"
            "                if user.dirty:\n"
            "                    save(user)\n"
        ),
        use_instead=(
            "def sync(users):\n"
            "    for user in users:\n"
            "        if user.active and user.dirty:\n"
            "            save_locked(user)\n"
        ),
        options="`nesting` (default 4): the deepest block nesting allowed.",
    )
    valid = (
        Valid(
            "def sync(users):\n"
            "    for user in users:\n"
            "        if not user.active:\n"
            "            continue\n"
            "        with lock:\n"
            "            save(user)\n",
            "a guard clause keeps it exactly at the limit",
            {"nesting": 2},
        ),
        Valid(
            "def kind(x):\n"
            "    if x < 0:\n"
            "        return 'negative'\n"
            "    elif x == 0:\n"
            "        return 'zero'\n"
            "    elif x < 10:\n"
            "        if x % 2:\n"
            "            return 'odd'\n"
            "    return 'large'\n",
            "an `elif` does not deepen the nesting",
            {"nesting": 2},
        ),
        Valid(
            "def make_handler(routes):\n"
            "    if routes:\n"
            "        def handle(request):\n"
            "            for route in routes:\n"
            "                if route.matches(request):\n"
            "                    return route.view(request)\n"
            "        return handle\n",
            "a nested function's blocks are measured on their own",
            {"nesting": 2},
        ),
    )
    invalid = (
        Invalid(
            "def sync(users):\n"
            "    for user in users:\n"
            "        if user.active:\n"
            "            with lock:\n"
            "                save(user)\n",
            lines=(1,),
            note="three levels",
            thresholds={"nesting": 2},
        ),
        Invalid(
            "def load_all(paths, data):\n"
            "    for path in paths:\n"
            "        try:\n"
            "            data.append(path.read_text())\n"
            "        except OSError:\n"
            "            if path.exists():\n"
            "                raise\n",
            lines=(1,),
            note="an `except` body is inside its `try`",
            thresholds={"nesting": 2},
        ),
    )

    def check_function(self, function: FunctionMetrics, thresholds: Thresholds) -> Violation | None:
        """Report a function whose block nesting is deeper than ``nesting``."""
        depth, limit = function.nesting, thresholds.nesting
        if depth <= limit:
            return None
        name = function_label(function)
        return Violation(
            message=(
                f"{name} nests blocks {depth} deep (limit {limit}); "
                f"the innermost starts at line {function.nesting_line}"
            ),
            rationale=(
                f"To know when the block at line {function.nesting_line} runs, a reader of "
                f"{name} has to keep {depth} enclosing conditions and loops in mind. Returning "
                "or `continue`-ing early on the exceptional cases, or extracting the inner "
                "block into a named function, flattens it."
            ),
        )
