"""RB306: ``lst.pop(0)`` / ``lst.insert(0, x)`` on a list inside a loop."""

from __future__ import annotations

import libcst as cst

from reviewbot.engine.context import RuleContext
from reviewbot.engine.names import dotted_name
from reviewbot.engine.scopes import Loop
from reviewbot.findings import Category, Severity
from reviewbot.ruleset.api import Invalid, NodeRule, RuleDoc, Valid

from ._front_inserts import list_only_use, only_prepends
from ._held_lists import held_list
from ._quote import quote
from ._subtrees import descendants, runs_fixed_times


class ListFrontOpsInLoop(NodeRule):
    """Flags a list used as a queue: removing or inserting at the front, once per iteration."""

    code = "RB306"
    per_iteration = True
    name = "list-front-ops-in-loop"
    category = Category.PERFORMANCE
    severity = Severity.WARNING
    doc = RuleDoc(
        what=(
            "Checks for `name.pop(0)` and `name.insert(0, item)` inside a loop where every "
            "binding of `name` is a list (a literal, `list(...)`, a comprehension, or a "
            "parameter annotated `list`), or `self.name.pop(0)` / `self.name.insert(0, item)` "
            "where every assignment to `self.name` in the class (in `__init__` or another "
            "method, or `name = ...` in the class body, or a dataclass "
            "`field(default_factory=list)`) makes a list. `pop(0)` is reported when the list's length comes from "
            "data or the function grows it; a short literal list that is only drained is not, "
            "nor is `while lst and lst[0] == ...: lst.pop(0)`, which trims a few leading items. "
            "Loops that run a fixed number of times (`for _ in range(4):`) are not reported.\n\n"
            "For `insert(0, item)`, which builds the list in reverse, the advice depends on the "
            "rest of the function: when the list is then sliced, indexed, sorted with `.sort()`, "
            "returned or passed to another function (uses a deque does not serve as a list), "
            "and the loop adds to it only at the front, the advice is to `append` in the loop "
            "and `reverse()` once after it; otherwise a deque with `appendleft`."
        ),
        why=(
            "A list keeps its items in one contiguous array, so taking the first item or "
            "inserting before it moves every other item one slot: each call is O(n) and a loop "
            "that drains or builds a list from the front is O(n²). A breadth-first search over "
            "100,000 nodes with `queue.pop(0)` spends seconds shifting memory. "
            "`collections.deque` adds and removes at both ends in O(1)."
        ),
        example=(
            "def walk(root):\n"
            "    queue = [root]\n"
            "    while queue:\n"
            "        node = queue.pop(0)\n"
            "        yield node\n"
            "        queue.extend(node.children)\n"
        ),
        use_instead=(
            "from collections import deque\n"
            "\n"
            "def walk(root):\n"
            "    queue = deque([root])\n"
            "    while queue:\n"
            "        node = queue.popleft()\n"
            "        yield node\n"
            "        queue.extend(node.children)\n"
        ),
        fix_safety=(
            "No automatic fix: a deque is not a list (slicing, `sort()` and indexing into the "
            "middle behave differently or cost more), so other uses of the name need checking."
        ),
    )
    valid = (
        Valid(
            "from collections import deque\n\n\ndef walk(root):\n    queue = deque([root])\n    while queue:\n        node = queue.popleft()\n        queue.extend(node.children)\n        queue.insert(0, node)\n",
            "a deque: operations at the front are O(1)",
        ),
        Valid(
            "def depth_first(root):\n    stack = [root]\n    while stack:\n        node = stack.pop()\n        stack.extend(node.children)\n",
            "`pop()` from the end is O(1)",
        ),
        Valid(
            "def head(items):\n    rest = list(items)\n    first = rest.pop(0)\n    return first, rest\n",
            "one `pop(0)` outside any loop",
        ),
        Valid(
            "def flags():\n    pending = ['--verbose', '--dry-run']\n    while pending:\n        print(pending.pop(0))\n",
            "a short literal list drained once: a constant cost",
        ),
        Valid(
            "def strip_comments(lines):\n    lines = list(lines)\n    while lines and lines[0].startswith('#'):\n        lines.pop(0)\n    return lines\n",
            "trimming a few leading items the loop condition inspects, not draining the list",
        ),
        Valid(
            "def to_bytes(x):\n    data = []\n    for _ in range(4):\n        x, m = divmod(x, 256)\n        data.insert(0, m)\n    return bytes(data)\n",
            "a loop that runs a fixed four times: a constant cost",
        ),
        Valid(
            "def fields(lines):\n    for line in lines:\n        parts = list(line.split(','))\n        parts.pop(0)\n        yield parts\n",
            "a fresh list per iteration: one `pop(0)` each, linear overall",
        ),
        Valid(
            "from collections import deque\n\n\nclass Jobs:\n    def __init__(self):\n        self.queue = []\n\n    def reset(self):\n        self.queue = deque()\n\n    def run(self):\n        while self.queue:\n            self.queue.pop(0).run()\n",
            "`self.queue` is a deque after `reset()`: not always a list, so not judged",
        ),
    )
    invalid = (
        Invalid(
            "class Crawler:\n    def __init__(self, seeds):\n        self.frontier = []\n        self.frontier.extend(seeds)\n\n    def crawl(self):\n        while self.frontier:\n            page = self.frontier.pop(0)\n            self.frontier.extend(page.links)\n",
            lines=(8,),
            note="a list held in an attribute `__init__` sets, grown by the class",
        ),
        Invalid(
            "def walk(root):\n    queue = [root]\n    while queue:\n        node = queue.pop(0)\n        yield node\n        queue.extend(node.children)\n",
            lines=(4,),
        ),
        Invalid(
            "def newest_first(events):\n    result = []\n    for event in events:\n        result.insert(0, event)\n    return result\n",
            lines=(4,),
        ),
        Invalid(
            "def parse(tokens: list[str]):\n    out = []\n    while tokens:\n        out.append(tokens.pop(0).upper())\n    return out\n",
            lines=(4,),
        ),
    )

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        """``name.pop(0)`` / ``name.insert(0, x)`` on a list (or ``self.name``), inside a loop."""
        loop = ctx.loop
        func = node.func
        if loop is None or not isinstance(func, cst.Attribute) or runs_fixed_times(ctx):
            return
        method = func.attr.value
        if not _at_front(node, method):
            return
        held = held_list(func.value, loop, ctx)
        if held is None:
            return
        name = held.name
        if method == "pop" and (not held.data_sized or _trims_head(loop, name)):
            return
        ctx.report(
            node,
            f"`{quote(ctx, node)}` inside `{loop.header}` shifts every item of the list `{name}` "
            f"on each call",
            rationale=(
                f"`{name}` is a list, so each `{method}` at index 0 moves all its other "
                f"items and the loop is quadratic in its length. "
                f"{_instead(method, name, loop, ctx)}"
            ),
        )


