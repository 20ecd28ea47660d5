"""RB101: a module longer than the ``module-lines`` limit."""

from __future__ import annotations

from reviewbot.config.model import Thresholds
from reviewbot.findings import Category, Severity
from reviewbot.metrics.model import ModuleMetrics
from reviewbot.ruleset.api import Invalid, ModuleRule, RuleDoc, Valid, Violation


class ModuleTooLong(ModuleRule):
    """Flags modules with more physical lines than ``module-lines`` allows."""

    code = "RB101"
    name = "module-too-long"
    category = Category.CONVENTION
    severity = Severity.INFO
    thresholds_used = ("module_lines",)
    doc = RuleDoc(
        what=(
            "Checks for modules longer than `module-lines` physical lines (default 1000), "
            "counting every line of the file: code, comments, docstrings and blank lines."
        ),
        why=(
            "A module that long nearly always holds several responsibilities. Readers find "
            "their way in it by searching instead of reading, merge conflicts pile up in it, "
            "importing one small helper drags in everything else, and its test file grows just "
            "as large. Physical lines are counted because that is what a reader scrolls "
            "through; the complexity rules judge the code itself."
        ),
        example=(
            "# billing.py: 1,400 lines of invoices, tax rules, PDF rendering and e-mail\n"
            "class Invoice: ...\n"
            "def tax_for(invoice, country): ...\n"
            "def render_pdf(invoice): ...\n"
            "def send_invoice(invoice, smtp): ...\n"
        ),
        use_instead=(
            "# billing/invoice.py\nclass Invoice: ...\n"
            "# billing/tax.py\ndef tax_for(invoice, country): ...\n"
            "# billing/delivery.py\ndef render_pdf(invoice): ...\n"
            "def send_invoice(invoice, smtp): ...\n"
        ),
        options="`module-lines` (default 1000): the most physical lines a module may have.",
    )
    valid = (
        Valid("import os\n\n\nROOT = os.getcwd()\n", "exactly at the limit", {"module_lines": 4}),
        Valid("ROOT = '/'\n", "well under the limit", {"module_lines": 4}),
        Valid(
            "NAMES = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']\n\n\n",
            "a long line is still one line",
            {"module_lines": 4},
        ),
    )
    invalid = (
        Invalid(
            "import os\n\n\nROOT = os.getcwd()\nHOME = os.path.expanduser('~')\n",
            lines=(1,),
            note="one line over",
            thresholds={"module_lines": 4},
        ),
        Invalid(
            '"""Settings."""\n# Where files go.\n\nROOT = "/srv"\n\n',
            lines=(1,),
            note="docstrings, comments and blank lines count too",
            thresholds={"module_lines": 4},
        ),
    )

    def check_module(self, module: ModuleMetrics, thresholds: Thresholds) -> Violation | None:
        """Report a module with more than ``module_lines`` physical lines."""
        limit = thresholds.module_lines
        if module.lines <= limit:
            return None
        return Violation(
            message=f"this module has {module.lines:,} lines (limit {limit:,})",
            rationale=(
                f"{_contents(module)}: at this size readers search rather than read, and "
                "unrelated changes collide in one file. Moving each group of related classes "
                "and functions into its own module keeps every file readable whole."
            ),
        )


def _contents(module: ModuleMetrics) -> str:
    """``This module's 1,240 lines hold 980 lines of code in 31 functions``."""
    text = f"This module's {module.lines:,} lines hold {_count(module.sloc, 'line')} of code"
    if module.functions:
        text += f" in {_count(len(module.functions), 'function')}"
    return text


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
