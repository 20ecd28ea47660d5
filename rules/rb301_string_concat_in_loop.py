"""RB301: building a string with ``+=`` / ``s = s + ...`` inside a loop."""

from __future__ import annotations

import libcst as cst

from reviewbot.engine.context import RuleContext
from reviewbot.engine.loops import leaves_after
from reviewbot.engine.scopes import Loop
from reviewbot.engine.values import value_kind
from reviewbot.findings import Category, Severity
from reviewbot.rules._loop_facts import own_nodes
from reviewbot.rules._subtrees import uses_name
from reviewbot.ruleset.api import Invalid, NodeRule, RuleDoc, Valid

_STRING_KINDS = frozenset({"str", "bytes"})
# ``''.join`` raises TypeError on bytes pieces: bytes need their own joiner or a mutable buffer.
_STR_ADVICE = "Append the pieces to a list and `''.join(...)` it once after the loop."
_BYTES_ADVICE = (
    "These are bytes, so `''.join` would raise a TypeError: append the pieces to a list and "
    "`b''.join(...)` it once after the loop, or grow a `bytearray` (`buf += part` extends it in "
    "place) or write to an `io.BytesIO`."
)


class StringConcatInLoop(NodeRule):
    """Flags quadratic string building in loops."""

    code = "RB301"
    per_iteration = True
    name = "string-concat-in-loop"
    category = Category.PERFORMANCE
    severity = Severity.WARNING
    doc = RuleDoc(
        what=(
            "Checks for a string (or bytes) built by repeated concatenation inside a loop: "
            "`s += part` or `s = s + part`, where `s` is known to be a string. When the "
            "value is bytes (a `b''` literal, `bytes(...)`, or bytes pieces added to it) the "
            "advice is `b''.join(...)` or a `bytearray`/`io.BytesIO`, since `''.join` rejects "
            "bytes."
        ),
        why=(
            "Strings are immutable: every `+=` allocates a new string and copies everything built "
            "so far, so building an n-part string this way costs O(n²) time. CPython sometimes "
            "resizes in place, but only when nothing else references the string, and never on "
            "PyPy or for attributes — the quadratic case is what you get in production."
        ),
        example=(
            "def render(orders):\n"
            "    report = ''\n"
            "    for order in orders:\n"
            "        report += f'{order.id}: {order.total}\\n'\n"
            "    return report\n"
        ),
        use_instead=(
            "def render(orders):\n"
            "    parts = []\n"
            "    for order in orders:\n"
            "        parts.append(f'{order.id}: {order.total}\\n')\n"
            "    return ''.join(parts)\n"
        ),
        fix_safety=(
            "No automatic fix: the rewrite introduces a new list and changes every later use of "
            "the variable, which needs a human to check."
        ),
    )
    valid = (
        Valid(
            "def header():\n    line = ''\n    for name in ('id', 'sku', 'price'):\n        line += name + ';'\n    return line\n",
            "three names written in the source (dropped as `loop:fixed`)",
        ),
        Valid(
            "def describe(form):\n    text = ''\n    for name in form.fields:\n        text += name + '\\n'\n    return text\n",
            "a form's fields: a schema, not data (dropped as `loop:schema`)",
        ),
        Valid(
            "def count(items):\n    total = 0\n    for item in items:\n        total += item.size\n    return total\n",
            "an int `+=` in a loop is cheap",
        ),
        Valid(
            "def label(user):\n    text = 'Hello, '\n    text += user.name\n    return text\n",
            "string `+=` outside any loop",
        ),
        Valid(
            "def lines(rows):\n    out = []\n    for row in rows:\n        out += [str(row)]\n    return out\n",
            "list `+=` extends in place",
        ),
        Valid(
            "def names(rows):\n    for row in rows:\n        label = 'row '\n        label += row.name\n        print(label)\n",
            "a fresh string per iteration: the concatenation does not grow across iterations",
        ),
        Valid(
            "def columns(rows):\n    for row in rows:\n        if row.kind:\n            line = row.name + '('\n        else:\n            line = row.name\n        line += ')'\n        yield line\n",
            "`line` is assigned afresh on every iteration (inside an `if`): it never grows across iterations",
        ),
        Valid(
            "def lookup(labels, wanted):\n    message = f'No app {wanted!r}.'\n    for label in labels:\n        if label.startswith(wanted):\n            message += f' Did you mean {label!r}?'\n            break\n    raise LookupError(message)\n",
            "the `+=` is followed by `break`: it runs at most once",
        ),
    )
    invalid = (
        Invalid(
            "def render(orders):\n    report = ''\n    for order in orders:\n        report += f'{order.id}\\n'\n    return report\n",
            lines=(4,),
        ),
        Invalid(
            "def join(words):\n    out = ''\n    i = 0\n    while i < len(words):\n        out = out + words[i] + ' '\n        i += 1\n    return out\n",
            lines=(5,),
        ),
        Invalid(
            "def csv(rows):\n    text = ''\n    for row in rows:\n        for cell in row:\n            text += cell + ','\n    return text\n",
            lines=(5,),
        ),
        Invalid(
            "def id_list(order_ids):\n    text = ''\n    for oid in order_ids:\n        text += str(oid) + ','\n    return text\n",
            lines=(4,),
            note="a caller's list of ids is data",
        ),
    )

    def visit_AugAssign(self, node: cst.AugAssign, ctx: RuleContext) -> None:
        """``name += <string>`` in a loop, name bound outside the loop body to a string."""
        if isinstance(node.operator, cst.AddAssign) and isinstance(node.target, cst.Name):
            name = node.target.value
            self._check(node, name, node.value, ctx, f"{name} += ...")

    def visit_Assign(self, node: cst.Assign, ctx: RuleContext) -> None:
        """``name = name + ...`` in a loop."""
        value = node.value
        if len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name):
            return
        name = node.targets[0].target.value
        if (
            isinstance(value, cst.BinaryOperation)
            and isinstance(value.operator, cst.Add)
            and _leftmost(value) == name
        ):
            self._check(node, name, value.right, ctx, f"{name} = {name} + ...")

    def _check(
        self, node: cst.CSTNode, name: str, added: cst.BaseExpression, ctx: RuleContext, form: str
    ) -> None:
        loop = ctx.loop
        if loop is None or loop.kind == "comprehension" or name in loop.targets:
            return
        if _reset_inside(loop, name) or leaves_after(node, loop, ctx):
            return
        built = _built(ctx.kinds_of(name), value_kind(added, ctx.quiet_kinds))
        if built is None:
            return
        what, advice = built
        ctx.report(
            node,
            f"`{form}` inside `{loop.header}` copies the whole {what} on every iteration",
            rationale=(
                f"Each pass through `{loop.header}` allocates a new `{name}` and copies everything "
                f"accumulated so far, so the loop is quadratic in the size of the result. {advice}"
            ),
        )


