"""A team's ``[loops] large`` / ``small`` declarations override what the engine infers a loop
walks, wherever inference follows the collection, and the recorded reason names them."""

from __future__ import annotations

import ast
import textwrap

import libcst as cst
import pytest

from reviewbot.config.model import LoopSizes, RuleSettings, Thresholds
from reviewbot.engine.runner import run_node_rules
from tests.engine.test_walks import CallInLoop

SIZES = LoopSizes(
    large=("Order", "Event.orders", "self.queue", ".entries"),
    small=("Country", "settings.LANGUAGES", "Order.lines"),
    source=".reviewbot.toml",
)


def facts(source: str, sizes: LoopSizes = SIZES) -> list[tuple[str, str] | None]:
    code = textwrap.dedent(source)
    rule = CallInLoop()
    settings = {rule.code: RuleSettings(rule.code, rule.category, rule.severity)}
    found = run_node_rules(
        cst.parse_module(code), code, "m.py", [rule], settings, Thresholds(), ast.parse(code),
        loop_sizes=sizes,
    )
    return [f.loop_fact for f in found]


def walk_of(header: str, params: str = "", before: str = "pass") -> str:
    (fact,) = facts(f"def f({params}):\n    {before}\n    {header}\n        cost()\n")
    assert fact is not None
    return fact[0]


@pytest.mark.parametrize(
    ("header", "params", "before", "walk"),
    [
        # a declared model: its queries, whatever the chain (inferred: data)
        ("for o in Order.objects.filter(paid=True):", "", "pass", "loop:data"),
        ("for c in Country.objects.all():", "", "pass", "loop:fixed"),
        ("for c in Country.objects.order_by('name').values_list('code'):", "", "pass", "loop:fixed"),
        ("for c in Country.query.all():", "", "pass", "loop:fixed"),
        ("for c in session.query(Country):", "session", "pass", "loop:fixed"),
        ("for c in session.execute(select(Country)):", "session", "pass", "loop:fixed"),
        ("for c in countries:", "countries: list[Country]", "pass", "loop:fixed"),
        # Model.attr: any object's attribute of that name (inferred: per-object)
        ("for e in event.orders.all():", "event", "pass", "loop:data"),
        ("for e in self.event.orders:", "self", "pass", "loop:data"),
        ("for line in order.lines.all():", "order", "pass", "loop:fixed"),
        ("for line in Invoice.lines:", "", "pass", "loop:per-object"),
        # .attr: anything's attribute of that name
        ("for e in log.entries:", "log", "pass", "loop:data"),
        # attribute paths: exactly that chain, with queryset steps or views after it
        ("for job in self.queue:", "self", "pass", "loop:data"),
        ("for key, job in self.queue.items():", "self", "pass", "loop:data"),
        ("for job in other.queue:", "other", "pass", "loop:per-object"),
        ("for code, name in settings.LANGUAGES:", "", "pass", "loop:fixed"),
        # propagation: assignments, wrappers, comprehensions
        ("for o in rows:", "", "rows = Order.objects.all()", "loop:data"),
        ("for c in sorted(list(Country.objects.all())):", "", "pass", "loop:fixed"),
        ("for o in [x for x in event.orders.all()]:", "event", "pass", "loop:data"),
        # undeclared collections keep their inferred walk
        ("for i in order.invoices.all():", "order", "pass", "loop:per-object"),
        ("for p in Product.objects.all():", "", "pass", "loop:data"),
    ],
)
def test_a_declaration_decides_the_walk(header: str, params: str, before: str, walk: str) -> None:
    assert walk_of(header, params, before) == walk


def test_the_reason_names_the_declaration_and_its_file() -> None:
    source = "def f(order):\n    lines = order.lines.all()\n    for line in lines:\n        cost()\n"
    assert facts(source) == [
        (
            "loop:fixed",
            "the loop walks `lines`, declared small in [loops] small as `Order.lines` "
            "(.reviewbot.toml)",
        )
    ]


def test_a_model_attribute_declaration_wins_over_the_generic_attribute() -> None:
    sizes = LoopSizes(large=(".lines",), small=("Order.lines",), source="pyproject.toml")
    source = "def f(order):\n    for line in order.lines:\n        cost()\n"
    ((reason, because),) = [fact for fact in facts(source, sizes) if fact]
    assert reason == "loop:fixed"
    assert "`Order.lines` (pyproject.toml)" in because


def test_without_declarations_inference_stands() -> None:
    source = "def f(order):\n    for line in order.lines.all():\n        cost()\n"
    assert facts(source, LoopSizes()) == [
        ("loop:per-object", "the loop walks `order.lines.all()`, a related manager of one object")
    ]
