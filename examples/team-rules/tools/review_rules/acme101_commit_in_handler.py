"""ACME101: a request handler that commits the database session itself."""

from __future__ import annotations

import libcst as cst

from reviewbot.engine.context import RuleContext
from reviewbot.findings import Category, Severity
from reviewbot.rule_api import Invalid, NodeRule, RuleDoc, Valid

from ._handlers import is_request_handler


class CommitInRequestHandler(NodeRule):
    """Flags ``<session>.commit()`` inside a function decorated as an HTTP route."""

    code = "ACME101"
    name = "commit-in-request-handler"
    category = Category.CORRECTNESS
    severity = Severity.ERROR
    doc = RuleDoc(
        what=(
            "Checks for a call to `.commit()` on anything inside a request handler: a "
            "function decorated with `@router.get(...)`, `@router.post(...)`, `.put`, `.patch`, "
            "`.delete` or `.route`."
        ),
        why=(
            "ACME services commit once per request, in the unit-of-work middleware, after the "
            "handler returned and the response was validated. A handler that commits on its "
            "own writes half a request when a later step fails, and the middleware's rollback "
            "can no longer undo it."
        ),
        example=(
            "@router.post('/orders')\n"
            "def create_order(request, session):\n"
            "    session.add(Order(**request.json))\n"
            "    session.commit()\n"
        ),
        use_instead=(
            "@router.post('/orders')\n"
            "def create_order(request, session):\n"
            "    session.add(Order(**request.json))\n"
            "    session.flush()  # ids now, commit in the middleware\n"
        ),
        fix_safety="There is no fix: whether to flush instead depends on the handler.",
    )
    valid = (
        Valid(
            "@router.post('/orders')\ndef create_order(request, session):\n    session.flush()\n",
            "flushing is fine: the middleware still owns the transaction",
        ),
        Valid(
            "def nightly_import(session, rows):\n    session.add_all(rows)\n    session.commit()\n",
            "a batch job is not a request handler",
        ),
    )
    invalid = (
        Invalid(
            "@router.post('/orders')\n"
            "def create_order(request, session):\n"
            "    session.add(Order(**request.json))\n"
            "    session.commit()\n",
            lines=(4,),
        ),
        Invalid(
            "@app.route('/refunds', methods=['POST'])\n"
            "def refund(request, db):\n"
            "    db.session.commit()\n",
            lines=(3,),
        ),
    )

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        """``x.commit()`` with the enclosing function decorated as a route."""
        func = node.func
        if not (isinstance(func, cst.Attribute) and func.attr.value == "commit"):
            return
        function = ctx.function
        if function is None or not is_request_handler(function.node):
            return
        ctx.report(
            node,
            f"`{ctx.code(node)}` in request handler `{function.qualname}()`: the unit-of-work "
            "middleware commits once the request succeeded",
            rationale=(
                "A handler that commits writes half a request when a later step fails; use "
                "`flush()` if you need generated ids and let the middleware commit."
            ),
        )
