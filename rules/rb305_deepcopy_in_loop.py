"""RB305: ``copy.deepcopy`` called inside a loop."""

from __future__ import annotations

import libcst as cst

from reviewbot.engine.context import RuleContext
from reviewbot.engine.loops import loop_region
from reviewbot.engine.names import dotted_name
from reviewbot.engine.scopes import Loop
from reviewbot.findings import Category, Severity
from reviewbot.ruleset.api import Invalid, NodeRule, RuleDoc, Valid

from ._imports import imported_name
from ._loop_facts import varies_with
from ._quote import quote
from ._subtrees import descendants, names_in, rebinds, runs_fixed_times


class DeepcopyInLoop(NodeRule):
    """Flags a deep copy made on every iteration of a loop."""

    code = "RB305"
    per_iteration = True
    name = "deepcopy-in-loop"
    category = Category.PERFORMANCE
    severity = Severity.INFO
    doc = RuleDoc(
        what=(
            "Checks for `copy.deepcopy(x)` inside a loop where `x` is the same object on every "
            "iteration: it reads nothing the loop binds. `deepcopy` is resolved through the "
            "imports (`import copy`, `import copy as cp`, `from copy import deepcopy`); a "
            "method or local function that happens to be called `deepcopy` is not reported.\n"
            "\n"
            "Copying each item of a collection once (`[deepcopy(row) for row in rows]`, or a "
            "`__deepcopy__` that copies its fields with `deepcopy(value, memo)`) is the same work "
            "as one deep copy of the collection, and is not reported either; nor is a snapshot "
            "of state the loops change (`best = deepcopy(state)` where an outer loop rebinds "
            "`state` or this loop mutates it), nor a loop that runs a fixed number of times "
            "written in the source (`for _ in range(4):`).\n"
            "\n"
            "Nor is a copy the iteration needs whole: one it changes below its top level "
            "(`call['function']['arguments'] = ...`, `copy.items.append(...)`), calls a method "
            "of (`attempt.run()`), or hands to a function that may change or keep it "
            "(`merge(defaults_copy, grants)`, `create_task(handle(ctx_copy))`). A copy that "
            "the iteration only reads, stores, or changes at its top level "
            "(`invoice['customer'] = ...`) is reported: one copy before the loop, or a shallow "
            "one, does the same."
        ),
        why=(
            "`deepcopy` visits every object reachable from its argument, dispatching on each "
            "type in Python code and recording each object in a memo dict so shared and cyclic "
            "references survive. Copying a small nested dict this way costs about 40 times a "
            "shallow copy (5.5 µs against 0.14 µs on CPython 3.11), and the cost grows with the "
            "size of the object, so a loop that copies the same template for each of "
            "thousands of items spends most of its time copying. It is advisory: sometimes "
            "each iteration does need an independent copy."
        ),
        example=(
            "import copy\n"
            "\n"
            "def invoices(customers, template):\n"
            "    out = []\n"
            "    for customer in customers:\n"
            "        invoice = copy.deepcopy(template)\n"
            "        invoice['customer'] = customer.id\n"
            "        out.append(invoice)\n"
            "    return out\n"
        ),
        use_instead=(
            "def invoices(customers, template):\n"
            "    # copy only what each invoice changes; the rest is shared read-only\n"
            "    return [{**template, 'customer': customer.id} for customer in customers]\n"
        ),
        fix_safety=(
            "No automatic fix: whether a shallow copy, one copy before the loop or a freshly "
            "built value is equivalent depends on what the loop mutates afterwards."
        ),
    )
    valid = (
        Valid(
            "import copy\n\n\ndef snapshot(rows):\n    return [copy.copy(row) for row in rows]\n",
            "a shallow copy in a loop",
        ),
        Valid(
            "import copy\n\n\ndef apply(events, state):\n    work = copy.deepcopy(state)\n    for event in events:\n        work.apply(event)\n    return work\n",
            "one deep copy before the loop",
        ),
        Valid(
            "from copy import deepcopy\n\n\ndef backups(records):\n    return {r.id: deepcopy(r) for r in records}\n",
            "each record copied once: the same work as one deep copy of all of them",
        ),
        Valid(
            "import copy\n\n\ndef search(board, moves):\n    best = None\n    for move in moves:\n        board.apply(move)\n        if board.score() > 0:\n            best = copy.deepcopy(board)\n    return best\n",
            "a snapshot of state the loop mutates: one copy before the loop could not replace it",
        ),
        Valid(
            "import copy as cp\n\n\ndef retry(job, attempts):\n    while attempts:\n        attempt = cp.deepcopy(job)\n        if attempt.run():\n            return attempt\n        attempts -= 1\n",
            "each attempt runs on its own copy: `run()` may change it anywhere",
        ),
        Valid(
            "import copy\n\n\ndef split(calls):\n    out = []\n    for call in calls:\n        for part in call.parts:\n            piece = copy.deepcopy(call.template)\n            piece['function']['arguments'] = part\n            out.append(piece)\n    return out\n",
            "the copy is changed below its top level: a shallow copy would share that dict",
        ),
        Valid(
            "import copy\n\nDEFAULTS = {'read': {'all': False}}\n\n\ndef grants(users, merge):\n    for user in users:\n        rights = copy.deepcopy(DEFAULTS)\n        merge(rights, user.grants)\n        user.rights = rights\n",
            "the copy is handed to a function that may change it",
        ),
        Valid(
            "from copy import deepcopy\n\n\ndef configure(controls, base, apply):\n    for name in controls:\n        apply(name, deepcopy(base))\n",
            "each call is handed its own copy, which it may change",
        ),
        Valid(
            "def clones(prototypes):\n    return [p.deepcopy() for p in prototypes]\n",
            "a method called `deepcopy`, not `copy.deepcopy`",
        ),
        Valid(
            "from copy import deepcopy\n\n\ndef fresh(config):\n    return deepcopy(config)\n",
            "`deepcopy` outside any loop",
        ),
    )
    invalid = (
        Invalid(
            "import copy\n\n\ndef invoices(customers, template):\n    out = []\n    for customer in customers:\n        invoice = copy.deepcopy(template)\n        invoice['customer'] = customer.id\n        out.append(invoice)\n    return out\n",
            lines=(7,),
        ),
        Invalid(
            "from copy import deepcopy\n\nDEFAULTS = {'theme': 'light', 'alerts': []}\n\n\ndef settings(users):\n    return {u.id: deepcopy(DEFAULTS) for u in users}\n",
            lines=(7,),
        ),
        Invalid(
            "import copy as cp\n\n\ndef labels(orders, template):\n    out = []\n    for order in orders:\n        label = cp.deepcopy(template)\n        label.title = order.number\n        out.append(label)\n    return out\n",
            lines=(7,),
        ),
    )

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        """``copy.deepcopy(x)``, however it was imported, of the same ``x`` on every iteration."""
        loop = ctx.loop
        if loop is None or not node.args or runs_fixed_times(ctx):
            return
        if imported_name(node.func, ctx) != "copy.deepcopy":
            return
        argument = node.args[0].value
        if varies_with(argument, loop, ctx) or _snapshot(argument, loop, ctx):
            return
        if _needed_whole(ctx, loop):
            return
        ctx.report(
            node,
            f"`{quote(ctx, node)}` inside `{loop.header}` deep-copies the same object on every "
            f"iteration",
            rationale=(
                f"`deepcopy` visits every object reachable from `{quote(ctx, argument, 30)}` "
                f"and records each one in a memo dict, typically tens of times the cost of a "
                f"shallow copy, and this loop pays it once per iteration for the same object. If "
                f"the loop only reads the copy, make it once before `{loop.header}`; if each "
                f"iteration needs its own, build the value directly or copy only the parts that "
                f"change."
            ),
        )


