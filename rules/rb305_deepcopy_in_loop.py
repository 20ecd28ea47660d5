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
            "written in the source (`for _ in range(4):`)."
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
            "import copy as cp\n\n\ndef retry(job, attempts):\n    while attempts:\n        attempt = cp.deepcopy(job)\n        if attempt.run():\n            return attempt\n        attempts -= 1\n",
            lines=(6,),
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