def _instead(method: str, name: str, loop: Loop, ctx: RuleContext) -> str:
    """A deque for a queue; for a list built in reverse with ``insert(0, x)``, appending and
    reversing once when the list is used as a list afterwards (a deque cannot be)."""
    deque = f"Make it a `collections.deque` (`{name} = deque(...)`) and use `{name}."
    if method == "pop":
        return deque + "popleft()`, which is O(1); check its other uses: a deque does not slice."
    use = list_only_use(name, loop, ctx)
    reverse = f"`{name}.append(...)` in the loop and one `{name}.reverse()` after it"
    if not only_prepends(name, loop):
        tail = f"; it is {use} later, so convert it with `list({name})` there." if use else "."
        return deque + f"appendleft(...)`, which is O(1){tail}"
    if use is not None:
        return (
            f"It is {use} after the loop, which needs a list, not a deque: use {reverse}, "
            f"which builds the same order in O(n)."
        )
    return deque + f"appendleft(...)`, which is O(1), or use {reverse} (the same order)."


def _trims_head(loop: Loop, name: str) -> bool:
    """``while lst and lst[0] == '#': lst.pop(0)``: stripping a few leading items, not draining."""
    if not isinstance(loop.node, cst.While):
        return False
    return any(
        isinstance(node, cst.Subscript) and dotted_name(node.value) == name
        for node in (loop.node.test, *descendants(loop.node.test))
    )


def _at_front(call: cst.Call, method: str) -> bool:
    """``pop(0)`` or ``insert(0, item)``: the index argument is the literal 0."""
    arity = {"pop": 1, "insert": 2}.get(method)
    if arity is None or len(call.args) != arity or call.args[0].keyword is not None:
        return False
    index = call.args[0].value
    return isinstance(index, cst.Integer) and index.evaluated_value == 0
