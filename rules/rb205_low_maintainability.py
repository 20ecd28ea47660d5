"""RB205: a module whose maintainability index (radon's) is below the limit."""

from __future__ import annotations

import math

from reviewbot.config.model import Thresholds
from reviewbot.findings import Category, Severity
from reviewbot.metrics.describe import function_label
from reviewbot.metrics.model import ModuleMetrics
from reviewbot.metrics.radon_bridge import maintainability_rank
from reviewbot.ruleset.api import Invalid, ModuleRule, RuleDoc, Valid, Violation

_PRICE = (
    "def price(order, user):\n"
    "    total = sum(i.price * i.qty for i in order.items)\n"
    "    if user.vip and total > 100:\n"
    "        total = total * 0.9 - 5\n"
    "    elif user.new or total < 10:\n"
    "        total = total + 2.5\n"
    "    for c in order.coupons:\n"
    "        if c.valid and not c.used:\n"
    "            total -= c.amount\n"
    "    return max(total, 0) / 1.2\n"
)
_PRICE_DOCUMENTED = (
    "def price(order, user):\n"
    '    """Price an order for a user.\n'
    "\n"
    "    VIP users get 10% off above 100; new users pay a small fee.\n"
    '    """\n'
    "    total = sum(i.price * i.qty for i in order.items)\n"
    "    if user.vip and total > 100:\n"
    "        total = total * 0.9 - 5  # VIP discount\n"
    "    elif user.new or total < 10:\n"
    "        total = total + 2.5  # handling fee\n"
    "    for c in order.coupons:\n"
    "        if c.valid and not c.used:\n"
    "            total -= c.amount\n"
    "    return max(total, 0) / 1.2\n"
)


class LowMaintainabilityIndex(ModuleRule):
    """Flags modules whose maintainability index is below ``maintainability``."""

    code = "RB205"
    name = "low-maintainability-index"
    category = Category.COMPLEXITY
    severity = Severity.WARNING
    thresholds_used = ("maintainability",)
    doc = RuleDoc(
        what=(
            "Checks for modules whose maintainability index, as `radon mi` computes it, is "
            "below `maintainability` (default 10).\n\n"
            "The index (0-100) combines the module's Halstead volume, its total cyclomatic "
            "complexity, its logical lines and the share of comment and docstring lines; radon "
            "ranks it A above 19, B 10-19 and C 9 or less. When the index cannot be computed "
            "reliably the rule reports, at `info`, that it was skipped and why."
        ),
        why=(
            "A low index flags modules that are at once large, branchy and dense with "
            "operators while explaining little: the files where a change takes longest to make "
            "safely. It is a module-level smoke alarm; the function rules (RB201-RB204) point at "
            "the code to split, and comments that explain why raise the index too."
        ),
        example=_PRICE,
        use_instead=_PRICE_DOCUMENTED,
        options="`maintainability` (default 10): the lowest maintainability index allowed.",
    )
    valid = (
        Valid(
            _PRICE_DOCUMENTED,
            "the same code with a docstring and comments",
            {"maintainability": 70},
        ),
        Valid("def add(a, b):\n    return a + b\n", "small and simple", {"maintainability": 70}),
        Valid(_PRICE, "an index of 61.4, just above the limit", {"maintainability": 61}),
        Valid("", "an empty module scores 100", {"maintainability": 70}),
    )
    invalid = (
        Invalid(
            _PRICE, lines=(1,), note="dense and undocumented", thresholds={"maintainability": 70}
        ),
        Invalid(
            _PRICE.replace("def price", "def price_v2") + "\n\n" + _PRICE,
            lines=(1,),
            note="twice the volume",
            thresholds={"maintainability": 60},
        ),
    )

    def check_module(self, module: ModuleMetrics, thresholds: Thresholds) -> Violation | None:
        """Report an index below ``maintainability``, or at ``info`` that it was skipped."""
        index, limit = module.maintainability, thresholds.maintainability
        if index is None:
            return Violation(
                message=f"maintainability index not computed: {module.maintainability_skipped}",
                rationale=(
                    "reviewbot skips the index rather than report a number it cannot compute "
                    "reliably; the function-level complexity rules still ran on this module."
                ),
                severity=Severity.INFO,
            )
        if index >= limit:
            return None
        rank = maintainability_rank(index)
        return Violation(
            message=(
                f"this module's maintainability index is {_truncated(index)} "
                f"(rank {rank}, limit {limit:g})"
            ),
            rationale=_rationale(module, index),
        )


def _rationale(module: ModuleMetrics, index: float) -> str:
    """Why the index is low, naming the most complex functions when there are any."""
    documented = module.comments + module.multi
    comments = (
        "no comment or docstring lines"
        if documented == 0
        else f"{documented:,} lines of comments and docstrings"
    )
    text = (
        f"At {_truncated(index)}, this module packs {module.lloc:,} logical lines of branches "
        f"and operators with {comments}: the kind of file where a change takes longest to "
        "make safely."
    )
    ranked = sorted(module.functions, key=lambda function: -function.cyclomatic)[:2]
    if ranked:
        names = " and ".join(
            f"{function_label(function)} (cyclomatic {function.cyclomatic})" for function in ranked
        )
        noun = "functions" if len(ranked) > 1 else "function"
        text += f" Splitting its most complex {noun}, {names}, raises it most."
    return text


def _truncated(index: float) -> str:
    """One decimal, rounded down so a score just under the limit never prints as the limit."""
    return f"{math.floor(index * 10) / 10:.1f}"
