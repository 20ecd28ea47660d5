"""RB204: a function with more logical lines than the limit."""

from __future__ import annotations

from reviewbot.config.model import Thresholds
from reviewbot.findings import Category, Severity
from reviewbot.metrics.describe import function_label, line_span
from reviewbot.metrics.model import FunctionMetrics
from reviewbot.ruleset.api import FunctionRule, Invalid, RuleDoc, Valid, Violation


class LongFunction(FunctionRule):
    """Flags functions whose bodies hold more statements than ``function-lines`` allows."""

    code = "RB204"
    name = "long-function"
    category = Category.COMPLEXITY
    severity = Severity.WARNING
    thresholds_used = ("function_lines",)
    noqa_equivalents = ("PLR0915",)
    doc = RuleDoc(
        what=(
            "Checks for functions longer than `function-lines` logical lines (default 60).\n\n"
            "A logical line is a statement: each simple statement and each compound statement "
            "header (`if`, `elif`, `for`, `while`, `try`, `with`, `match`, nested `def` and "
            "`class`) counts 1, as does each `except` and `case` clause. Docstrings, comments, "
            "blank lines, decorators, `else:`/`finally:` lines and the lines a long statement "
            "wraps onto do not count, so documenting or formatting code never makes it longer."
        ),
        why=(
            "A function that runs to dozens of statements no longer fits on a screen or in a "
            "reader's head, and it nearly always does several things in sequence: each step "
            "deserves a name, a docstring and a test of its own. Long functions also collect "
            "local variables whose lifetimes overlap, which is where stale-value bugs hide."
        ),
        example=(
            "def import_orders(path):\n"
            "    rows = []\n"
            "    with open(path) as f:\n"
            "        ...  # 20 statements of parsing\n"
            "    ...  # 25 statements of validation\n"
            "    ...  # 20 statements of saving and reporting\n"
        ),
        use_instead=(
            "def import_orders(path):\n"
            "    rows = parse_orders(path)\n"
            "    valid = validate_orders(rows)\n"
            "    return save_orders(valid)\n"
        ),
        options="`function-lines` (default 60): the most logical lines a function may have.",
    )
    valid = (
        Valid(
            "def report(rows):\n"
            '    """Summarise rows.\n'
            "\n"
            "    A docstring does not count.\n"
            '    """\n'
            "    # neither does a comment\n"
            "    total = sum(\n"
            "        row.amount\n"
            "        for row in rows\n"
            "    )\n"
            "    count = len(rows)\n"
            "\n"
            "    average = total / count if count else 0\n"
            "    return f'{count} rows, {total} total, {average:.2f} average'\n",
            "exactly at the limit: docstring, comments, blank and wrapped lines do not count",
            {"function_lines": 4},
        ),
        Valid(
            "def parse(text):\n"
            "    try:\n"
            "        return int(text)\n"
            "    except ValueError:\n"
            "        return None\n",
            "`try` + body + `except` + body",
            {"function_lines": 4},
        ),
        Valid(
            "def pick(flag):\n    if flag:\n        return 1\n    else:\n        return 2\n",
            "an `else:` line carries no logic and does not count",
            {"function_lines": 3},
        ),
    )
    invalid = (
        Invalid(
            "def report(rows):\n"
            "    total = 0\n"
            "    count = 0\n"
            "    for row in rows:\n"
            "        total += row.amount\n"
            "        count += 1\n"
            "    return total, count\n",
            lines=(1,),
            note="six statements",
            thresholds={"function_lines": 4},
        ),
        Invalid(
            "class Report:\n"
            "    def render(self):\n"
            "        def cell(value):\n"
            "            return str(value)\n"
            "        header = cell(self.title)\n"
            "        body = [cell(row) for row in self.rows]\n"
            "        return [header, *body]\n",
            lines=(2,),
            note="a nested function's statements count towards the method",
            thresholds={"function_lines": 4},
        ),
    )

    def check_function(self, function: FunctionMetrics, thresholds: Thresholds) -> Violation | None:
        """Report a function with more logical lines than ``function_lines``."""
        length, limit = function.length, thresholds.function_lines
        if length <= limit:
            return None
        name = function_label(function)
        span = line_span(function.line, function.end_line)
        return Violation(
            message=f"{name} has {length} logical lines (limit {limit})",
            rationale=(
                f"{name} runs {length} statements over {span}: more than a reader can hold at "
                "once, and usually several steps in sequence. Extracting each step into a "
                "function with a name, a docstring and its own tests makes the top level read "
                "like a summary."
            ),
        )
