"""RB308: nested loops that pair the items of two collections by comparing keys with ``==``."""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from reviewbot.engine.binder import target_names
from reviewbot.engine.context import RuleContext
from reviewbot.engine.loops import loop_region
from reviewbot.engine.names import dotted_name
from reviewbot.engine.scopes import Loop
from reviewbot.findings import Category, Severity
from reviewbot.ruleset.api import Invalid, NodeRule, RuleDoc, Valid

from ._hashable import HASHABLE_FORM, unhashable_in_loop
from ._list_bindings import changes_in_place, is_short_literal
from ._loop_facts import varies_with
from ._quote import quote
from ._subtrees import descendants, runs_fixed_times

# Attribute or item names that identify one row: a dict keyed by them holds every row.
_UNIQUE_KEYS = frozenset({"id", "pk", "uuid"})


@dataclass(frozen=True)
class _Join:
    """The equality that pairs an outer item with an inner one."""

    outer_key: cst.BaseExpression
    inner_key: cst.BaseExpression
    test: cst.Comparison


class NestedLoopJoin(NodeRule):
    """Flags a hand-written nested-loop join that a dict index would make linear."""

    code = "RB308"
    per_iteration = True
    name = "nested-loop-join"
    category = Category.PERFORMANCE
    severity = Severity.WARNING
    doc = RuleDoc(
        what=(
            "Checks for a loop over one collection nested directly in a loop over another, "
            "where the inner loop does nothing but test whether a key of the outer item equals a "
            "key of the inner item: `for a in xs: for b in ys: if a.id == b.x_id: ...`. "
            "Keys are the loop variable itself, or attributes and constant subscripts of it "
            "(`a.customer.id`, `row['id']`). The same shape in a comprehension "
            "(`for a in xs for b in ys if a.id == b.x_id`) is reported too. The inner collection "
            "must be a plain name or attribute that does not depend on the outer item, so walks "
            "over a tree (`for line in order.lines`) are not reported.\n\n"
            "The index advised follows the loop: a plain dict for a key that names one row "
            "(`id`, `pk`, `uuid`), `setdefault` (the first match) when the inner loop "
            "`break`s, a dict of lists when every match is handled and the key may repeat, and "
            "a hashable form (`tuple`, `frozenset`) when the keys are lists or sets."
        ),
        why=(
            "This is a join done the slow way: the inner loop runs to the end (or to the first "
            "match) for every outer item, so matching n orders to m customers does up to n × m "
            "comparisons: 10,000 of each is 100 million. Indexing one side in a dict once costs "
            "O(m) and each lookup O(1), so the whole match becomes O(n + m)."
        ),
        example=(
            "def attach(orders, customers):\n"
            "    for order in orders:\n"
            "        for customer in customers:\n"
            "            if order.customer_id == customer.id:\n"
            "                order.customer = customer\n"
        ),
        use_instead=(
            "def attach(orders, customers):\n"
            "    customers_by_id = {customer.id: customer for customer in customers}\n"
            "    for order in orders:\n"
            "        order.customer = customers_by_id.get(order.customer_id)\n"
        ),
        fix_safety=(
            "No automatic fix: when several inner items share a key the index needs a list per "
            "key, and the keys must be hashable; both are judgements about the data."
        ),
    )
    valid = (
        Valid(
            "def skus(orders, sku):\n    for order in orders:\n        for line in order.lines:\n            if line.sku == sku:\n                yield order\n",
            "the inner loop walks a child collection of the outer item",
        ),
        Valid(
            "def attach(orders, customers):\n    by_id = {c.id: c for c in customers}\n    for order in orders:\n        order.customer = by_id.get(order.customer_id)\n",
            "already indexed in a dict",
        ),
        Valid(
            "def during(sessions, events):\n    for s in sessions:\n        for e in events:\n            if s.start <= e.time < s.end:\n                s.events.append(e)\n",
            "a range comparison: a dict index cannot answer it",
        ),
        Valid(
            "def flagged(users, rows):\n    for user in users:\n        for row in rows:\n            if row.kind == 'admin':\n                user.flag(row)\n",
            "the comparison does not involve the outer item",
        ),
        Valid(
            "def symmetric(grid, n):\n    for i in range(n):\n        for j in range(n):\n            if grid[i] == grid[j]:\n                yield i, j\n",
            "index loops over `range(n)`, not a collection",
        ),
        Valid(
            "def audit(orders, customers, log):\n    for order in orders:\n        for customer in customers:\n            log.write(customer.name)\n            if order.customer_id == customer.id:\n                order.customer = customer\n",
            "the inner loop does other work for every pair too",
        ),
        Valid(
            "KINDS = ('order', 'refund')\n\n\ndef tally(events, counts):\n    for event in events:\n        for kind in KINDS:\n            if event.kind == kind:\n                counts[kind] += 1\n",
            "the inner loop walks a short literal tuple: a constant cost per outer item",
        ),
        Valid(
            "def insert(root, parts):\n    state = root\n    for part in parts:\n        for key, child in state.children:\n            if key == part:\n                state = child\n                break\n",
            "a walk down a tree: the inner collection changes with every outer step",
        ),
        Valid(
            "def group(rules):\n    groups = []\n    for rule in rules:\n        for group in groups:\n            if group.port == rule.port:\n                group.add(rule)\n        groups.append(rule)\n",
            "the outer loop grows the list the inner loop searches: not an index built once",
        ),
    )
    invalid = (
        Invalid(
            "def attach(orders, customers):\n    for order in orders:\n        for customer in customers:\n            if order.customer_id == customer.id:\n                order.customer = customer\n",
            lines=(3,),
        ),
        Invalid(
            "def pairs(left, right):\n    return [(a, b) for a in left for b in right if a['id'] == b['left_id']]\n",
            lines=(2,),
        ),
        Invalid(
            "def owners(users, rows):\n    for user in users:\n        for row in rows:\n            if row.active and user.id == row.user_id:\n                user.row = row\n                break\n",
            lines=(3,),
        ),
    )

    def visit_For(self, node: cst.For, ctx: RuleContext) -> None:
        """An inner ``for`` whose whole body is ``if <outer key> == <inner key>:``."""
        outer = ctx.loop
        if outer is None or outer.kind != "for" or node.asynchronous is not None:
            return
        if runs_fixed_times(ctx):
            return
        body = node.body
        if not isinstance(body, cst.IndentedBlock) or len(body.body) != 1:
            return
        branch = body.body[0]
        if not isinstance(branch, cst.If) or branch.orelse is not None:
            return
        inner_targets = frozenset(target_names(node.target))
        join = _join_in(branch.test, outer.targets, inner_targets)
        if join is not None and _is_other_collection(node.iter, outer, ctx):
            self._report(node, join, outer, ctx)

    def visit_CompFor(self, node: cst.CompFor, ctx: RuleContext) -> None:
        """``for a in xs for b in ys if <a key> == <b key>`` in a comprehension."""
        outer = ctx.loop
        if outer is None or outer.kind != "comprehension" or node.asynchronous is not None:
            return
        if not isinstance(outer.node, cst.CompFor) or outer.node.inner_for_in is not node:
            return
        if runs_fixed_times(ctx):
            return
        inner_targets = frozenset(target_names(node.target))
        for condition in node.ifs:
            join = _join_in(condition.test, outer.targets, inner_targets)
            if join is not None and _is_other_collection(node.iter, outer, ctx):
                self._report(node, join, outer, ctx)
                return

    def _report(
        self, node: cst.For | cst.CompFor, join: _Join, outer: Loop, ctx: RuleContext
    ) -> None:
        target, iterable = node.target, node.iter
        colon = ":" if isinstance(node, cst.For) else ""
        header = f"for {quote(ctx, target)} in {quote(ctx, iterable)}{colon}"
        collection = (dotted_name(iterable) or "items").rsplit(".", 1)[-1]
        key = join.inner_key.attr.value if isinstance(join.inner_key, cst.Attribute) else "key"
        index = f"{collection}_by_{key}"
        build = (
            f"{index} = {{{quote(ctx, join.inner_key)}: {quote(ctx, target)} for "
            f"{quote(ctx, target)} in {quote(ctx, iterable)}}}"
        )
        unhashable = unhashable_in_loop(
            join.inner_key, frozenset(target_names(target)), iterable, ctx
        ) or unhashable_in_loop(join.outer_key, outer.targets, outer.iterable, ctx)
        if unhashable is not None:
            advice = (
                f"The keys are {unhashable}s, which cannot key a dict: index by "
                f"{HASHABLE_FORM[unhashable]} of the key and look up the outer key in the same "
                f"form, or keep the loops if both sides stay short."
            )
        else:
            advice = _index_advice(node, join, index, build, ctx)
        ctx.report(
            node,
            f"`{header}` inside `{outer.header}` compares every pair to find "
            f"`{quote(ctx, join.test)}`",
            rationale=(
                f"The inner loop runs over all of `{quote(ctx, iterable)}` for each outer item, "
                f"so matching costs O(n × m) comparisons. {advice}"
            ),
        )


