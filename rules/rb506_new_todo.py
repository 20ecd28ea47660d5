"""RB506 (review only): TODO / FIXME comments added without an issue link (ruff's TD003)."""

from __future__ import annotations

from reviewbot.config.review_settings import PrPolicySettings
from reviewbot.findings import Category, Severity
from reviewbot.ruleset.api import PolicyRule, RuleDoc
from reviewbot.ruleset.review_records import (
    CheckOutcome,
    CheckStatus,
    PullRequestFacts,
    ScenarioInvalid,
    ScenarioValid,
)

_SHOWN = 5


class NewTodo(PolicyRule):
    """Counts the TODO / FIXME comments a change adds without linking an issue."""

    code = "RB506"
    name = "new-todo"
    category = Category.POLICY
    severity = Severity.INFO
    doc = RuleDoc(
        what=(
            "Checks, in `reviewbot review` only, for TODO, FIXME and XXX comments the change "
            "adds without an issue link, as ruff's TD003 (`missing-todo-link`) finds them on "
            "added lines (TD003 runs for this check even when it is not selected). Moved "
            "comments are not new, nor copied ones: in a file the change copies (from a file "
            "that was there, or from another file it adds) a TODO whose line is in the source "
            "counts once, at the source or not at all."
        ),
        why=(
            "A TODO without a ticket is a promise nobody tracks: it outlives its author's "
            "memory of what was meant and never reaches a planning board. Link the issue, or "
            "do the work in this change."
        ),
        example=(
            "M orders/refunds.py +40\ntodo: orders/refunds.py:14 # TODO: handle store credit\n"
        ),
        use_instead=(
            "M orders/refunds.py +40\n"
            "# orders/refunds.py:14  # TODO(ada): handle store credit\n"
            "# orders/refunds.py:15  # https://github.com/acme/shop/issues/318\n"
        ),
        options="`todos` in `[policy]` (default true).",
    )
    valid = (
        ScenarioValid("M orders/refunds.py +40\n", "no new TODO"),
        ScenarioValid(
            "M orders/refunds.py +40\ntodo: orders/refunds.py:14 # TODO: later\n",
            "turned off",
            settings={"todos": False},
        ),
        ScenarioValid("D orders/legacy.py -80\n", "a deletion adds nothing"),
    )
    invalid = (
        ScenarioInvalid(
            "M orders/refunds.py +40\ntodo: orders/refunds.py:14 # TODO: store credit\n"
        ),
        ScenarioInvalid(
            "A orders/export.py +30\ntodo: orders/export.py:3 # FIXME: slow\n"
            "todo: orders/export.py:20 # XXX: encoding\n",
            note="FIXME and XXX count too",
        ),
    )

    def check_pull_request(
        self, facts: PullRequestFacts, settings: PrPolicySettings
    ) -> CheckOutcome:
        """Fail when the change adds TODO comments without an issue link."""
        if not settings.todos:
            return CheckOutcome(CheckStatus.SKIPPED, "turned off (`[policy] todos = false`)")
        todos = facts.new_todos
        if not todos:
            return CheckOutcome(
                CheckStatus.PASS, "no new TODO/FIXME comments without an issue link"
            )
        shown = ", ".join(f"`{t.path}:{t.line}`" for t in todos[:_SHOWN])
        more = f" and {len(todos) - _SHOWN} more" if len(todos) > _SHOWN else ""
        noun = "comment" if len(todos) == 1 else "comments"
        return CheckOutcome(
            CheckStatus.FAIL,
            f"{len(todos)} new TODO/FIXME {noun} without an issue link: {shown}{more}",
            "Untracked TODOs are promises nobody keeps. Link each to an issue "
            "(`# TODO(name): ...` and the issue URL on the next line) or finish the work here.",
        )