#: Calls that store or read a value without changing what is inside it.
_KEEPS = frozenset({"append", "add", "insert", "appendleft", "put", "put_nowait"})
_READS = frozenset(
    {"len", "print", "repr", "str", "bool", "isinstance", "id", "hash", "sorted", "list", "dict"}
)
#: A dict's or list's own methods that change only its top level.
_TOP_LEVEL = frozenset(
    {
        *("update", "pop", "setdefault", "popitem", "clear", "get", "items", "keys", "values"),
        *("copy", "extend", "remove", "sort", "reverse", "index", "count"),
    }
)


def _needed_whole(ctx: RuleContext, loop: Loop) -> bool:
    """Whether the iteration needs the whole deep copy it binds: it changes the copy below its
    top level, calls one of its methods, or hands it to a function that may change it.

    ``name = deepcopy(...)`` is followed through the loop; a copy passed straight to a call is
    handed on unless the call only stores or reads it (``out.append(deepcopy(x))``); a copy
    used in place otherwise (returned, a dict's value) is not followed.
    """
    parent = ctx.parent
    if isinstance(parent, cst.Arg):
        return _handed_on(ctx)
    if not isinstance(parent, cst.Assign) or len(parent.targets) != 1:
        return False
    target = parent.targets[0].target
    if not isinstance(target, cst.Name):
        return False
    region = loop_region(ctx, loop)
    return any(_needs_whole(node, target.value) for node in descendants(region))