def _index_advice(
    node: cst.For | cst.CompFor, join: _Join, index: str, build: str, ctx: RuleContext
) -> str:
    """A dict built once, shaped by what the loop does with repeated keys: the first match
    (``break``: ``setdefault``), every match (a dict of lists), or one row per key (a unique
    key such as ``id``: a plain dict)."""
    inner, lookup = quote(ctx, join.inner_key), f"{index}.get({quote(ctx, join.outer_key)})"
    item = quote(ctx, node.target)
    source = quote(ctx, node.iter)
    if isinstance(node, cst.For) and any(isinstance(n, cst.Break) for n in descendants(node.body)):
        return (
            f"Index it once before the outer loop, keeping the first item per key as the "
            f"`break` does (`for {item} in {source}: {index}.setdefault({inner}, {item})`), "
            f"and look each item up with `{lookup}`: O(n + m)."
        )
    if _unique_key(join.inner_key):
        return (
            f"Index it once before the outer loop (`{build}`) and look each item up with "
            f"`{lookup}`: O(n + m)."
        )
    return (
        f"Every pair with equal keys is handled, and `{inner}` may repeat: group it once "
        f"before the outer loop (`{index} = defaultdict(list)`, then `for {item} in {source}: "
        f"{index}[{inner}].append({item})`) and walk `{index}.get("
        f"{quote(ctx, join.outer_key)}, [])`: O(n + m). A plain dict is enough if the key is "
        f"unique."
    )


