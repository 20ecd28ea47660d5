"""RB314: ``x = sorted(x)`` on a list, which copies it instead of sorting it in place."""

from __future__ import annotations

import libcst as cst

from reviewbot.engine.context import Replacement, RuleContext
from reviewbot.engine.scopes import Binding
from reviewbot.findings import Category, Severity
from reviewbot.rules._quote import quote
from reviewbot.rules._subtrees import owning_scope
from reviewbot.rules._unchanged import container_escapes
from reviewbot.ruleset.api import Invalid, NodeRule, RuleDoc, Valid

_SORT_KEYWORDS = frozenset({"key", "reverse"})


class SortedCopyOfOwnList(NodeRule):
    """Flags a list replaced by a sorted copy of itself."""

    code = "RB314"
    name = "sorted-copy-of-own-list"
    category = Category.PERFORMANCE
    severity = Severity.INFO
    fixable = True
    doc = RuleDoc(
        what=(
            "Checks for `x = sorted(x)` (with any `key=`/`reverse=`) where every binding of `x` "
            "in its scope is a list: a list display, a list comprehension, `list(...)`, "
            "`sorted(...)` or a concatenation of those. Parameters are not reported: "
            "`items = sorted(items)` is the right way to avoid sorting the caller's list.\n\n"
            "`sorted(x)[0]` and `sorted(x)[-1]` are ruff's FURB192 (in both presets), so this "
            "rule does not report them."
        ),
        why=(
            "`sorted()` copies the list and sorts the copy; the original is dropped on the "
            "next line. `x.sort()` sorts in place with the same algorithm, without allocating "
            "a second list of n references (8n bytes) or copying into it. The saving is "
            "modest, which is why this is `info`; the in-place form also says what the code "
            "means."
        ),
        example=(
            "def ranking(players):\n"
            "    scores = [p.score for p in players]\n"
            "    scores = sorted(scores, reverse=True)\n"
            "    return scores\n"
        ),
        use_instead=(
            "def ranking(players):\n"
            "    scores = [p.score for p in players]\n"
            "    scores.sort(reverse=True)\n"
            "    return scores\n"
        ),
        fix_safety=(
            "The fix rewrites `x = sorted(x, ...)` to `x.sort(...)`. It is safe when every "
            "binding of `x` creates a new list and `x` is never handed to other code (a call, "
            "an attribute, a container, a closure) before or after: then no one else holds "
            "the list, and sorting it in place is invisible. Otherwise it is offered as unsafe, "
            "because whoever else holds the list would see it reordered."
        ),
    )
    valid = (
        Valid(
            "def ranking(scores: list[int]):\n    scores = sorted(scores)\n    return scores\n",
            "a parameter: sorting a copy leaves the caller's list alone",
        ),
        Valid(
            "def ranking(players):\n    scores = [p.score for p in players]\n    scores.sort()\n    return scores\n",
            "already sorted in place",
        ),
        Valid(
            "def ranking(players, extra):\n    scores = [p.score for p in players]\n    ordered = sorted(scores)\n    return ordered, scores\n",
            "a sorted copy under another name keeps the original order too",
        ),
        Valid(
            "def names(rows):\n    names = {row.name for row in rows}\n    names = sorted(names)\n    return names\n",
            "a set has no `sort()`: `sorted` is the way to get a list",
        ),
    )
    invalid = (
        Invalid(
            "def ranking(players):\n    scores = [p.score for p in players]\n    scores = sorted(scores, reverse=True)\n    return scores\n",
            lines=(3,),
            fixed="def ranking(players):\n    scores = [p.score for p in players]\n    scores.sort(reverse=True)\n    return scores\n",
        ),
        Invalid(
            "def latest(events, cache):\n    stamps = [e.at for e in events]\n    cache['stamps'] = stamps\n    stamps = sorted(stamps, key=abs)\n    return stamps\n",
            lines=(4,),
            fixed="def latest(events, cache):\n    stamps = [e.at for e in events]\n    cache['stamps'] = stamps\n    stamps.sort(key=abs)\n    return stamps\n",
            note="offered as an unsafe fix: `cache` holds the same list",
        ),
    )

    def visit_Assign(self, node: cst.Assign, ctx: RuleContext) -> None:
        """``x = sorted(x, ...)`` where ``x`` is only ever a list in this scope."""
        if len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name):
            return
        name = node.targets[0].target.value
        call = node.value
        if not (isinstance(call, cst.Call) and _sorts_itself(call, name, ctx)):
            return
        binding = ctx.binding(name)
        if binding is None or not binding.only("list") or binding.scope != ctx.scope.qualname:
            return
        keywords = ", ".join(
            f"{arg.keyword.value}={ctx.code(arg.value)}" for arg in call.args[1:] if arg.keyword
        )
        replacement = f"{name}.sort({keywords})"
        ctx.report(
            node,
            f"`{quote(ctx, node, 60)}` copies `{name}` only to drop the original; sort it in "
            f"place with `{replacement if len(replacement) <= 60 else name + '.sort(...)'}`",
            fix=Replacement(node, replacement),
            fix_description=f"Sort `{name}` in place",
            fix_safe=_nobody_else_holds(binding, ctx),
        )


def _sorts_itself(call: cst.Call, name: str, ctx: RuleContext) -> bool:
    """``sorted(name, key=..., reverse=...)`` with the builtin ``sorted``."""
    if not (isinstance(call.func, cst.Name) and call.func.value == "sorted") or not call.args:
        return False
    first, rest = call.args[0], call.args[1:]
    if first.keyword is not None or first.star or not isinstance(first.value, cst.Name):
        return False
    if first.value.value != name or ctx.binding("sorted") is not None:
        return False
    return all(arg.keyword is not None and arg.keyword.value in _SORT_KEYWORDS for arg in rest)


def _nobody_else_holds(binding: Binding, ctx: RuleContext) -> bool:
    """Every binding creates a new list, and the list never leaves the scope."""
    fresh = (cst.List, cst.ListComp, cst.Call, cst.BinaryOperation)
    if not all(isinstance(value, fresh) for value in binding.values):
        return False
    for value in binding.values:
        if isinstance(value, cst.Call) and not (
            isinstance(value.func, cst.Name) and value.func.value in ("list", "sorted")
        ):
            return False
    scope = owning_scope(ctx, binding.scope)
    return scope is not None and not container_escapes(binding.name, scope)
