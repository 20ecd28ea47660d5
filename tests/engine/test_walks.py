"""What a loop walks and how often a statement in it runs, as the engine records it on a
per-iteration report."""

from __future__ import annotations

import ast
import textwrap

import libcst as cst
import pytest

from reviewbot.config.model import RuleSettings, Thresholds
from reviewbot.engine.context import RuleContext
from reviewbot.engine.runner import run_node_rules
from reviewbot.findings import Category, Finding, Severity
from reviewbot.ruleset.api import Invalid, NodeRule, RuleDoc


class CallInLoop(NodeRule):
    """Reports every call to ``cost()`` as a cost per iteration."""

    code = "RB197"
    name = "cost-probe"
    category = Category.PERFORMANCE
    severity = Severity.INFO
    doc = RuleDoc("probe", "probe", "x", "y")
    valid = ()
    invalid = (Invalid("x"),)
    per_iteration = True

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        if isinstance(node.func, cst.Name) and node.func.value == "cost":
            ctx.report(node, "cost")


def facts(source: str) -> list[tuple[str, str] | None]:
    code = textwrap.dedent(source)
    rule = CallInLoop()
    settings = {rule.code: RuleSettings(rule.code, rule.category, rule.severity)}
    found: list[Finding] = run_node_rules(
        cst.parse_module(code), code, "m.py", [rule], settings, Thresholds(), ast.parse(code)
    )
    return [f.loop_fact for f in found]


def walk_of(header: str, params: str = "", before: str = "") -> str:
    """The reason recorded for ``cost()`` inside ``header`` in a function taking ``params``."""
    source = f"def f({params}):\n    {before}\n    {header}\n        cost()\n"
    (fact,) = facts(source)
    assert fact is not None
    return fact[0]


@pytest.mark.parametrize(
    ("header", "params", "before", "walk"),
    [
        ("for x in ['a', 'b']:", "", "", "loop:fixed"),
        ("for x in range(3):", "", "", "loop:fixed"),
        ("for x in LANGUAGES:", "", "", "loop:fixed"),
        ("for x in Status:", "", "class Status: pass", "loop:fixed"),
        ("for x in names:", "", "names = ('a', 'b')", "loop:fixed"),
        ("for field in Order._meta.get_fields():", "", "", "loop:schema"),
        ("for name, field in self.fields.items():", "self", "", "loop:schema"),
        ("for base in cls.__bases__:", "cls", "", "loop:schema"),
        ("for arg in args:", "*args", "", "loop:schema"),
        ("for key in kwargs:", "**kwargs", "", "loop:schema"),
        ("for arg in sys.argv[1:]:", "", "", "loop:schema"),
        ("for app in settings.INSTALLED_APPS:", "", "", "loop:schema"),
        ("for invoice in order.invoices.all():", "order", "", "loop:per-object"),
        ("for item in self.items:", "self", "", "loop:per-object"),
        ("for order in Order.objects.filter(paid=True):", "", "", "loop:data"),
        ("for i in Item.objects.filter(event=other):", "other", "", "loop:per-object"),
        ("for i in Item.objects.filter(item__event=self.event).order_by('pk'):", "self", "",
         "loop:per-object"),
        ("for p in Pos.objects.filter(cart_id=c['id'], active=True):", "c", "", "loop:per-object"),
        ("for o in Order.objects.filter(event__in=events):", "events", "", "loop:data"),
        ("for o in Order.objects.filter(status=Order.STATUS_PAID):", "", "", "loop:data"),
        ("for o in Order.objects.filter(created__gte=since):", "since", "", "loop:data"),
        ("for o in Order.objects.exclude(event=other):", "other", "", "loop:data"),
        ("for order in qs:", "", "qs = Order.objects.all()", "loop:data"),
        ("for oid in order_ids:", "order_ids", "", "loop:data"),
        ("for oid in ids:", "order_ids", "ids = list(order_ids)", "loop:data"),
        ("for oid in sorted(set(order_ids)):", "order_ids", "", "loop:data"),
        ("for o in orders:", "orders: list[Order]", "", "loop:data"),
        ("for o in orders:", "orders: QuerySet", "", "loop:data"),
        ("for o in [x for x in rows]:", "rows", "", "loop:data"),
        ("for i, row in df.iterrows():", "df", "", "loop:data"),
        ("for value in df[column]:", "df, column", "", "loop:data"),
        ("for row in session.execute(query):", "session, query", "", "loop:data"),
        ("for row in cursor.fetchall():", "cursor", "", "loop:data"),
        ("for row in csv.reader(handle):", "handle", "", "loop:data"),
        ("for line in open(path):", "path", "", "loop:data"),
        ("for upload in request.FILES.getlist('f'):", "request", "", "loop:data"),
        ("for thing in things:", "things", "", "loop:unknown"),
        ("for i in range(n):", "n", "", "loop:unknown"),
        ("while queue:", "queue", "", "loop:unknown"),
    ],
)
def test_what_a_loop_walks(header: str, params: str, before: str, walk: str) -> None:
    assert walk_of(header, params, before or "pass") == walk


