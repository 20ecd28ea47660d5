"""The engine's loop and binding context, as rules see it."""

from __future__ import annotations

import ast

import libcst as cst
import pytest

from reviewbot.config.model import RuleSettings, Thresholds
from reviewbot.engine.context import RuleContext
from reviewbot.engine.runner import run_node_rules
from reviewbot.errors import RegistryError
from reviewbot.findings import Category, Finding, Severity
from reviewbot.ruleset.api import Invalid, NodeRule, RuleDoc

DOC = RuleDoc("probe", "probe", "x", "y")


class LoopProbe(NodeRule):
    code = "RB198"
    name = "loop-probe"
    category = Category.CONVENTION
    severity = Severity.INFO
    doc = DOC
    valid = ()
    invalid = (Invalid("x"),)

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        loop = ctx.loop
        ctx.report(node, f"{ctx.code(node.func)}|{loop.header if loop else '-'}|{ctx.scope_name}")


class BindingProbe(NodeRule):
    code = "RB199"
    name = "binding-probe"
    category = Category.CONVENTION
    severity = Severity.INFO
    doc = DOC
    valid = ()
    invalid = (Invalid("x"),)

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        if isinstance(node.func, cst.Name) and node.func.value == "probe":
            arg = node.args[0].value
            assert isinstance(arg, cst.Name)
            ctx.report(node, f"{arg.value}={','.join(sorted(ctx.kinds_of(arg.value)))}")


def run(rule: NodeRule, source: str) -> list[Finding]:
    module = cst.parse_module(source)
    settings = {rule.code: RuleSettings(rule.code, rule.category, rule.severity)}
    return run_node_rules(module, source, "m.py", [rule], settings, Thresholds(), ast.parse(source))


def messages(rule: NodeRule, source: str) -> list[str]:
    return [f.message for f in run(rule, source)]


def test_for_iterable_is_outside_the_loop_and_body_inside() -> None:
    assert messages(LoopProbe(), "for x in f():\n    g(x)\n") == ["f|-|<module>", "g|for x in f():|<module>"]


def test_while_test_runs_every_iteration() -> None:
    assert messages(LoopProbe(), "while ready():\n    step()\nelse:\n    done()\n") == [
        "ready|while ready():|<module>",
        "step|while ready():|<module>",
        "done|-|<module>",
    ]


def test_comprehension_first_iterable_outside_rest_inside() -> None:
    found = messages(LoopProbe(), "r = [h(y) for y in k() for z in m(y) if p(z)]\n")
    assert found == [  # in source order: the element comes first
        "h|for z in m(y)|<module>",
        "k|-|<module>",
        "m|for y in k()|<module>",
        "p|for z in m(y)|<module>",
    ]


def test_function_bodies_do_not_inherit_the_loop() -> None:
    source = "for x in xs:\n    def inner(a=d()):\n        q()\n    w = lambda: r()\n"
    assert messages(LoopProbe(), source) == [
        "d|for x in xs:|<module>",
        "q|-|inner",
        "r|-|<lambda>",
    ]


def test_qualified_scope_names() -> None:
    source = "class Cart:\n    def total(self):\n        def inner():\n            f()\n"
    assert messages(LoopProbe(), source) == ["f|-|Cart.total.inner"]


def test_binding_kinds() -> None:
    source = (
        "import re\n"
        "def f(items: list[str], n):\n"
        "    a = [1]\n    b = {1}\n    c = list(items)\n    d = re.compile('x')\n"
        "    e = Order.objects.filter(x=1)\n    g = e.select_related('y')\n    s = ''\n    s += 'x'\n"
        "    for t in items:\n        probe(t)\n"
        "    probe(a); probe(b); probe(c); probe(d); probe(e); probe(g); probe(s); probe(items); probe(n); probe(re)\n"
    )
    assert messages(BindingProbe(), source) == [
        "t=loop-target", "a=list", "b=set", "c=list", "d=regex", "e=queryset", "g=queryset",
        "s=str", "items=param:list", "n=param", "re=import:re",
    ]


def test_later_rebinding_withdraws_a_report() -> None:
    source = "def f():\n    a = []\n    probe(a)\n    a = set()\n"
    assert messages(BindingProbe(), source) == []


def test_module_names_bound_below_a_function_are_known() -> None:
    source = "def f():\n    probe(PATTERN)\n\nPATTERN = re.compile('x')\n"
    assert messages(BindingProbe(), source) == ["PATTERN=regex"]


class Crashing(LoopProbe):
    code = "RB197"
    name = "crashing"

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        raise ValueError("boom")


def test_a_crashing_rule_becomes_one_error_finding_and_others_go_on() -> None:
    source = "f()\ng()\n"
    module = cst.parse_module(source)
    rules: list[NodeRule] = [Crashing(), LoopProbe()]
    settings = {r.code: RuleSettings(r.code, r.category, r.severity) for r in rules}
    found = run_node_rules(module, source, "m.py", rules, settings, Thresholds(), ast.parse(source))
    crashes = [f for f in found if f.category is Category.ERROR]
    assert [f.message for f in crashes] == ["rule RB197 (crashing) crashed on this file: ValueError: boom"]
    assert len([f for f in found if f.rule == "RB198"]) == 2


class Misspelled(LoopProbe):
    code = "RB196"

    def visit_Cal(self, node: cst.CSTNode, ctx: RuleContext) -> None:
        pass


def test_a_misspelled_visit_method_is_an_error() -> None:
    with pytest.raises(RegistryError, match="visit_Cal names no libcst node class"):
        run(Misspelled(), "f()\n")


def test_fingerprints_survive_lines_moving_and_count_repeats() -> None:
    before = run(LoopProbe(), "def f():\n    g()\n    g()\n")
    after = run(LoopProbe(), "import os\n\n\ndef f():\n    g()\n    g()\n")
    assert [f.fingerprint for f in before] == [f.fingerprint for f in after]
    assert len({f.fingerprint for f in before}) == 2