def _handed_on(ctx: RuleContext) -> bool:
    """Whether the call the copy is an argument of may change it."""
    ancestors = ctx.ancestors
    call = ancestors[-2] if len(ancestors) >= 2 else None
    return isinstance(call, cst.Call) and _may_change_arguments(call)


def _may_change_arguments(call: cst.Call) -> bool:
    """Any call may change what it is given, but one that only stores or reads it."""
    func = call.func
    called = func.attr.value if isinstance(func, cst.Attribute) else dotted_name(func)
    return called not in _KEEPS and called not in _READS


def _needs_whole(node: cst.CSTNode, name: str) -> bool:
    if isinstance(node, cst.Call):
        return _call_needs_whole(node, name)
    targets: list[cst.BaseExpression] = []
    if isinstance(node, cst.Assign):
        targets = [target.target for target in node.targets]
    elif isinstance(node, (cst.AugAssign, cst.Del)):
        targets = [node.target]
    return any(_depth_below(target, name) >= 2 for target in targets) or (
        isinstance(node, cst.AugAssign) and _depth_below(node.target, name) == 1
    )


def _call_needs_whole(call: cst.Call, name: str) -> bool:
    """``name.method()`` other than a container's top-level method, ``name.x.append()``, or
    ``f(name)`` for a function that may change what it is given."""
    func = call.func
    if isinstance(func, cst.Attribute):
        depth = _depth_below(func.value, name)
        if depth == 0:
            return func.attr.value not in _TOP_LEVEL
        if depth > 0:
            return True
    handed = any(isinstance(arg.value, cst.Name) and arg.value.value == name for arg in call.args)
    return handed and _may_change_arguments(call)


def _depth_below(expression: cst.BaseExpression, name: str) -> int:
    """How many attribute or item steps ``expression`` takes below ``name`` (0: ``name``
    itself), or -1 when it does not start at ``name``."""
    depth = 0
    while isinstance(expression, (cst.Attribute, cst.Subscript)):
        expression = expression.value
        depth += 1
    return depth if isinstance(expression, cst.Name) and expression.value == name else -1


def _snapshot(argument: cst.BaseExpression, loop: Loop, ctx: RuleContext) -> bool:
    """Whether the copy records a state the loops change: not the same object each time.

    ``best = deepcopy(state)`` where an enclosing loop rebinds ``state``, or where this loop
    may mutate it, takes a snapshot that one copy before the loop could not replace.
    """
    outermost = loop_region(ctx, ctx.loops[0])
    if any(rebinds(name.value, outermost) for name in names_in(argument)):
        return True
    dotted = dotted_name(argument)
    return dotted is not None and _may_change(dotted, loop_region(ctx, loop))


def _may_change(dotted: str, region: cst.CSTNode) -> bool:
    """Whether ``region`` calls a method of ``dotted`` or assigns to its items or attributes.

    Any method may mutate, so every call counts: a wrong "copy it once" costs more than a
    missed one.
    """
    return any(_touches(node, dotted) for node in descendants(region))


def _touches(node: cst.CSTNode, dotted: str) -> bool:
    if isinstance(node, cst.Call):
        return isinstance(node.func, cst.Attribute) and dotted_name(node.func.value) == dotted
    targets: list[cst.BaseExpression]
    if isinstance(node, cst.Assign):
        targets = [target.target for target in node.targets]
    elif isinstance(node, (cst.AugAssign, cst.Del)):
        targets = [node.target]
    else:
        return False
    return any(_is_part_of(target, dotted) for target in targets)


def _is_part_of(target: cst.BaseExpression, dotted: str) -> bool:
    """``x.attr`` or ``x[key]`` for ``x`` spelled ``dotted``."""
    return (
        isinstance(target, (cst.Attribute, cst.Subscript)) and dotted_name(target.value) == dotted
    )