def _unique_key(key: cst.BaseExpression) -> bool:
    """``row.id``, ``row.pk``, ``row['uuid']``: a key that names one row."""
    if isinstance(key, cst.Attribute):
        return key.attr.value in _UNIQUE_KEYS
    if isinstance(key, cst.Subscript) and _constant_index(key):
        index = key.slice[0].slice
        value = index.value if isinstance(index, cst.Index) else None
        return isinstance(value, cst.SimpleString) and value.evaluated_value in _UNIQUE_KEYS
    return False


def _join_in(
    test: cst.BaseExpression, outer: frozenset[str], inner: frozenset[str]
) -> _Join | None:
    """The ``outer key == inner key`` equality in ``test`` or in one of its ``and`` operands."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
        return _join_in(test.left, outer, inner) or _join_in(test.right, outer, inner)
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return None
    comparison = test.comparisons[0]
    if not isinstance(comparison.operator, cst.Equal):
        return None
    left, right = _key_root(test.left), _key_root(comparison.comparator)
    only_outer, only_inner = outer - inner, inner - outer
    if left in only_outer and right in only_inner:
        return _Join(test.left, comparison.comparator, test)
    if left in only_inner and right in only_outer:
        return _Join(comparison.comparator, test.left, test)
    return None


def _key_root(expression: cst.BaseExpression) -> str | None:
    """``a`` for ``a``, ``a.b.c`` or ``a['id'][0]``: keys read off one loop variable."""
    current = expression
    while True:
        if isinstance(current, cst.Name):
            return current.value
        if (
            isinstance(current, cst.Attribute)
            or isinstance(current, cst.Subscript)
            and _constant_index(current)
        ):
            current = current.value
        else:
            return None


def _constant_index(subscript: cst.Subscript) -> bool:
    if len(subscript.slice) != 1:
        return False
    index = subscript.slice[0].slice
    return isinstance(index, cst.Index) and isinstance(index.value, (cst.SimpleString, cst.Integer))


def _is_other_collection(iterable: cst.BaseExpression, outer: Loop, ctx: RuleContext) -> bool:
    """The inner loop walks one fixed data collection, the same for every outer item.

    A plain name or attribute is required (not ``range(n)``, not a call) that the outer loop
    neither rebinds (a walk down a tree: ``state = state.child``) nor changes (a group-by that
    appends to the list it searches). Names bound to a class (an Enum), an import or a short
    literal (``KINDS = ('a', 'b')``) are constants whose scan costs a constant.
    """
    dotted = dotted_name(iterable)
    if dotted is None or varies_with(iterable, outer, ctx):
        return False
    if changes_in_place(dotted, loop_region(ctx, outer)):
        return False
    if not isinstance(iterable, cst.Name):
        return True
    binding = ctx.binding(iterable.value)
    if binding is None or binding.kinds & {"class", "function"}:
        return False
    if any(kind.startswith("import:") for kind in binding.kinds):
        return False
    return not is_short_literal(binding, ctx)