def _built(kinds: frozenset[str], added_kind: str) -> tuple[str, str] | None:
    """What the loop builds (``string`` or ``bytes object``) and how to build it instead, or
    None when it is not known to be either."""
    is_string = (kinds and kinds <= _STRING_KINDS) or (
        added_kind in _STRING_KINDS and not kinds - _STRING_KINDS - {"unknown"}
    )
    if not is_string:
        return None
    if "bytes" in kinds or added_kind == "bytes":
        return "bytes object", _BYTES_ADVICE
    return "string", _STR_ADVICE


def _leftmost(expression: cst.BaseExpression) -> str | None:
    while isinstance(expression, cst.BinaryOperation):
        expression = expression.left
    return expression.value if isinstance(expression, cst.Name) else None


def _reset_inside(loop: Loop, name: str) -> bool:
    """Whether the loop body binds ``name`` afresh (``name = ...`` not built from ``name``), at
    any depth: the string then starts over on every iteration that reaches the reset."""
    for node in own_nodes(loop.node):
        if isinstance(node, cst.Assign) and _assigns_fresh(node, name):
            return True
    return False


def _assigns_fresh(node: cst.Assign, name: str) -> bool:
    targets = [target.target for target in node.targets]
    named = any(isinstance(target, cst.Name) and target.value == name for target in targets)
    return named and not uses_name(node.value, name)
