"""RB102: a class with more public methods than the policy allows."""

from __future__ import annotations

import libcst as cst

from reviewbot.engine.context import RuleContext
from reviewbot.findings import Category, Severity
from reviewbot.ruleset.api import Invalid, NodeRule, RuleDoc, Valid


def _methods(count: int, prefix: str = "m") -> str:
    return "".join(f"    def {prefix}{index}(self):\n        return {index}\n" for index in range(count))


def _indent(text: str) -> str:
    return "".join(f"    {line}\n" for line in text.splitlines())


class TooManyPublicMethods(NodeRule):
    """Counts a class's public methods (ruff's PLR0904 is preview-only)."""

    code = "RB102"
    name = "too-many-public-methods"
    category = Category.CONVENTION
    severity = Severity.WARNING
    thresholds_used = ("public_methods",)
    noqa_equivalents = ("PLR0904",)
    doc = RuleDoc(
        what=(
            "Checks for classes that define more public methods than `thresholds.public-methods` "
            "(default 20 in `recommended`, 15 in `strict`). A public method is a `def` directly in "
            "the class body whose name does not start with an underscore; dunder methods, "
            "properties and methods inherited from bases do not count."
        ),
        why=(
            "A class with dozens of public methods has more than one job: every caller depends on a "
            "wide surface, every change risks unrelated callers, and tests must set up state for "
            "all of its responsibilities at once. It is usually a service object that collected "
            "features one sprint at a time."
        ),
        example=(
            "class OrderService:\n"
            "    def create(self): ...\n"
            "    def cancel(self): ...\n"
            "    def refund(self): ...\n"
            "    def export_csv(self): ...\n"
            "    def send_reminder(self): ...\n"
            "    # ... 20 more\n"
        ),
        use_instead=(
            "class OrderLifecycle:\n"
            "    def create(self): ...\n"
            "    def cancel(self): ...\n"
            "\n"
            "class Refunds:\n"
            "    def refund(self): ...\n"
            "\n"
            "class OrderExports:\n"
            "    def export_csv(self): ...\n"
        ),
    )
    valid = (
        Valid(f"class Small:\n{_methods(3)}", "at the limit", thresholds={"public_methods": 3}),
        Valid(
            f"class Hidden:\n{_methods(5, '_m')}{_methods(2)}",
            "private helpers do not count",
            thresholds={"public_methods": 3},
        ),
        Valid(
            "class Props:\n"
            + "".join(f"    @property\n    def p{i}(self):\n        return {i}\n" for i in range(5))
            + "    def __len__(self):\n        return 0\n",
            "properties and dunders do not count",
            thresholds={"public_methods": 3},
        ),
    )
    invalid = (
        Invalid(f"class Big:\n{_methods(4)}", lines=(1,), thresholds={"public_methods": 3}),
        Invalid(
            f"class Outer:\n    class Inner:\n{_indent(_methods(4))}",
            lines=(2,),
            thresholds={"public_methods": 3},
        ),
    )

    def visit_ClassDef(self, node: cst.ClassDef, ctx: RuleContext) -> None:
        """Count the class's own public methods."""
        limit = ctx.thresholds.public_methods
        public = _public_methods(node)
        if len(public) > limit:
            ctx.report(
                node.name,
                f"class `{node.name.value}` has {len(public)} public methods (limit {limit})",
                rationale=(
                    f"`{node.name.value}` exposes {len(public)} public methods, so it likely has "
                    "more than one responsibility. Group the methods by the data they touch and "
                    "move each group into its own class."
                ),
            )


def _public_methods(node: cst.ClassDef) -> list[str]:
    body = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
    names = []
    for statement in body:
        if not isinstance(statement, cst.FunctionDef) or statement.name.value.startswith("_"):
            continue
        if any(_is_property(decorator) for decorator in statement.decorators):
            continue
        names.append(statement.name.value)
    return names


def _is_property(decorator: cst.Decorator) -> bool:
    target = decorator.decorator
    if isinstance(target, cst.Name):
        return target.value in ("property", "cached_property")
    if isinstance(target, cst.Attribute):
        return target.attr.value in ("setter", "getter", "deleter", "cached_property")
    return False