def test_a_file_opened_by_with_is_data() -> None:
    source = """
    def f(path):
        with open(path) as handle:
            for line in handle:
                cost()
    """
    assert facts(source) == [("loop:data", "the loop walks `handle`, records read from a file")]


def test_nested_loops_count_as_the_largest_walk() -> None:
    source = """
    def f():
        for order in Order.objects.all():
            for line in order.lines.all():
                cost()
        for kind in ("a", "b"):
            for invoice in order.invoices.all():
                cost()
    """
    reasons = [fact[0] if fact else None for fact in facts(source)]
    assert reasons == ["loop:data", "loop:per-object"]


def test_the_reason_names_the_evidence() -> None:
    source = "def f(form):\n    for name in form.fields:\n        cost()\n"
    assert facts(source) == [
        ("loop:schema", "the loop walks `form.fields`, a form's or a model's fields")
    ]


def test_a_statement_under_a_first_time_guard_runs_once() -> None:
    source = """
    def f(rows):
        pattern = None
        for row in rows:
            if pattern is None:
                pattern = cost()
            if not row:
                cost()
    """
    reasons = [fact[0] if fact else None for fact in facts(source)]
    assert reasons == ["loop:once", "loop:data"]


def test_a_statement_right_before_an_exit_runs_once() -> None:
    source = """
    def f(rows):
        for row in rows:
            if row.bad:
                cost()
                raise ValueError(row)
    """
    ((reason, because),) = [fact for fact in facts(source) if fact]
    assert reason == "loop:once"
    assert "ends right after it" in because


def test_a_statement_inside_the_exit_runs_once() -> None:
    source = """
    def f(rows, names):
        for row in rows:
            if row.late:
                return cost(row)
            if row.bad:
                raise ValueError(cost(row))
            def later():
                return cost(row)
            return [cost(n) for n in names]
    """
    reasons = [fact[0] if fact else None for fact in facts(source)]
    assert reasons == ["loop:once", "loop:once", None, "loop:unknown"]


def test_once_in_an_inner_loop_is_still_per_outer_iteration() -> None:
    source = """
    def f(order_ids):
        for oid in order_ids:
            for kind in ("a", "b"):
                cost()
                break
    """
    assert [fact[0] if fact else None for fact in facts(source)] == ["loop:data"]


def test_outside_any_loop_there_is_no_fact() -> None:
    assert facts("def f():\n    cost()\n") == [None]


def test_code_in_an_except_clause_runs_only_when_the_try_fails() -> None:
    source = """
    def f(rows):
        for row in rows:
            try:
                cost()
            except LookupError:
                cost()
    """
    assert facts(source) == [
        ("loop:data", "the loop walks `rows`, records the caller passes in"),
        ("loop:on-error", "it runs only on the iterations whose `try` fails, in `except LookupError:`"),
    ]


def test_a_loop_inside_an_except_clause_is_judged_by_its_own_walk() -> None:
    source = """
    def f(rows):
        try:
            pass
        except LookupError:
            for row in rows:
                cost()
    """
    assert facts(source) == [("loop:data", "the loop walks `rows`, records the caller passes in")]


@pytest.mark.parametrize(
    ("base", "iterable", "walk"),
    [
        ("serializers.ModelSerializer", 'validated_data.pop("lines")', "loop:per-object"),
        ("ModelSerializer", 'validated_data.get("lines", [])', "loop:per-object"),
        ("OrderSerializer", 'validated_data["lines"]', "loop:per-object"),
        # a ListSerializer is handed every object of the request: a parameter like any other
        ("serializers.ListSerializer", 'validated_data["lines"]', "loop:unknown"),
        # outside a serializer, a `validated_data` is not known to be one object's payload
        ("Form", 'validated_data.pop("lines")', "loop:unknown"),
    ],
)
def test_a_serializers_payload_holds_one_objects_items(base: str, iterable: str, walk: str) -> None:
    source = (
        f"class OrderWriter({base}):\n"
        "    def create(self, validated_data):\n"
        f"        for line in {iterable}:\n"
        "            cost()\n"
    )
    (fact,) = facts(source)
    assert fact is not None and fact[0] == walk
