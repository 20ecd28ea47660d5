"""Hand-built CheckResults the reporter tests render: realistic, and deliberately awkward."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from reviewbot.findings import Category, Edit, FailOn, Finding, Fix, Location, Severity
from reviewbot.pipeline.result import CheckResult
from reviewbot.ruleset.rule_info import RuleInfo

ROOT = "/home/dev/shop"
TOOL_VERSIONS = {"reviewbot": "0.1.0", "ruff": "0.17.0", "libcst": "1.5.1", "radon": "6.0.1"}

CART = "src/shop/cart.py"
# Non-ASCII and a space in paths: SARIF must percent-encode them, the others keep them.
GREETINGS = "src/shop/i18n/grüße.py"
EXPORT = "scripts/export report.py"

RULES = {
    "B006": RuleInfo(
        code="B006",
        name="mutable-argument-default",
        category=Category.CORRECTNESS,
        severity=Severity.WARNING,
        summary="Do not use mutable data structures for argument defaults",
        help_markdown=(
            "## What it does\n"
            "Checks for uses of mutable objects as function argument defaults.\n\n"
            "## Why is this bad?\n"
            "Defaults are evaluated once, when the function is defined; the same list is\n"
            "shared by every call.\n"
        ),
        url="https://docs.astral.sh/ruff/rules/mutable-argument-default/",
    ),
    "RB104": RuleInfo(
        code="RB104",
        name="print-call",
        category=Category.CONVENTION,
        severity=Severity.INFO,
        summary="`print()` left in library code",
        help_markdown="Library code should log, not print.\n\nUse `logging.getLogger(__name__)`.",
    ),
    "RB107": RuleInfo(
        code="RB107",
        name="optional-annotation",
        category=Category.CONVENTION,
        severity=Severity.INFO,
        summary="`Optional[X]` where `X | None` reads better",
        help_markdown="## What it does\nFlags `Optional[X]` annotations.\n",
    ),
    "RB201": RuleInfo(
        code="RB201",
        name="cognitive-complexity",
        category=Category.COMPLEXITY,
        severity=Severity.WARNING,
        summary="Function is too hard to follow",
        help_markdown="",
    ),
    "RB305": RuleInfo(
        code="RB305",
        name="membership-test-on-list",
        category=Category.PERFORMANCE,
        severity=Severity.WARNING,
        summary="Membership test against a list literal",
        help_markdown="```python\nif x in [1, 2]:\n```\n\nA set literal is hashed: O(1) per test.",
    ),
    "RB402": RuleInfo(
        code="RB402",
        name="bare-except",
        category=Category.CORRECTNESS,
        severity=Severity.ERROR,
        summary="Bare `except:` swallows every exception",
        help_markdown="## What it does\nFlags `except:` without an exception type.\n",
    ),
}


def _finding(
    rule: str,
    path: str,
    where: tuple[int, int, int, int],
    message: str,
    *,
    severity: Severity | None = None,
    category: Category | None = None,
    fix: Fix | None = None,
    rationale: str = "",
) -> Finding:
    """A finding whose category and severity default to its rule's."""
    info = RULES.get(rule)
    return Finding(
        rule=rule,
        category=category or (info.category if info else Category.CONVENTION),
        severity=severity or (info.severity if info else Severity.WARNING),
        path=path,
        location=Location(*where),
        message=message,
        rationale=rationale,
        fix=fix,
        fingerprint=hashlib.sha256(f"{rule}:{path}:{where}".encode()).hexdigest()[:16],
    )


# Line 7 of grüße.py is:  greeting = "👋 Grüße" if lang in ["de", "fr"] else "Hi"
# "👋" is one code point but two UTF-16 code units, so the code-point column 29 of `lang`
# would be 30 in SARIF's default UTF-16 counting.
_SET_FIX = Fix("Use a set literal", (Edit(7, 37, 7, 49, '{"de", "fr"}'),))
_NONE_DEFAULT_FIX = Fix(
    "Replace with `None`; initialize within function",
    (
        Edit(12, 30, 12, 32, "None"),
        Edit(13, 5, 13, 5, "if items is None:\n        items = []\n    "),
    ),
    safe=False,
)


def findings() -> tuple[Finding, ...]:
    """Seven findings over three files: every severity, four categories, two fixes."""
    return (
        _finding(
            "B006",
            CART,
            (12, 30, 12, 32),
            "Do not use mutable data structures for argument defaults",
            fix=_NONE_DEFAULT_FIX,
        ),
        _finding(
            "RB201",
            CART,
            (40, 1, 95, 1),
            "Function `checkout` has cognitive complexity 23 (limit 15)",
            severity=Severity.ERROR,
        ),
        _finding(
            "RB402",
            CART,
            (77, 9, 77, 16),
            "Bare `except:` also catches `KeyboardInterrupt`",
            rationale="A bare except hides Ctrl-C and SystemExit.",
        ),
        _finding(
            "PERF401",
            CART,
            (88, 13, 88, 38),
            "Use a list comprehension to create a transformed list",
            category=Category.PERFORMANCE,
        ),
        _finding(
            "RB305",
            GREETINGS,
            (7, 29, 7, 49),
            "`lang in [...]` scans a list; use a set",
            fix=_SET_FIX,
        ),
        _finding(
            "RB107", GREETINGS, (3, 20, 3, 33), "Write `str | None` instead of `Optional[str]`"
        ),
        _finding("RB104", EXPORT, (5, 5, 5, 10), "`print()` call; use `logging`"),
    )


# The lines the findings start on, as the pipeline hands them to the text report.
SOURCE_LINES = {
    f"{CART}:12": "def add(self, sku, n=1, tags=[]):",
    f"{CART}:40": "def checkout(cart, payment, *, retries=3):",
    f"{CART}:77": "        except:",
    f"{CART}:88": "            totals.append(line.price * line.qty)",
    f"{GREETINGS}:3": "def greetings(who: Optional[str]) -> str:",
    f"{GREETINGS}:7": '    greeting = "👋 Grüße" if lang in ["de", "fr"] else "Hi"',
    f"{EXPORT}:5": "    print(rows)",
}


def sample_result(**changes: object) -> CheckResult:
    """The realistic result; keyword arguments replace any of its fields."""
    result = CheckResult(
        root=ROOT,
        findings=tuple(sorted(findings(), key=lambda f: f.sort_key)),
        files_checked=41,
        rules=RULES,
        fail_on=FailOn.ERROR,
        tool_versions=TOOL_VERSIONS,
        suppressed=2,
        source_lines=SOURCE_LINES,
    )
    return replace(result, **changes)  # type: ignore[arg-type]


def empty_result() -> CheckResult:
    """A clean run: nothing found, nothing suppressed."""
    return sample_result(findings=(), suppressed=0)
