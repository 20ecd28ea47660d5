"""RB313: an O(n) builtin over a container the loop never changes, recomputed every iteration."""

from __future__ import annotations

import libcst as cst

from reviewbot.engine.context import RuleContext
from reviewbot.engine.loops import loop_region
from reviewbot.engine.scopes import Binding, Loop
from reviewbot.findings import Category, Severity
from reviewbot.rules._invariant_reads import reads_file, writes_files
from reviewbot.rules._loop_facts import varies_with
from reviewbot.rules._quote import quote
from reviewbot.rules._subtrees import owning_scope
from reviewbot.rules._unchanged import container_escapes, grows, only_read, result_only_read
from reviewbot.ruleset.api import Invalid, NodeRule, RuleDoc, Valid

# Builtins that walk their whole argument: O(n) (O(n log n) for sorted) per call.
_WALKERS = frozenset({"sorted", "set", "list", "tuple", "frozenset", "max", "min", "sum"})
# Their results are fresh mutable containers: hoisting is only safe when nothing mutates them.
_FRESH_CONTAINERS = frozenset({"sorted", "set", "list"})
# No-ops on a container of the same type (`tuple(t)` returns `t`).
_IDENTITY = {"tuple": "tuple", "frozenset": "set"}
_IMMUTABLE = frozenset({"tuple", "str", "param:tuple", "param:str"})
_CONTAINERS = frozenset(
    {"list", "tuple", "set", "dict", "str", "param:list", "param:tuple", "param:set",
     "param:dict", "param:str"}
)
_SIZED_CALLS = frozenset({"list", "tuple", "set", "frozenset", "sorted", "dict"})
_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.DictComp)


class LoopInvariantCall(NodeRule):
    """Flags a whole-container builtin recomputed on every iteration with the same result."""

    code = "RB313"
    per_iteration = True
    name = "loop-invariant-call"
    category = Category.PERFORMANCE
    severity = Severity.INFO
    doc = RuleDoc(
        what=(
            "Checks for `sorted(x)`, `set(x)`, `list(x)`, `tuple(x)`, `frozenset(x)`, `max(x)`, "
            "`min(x)` or `sum(x)` inside a loop, where `x` is a plain name and the result "
            "cannot change from one iteration to the next:\n\n"
            "* every binding of `x` is a list, tuple, set, dict or str whose size comes from "
            "data (a comprehension, `list(...)`/`set(...)`/`sorted(...)`/..., a parameter "
            "annotated with one of those types, or a literal that the function grows before "
            "the loop): hoisting a call over a three-item literal saves nothing worth a "
            "comment;\n"
            "* the loop never rebinds `x`, never calls a method on it other than a read-only "
            "one, never assigns or deletes an item of it, and never passes it to anything but "
            "these read-only builtins;\n"
            "* a mutable `x` (list, set, dict) is local to the function and never stored or "
            "passed anywhere it could be changed from (a module-level list can be appended to "
            "by any function the loop calls);\n"
            "* a fresh `list`/`set`/`sorted` result is only read where it is used (`in`, "
            "iteration, indexing, `len`), or bound to a name that is bound nowhere else in the "
            "function and only read.\n\n"
            "It also reports a file read (`open(path)`, `path.read_text()`, `path.read_bytes()`) "
            "whose path nothing in the loop changes, in a `for` loop or comprehension that "
            "writes no file: the same bytes read on every iteration. `while` loops (waiting for "
            "a file to change) and loops that write files are left alone.\n\n"
            "`len(x)` is not reported: it is O(1) on the built-in containers, so hoisting it buys "
            "nothing, and `tuple(t)`/`frozenset(s)` of a value of the same type return it "
            "unchanged."
        ),
        why=(
            "Each of these calls walks the whole container, so calling it in a loop of n "
            "iterations over an m-item container does O(n × m) work (O(n × m log m) for "
            "`sorted`) to compute the same answer n times. `if item in set(allowed)` is the "
            "classic case: it builds a fresh hash table for every test, which is slower than "
            "the list scan it was meant to replace. This is advisory because the cost only "
            "matters when both n and m are large."
        ),
        example=(
            "def visible(rows, hidden_ids: list[int]):\n"
            "    return [row for row in rows if row.id not in set(hidden_ids)]\n"
        ),
        use_instead=(
            "def visible(rows, hidden_ids: list[int]):\n"
            "    hidden = set(hidden_ids)\n"
            "    return [row for row in rows if row.id not in hidden]\n"
        ),
        fix_safety=(
            "No automatic fix: the hoisted value needs a name, and a person should check that "
            "nothing the loop calls changes the container behind the code's back."
        ),
    )
    valid = (
        Valid(
            "def tail(path):\n    seen = 0\n    while True:\n        text = path.read_text()\n        if len(text) > seen:\n            seen = len(text)\n            yield text[seen:]\n",
            "a `while` loop reading the same file waits for it to change",
        ),
        Valid(
            "def append_all(rows, path):\n    for row in rows:\n        text = path.read_text()\n        path.write_text(text + row)\n",
            "the loop writes the file it reads: each read sees the last write",
        ),
        Valid(
            "def sizes(paths):\n    for path in paths:\n        print(len(path.read_bytes()))\n",
            "a different file on every iteration",
        ),
        Valid(
            "def ranks(rows, names: list[str]):\n    out = {}\n    for row in rows:\n        ordered = sorted(names)\n        ordered.append(row.name)\n        out[row.id] = ordered.index(row.name)\n    return out\n",
            "`ordered` is changed in the loop: each iteration needs a fresh copy",
        ),
        Valid(
            "def visible(rows, hidden_ids: list[int]):\n    hidden = set(hidden_ids)\n    return [row for row in rows if row.id not in hidden]\n",
            "the set is built once, before the loop",
        ),
        Valid(
            "def widths(rows, names: list[str]):\n    for row in rows:\n        names.append(row.name)\n        print(max(names))\n",
            "the loop grows the list, so the maximum changes",
        ),
        Valid(
            "def pad(rows, columns: list[str]):\n    for row in rows:\n        while len(row) < len(columns):\n            row.append(None)\n",
            "`len` is O(1): nothing to hoist",
        ),
        Valid(
            "def copies(rows, defaults: list[str]):\n    out = []\n    for row in rows:\n        fields = list(defaults)\n        fields.append(row)\n        out.append(fields)\n    return out\n",
            "a fresh copy per iteration that the loop then changes",
        ),
        Valid(
            "LEVELS = ['debug', 'info', 'warning']\n\n\ndef known(events):\n    return [e for e in events if e.level in set(LEVELS)]\n",
            "a short literal: hoisting saves nothing worth a comment",
        ),
        Valid(
            "def rank(rows, scores: list[int]):\n    for row in rows:\n        row.best = max(scores)\n        scores = [s - 1 for s in scores]\n",
            "the loop rebinds the name",
        ),
    )
    invalid = (
        Invalid(
            "import json\n\n\ndef convert(rows, settings_path):\n    out = []\n    for row in rows:\n        rates = json.loads(settings_path.read_text())\n        out.append(row.amount * rates[row.currency])\n    return out\n",
            lines=(7,),
            note="the same file read for every row: read it once before the loop",
        ),
        Invalid(
            "def ranks(rows, names: list[str]):\n    out = {}\n    for row in rows:\n        ordered = sorted(names)\n        out[row.id] = ordered.index(row.name)\n    return out\n",
            lines=(4,),
            note="`ordered` is bound only here and only read: the sort can move before the loop",
        ),
        Invalid(
            "def visible(rows, hidden_ids: list[int]):\n    return [row for row in rows if row.id not in set(hidden_ids)]\n",
            lines=(2,),
        ),
        Invalid(
            "def normalise(rows):\n    values = [row.value for row in rows]\n    for row in rows:\n        row.share = row.value / sum(values)\n        row.rank = sorted(values).index(row.value)\n",
            lines=(4, 5),
        ),
        Invalid(
            "def tags(posts, allowed: tuple[str, ...]):\n    for post in posts:\n        for tag in post.tags:\n            if tag in frozenset(allowed):\n                yield tag\n",
            lines=(4,),
        ),
    )

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        """``sorted(x)`` and friends, in a loop that never changes ``x``; a file read the same
        on every iteration."""
        loop = ctx.loop
        if loop is not None and reads_file(node):
            self._check_read(node, loop, ctx)
            return
        builtin = node.func.value if isinstance(node.func, cst.Name) else None
        if loop is None or builtin not in _WALKERS or ctx.binding(builtin) is not None:
            return
        argument = _only_argument(node)
        binding = ctx.binding(argument) if argument is not None else None
        if argument is None or binding is None or not _hoistable(builtin, binding, loop, ctx):
            return
        if builtin in _FRESH_CONTAINERS and not (
            result_only_read(node, ctx.ancestors) or _named_and_only_read(node, ctx)
        ):
            return
        ctx.report(
            node,
            f"`{quote(ctx, node)}` inside `{loop.header}` recomputes the same result on every "
            f"iteration: `{argument}` does not change in the loop; compute it once before the "
            f"loop",
        )


    def _check_read(self, node: cst.Call, loop: Loop, ctx: RuleContext) -> None:
        """A file read whose path nothing in the loop changes, in a loop that writes no file."""
        if loop.kind == "while" or varies_with(node, loop, ctx):
            return
        if writes_files(loop_region(ctx, loop)):
            return
        ctx.report(
            node,
            f"`{quote(ctx, node)}` inside `{loop.header}` reads the same file on every "
            f"iteration: nothing it reads changes in the loop; read it once before the loop",
        )


def _named_and_only_read(call: cst.Call, ctx: RuleContext) -> bool:
    """``ordered = sorted(x)`` where ``ordered`` is bound nowhere else in the function and
    only read: hoisting the call cannot change what any use sees."""
    parent = ctx.ancestors[-1] if ctx.ancestors else None
    if not (isinstance(parent, cst.Assign) and parent.value is call and len(parent.targets) == 1):
        return False
    target = parent.targets[0].target
    function = next(
        (n for n in reversed(ctx.ancestors) if isinstance(n, cst.FunctionDef)), None
    )
    if not isinstance(target, cst.Name) or function is None:
        return False
    return only_read(target.value, function.body, skip=(parent,))


def _hoistable(builtin: str, binding: Binding, loop: Loop, ctx: RuleContext) -> bool:
    """A data-sized container the loop leaves alone, for which the call is not a no-op."""
    if not binding.only(*_CONTAINERS) or binding.name in loop.targets:
        return False
    if _IDENTITY.get(builtin) in {kind.removeprefix("param:") for kind in binding.kinds}:
        return False
    return _invariant(binding.name, binding, loop, ctx) and _data_sized(binding, ctx)


def _only_argument(call: cst.Call) -> str | None:
    """The name passed as the single positional argument, with constant keywords at most."""
    positional = [arg for arg in call.args if arg.keyword is None]
    if len(positional) != 1 or positional[0].star or not isinstance(positional[0].value, cst.Name):
        return None
    if not all(_constant(arg.value) for arg in call.args if arg.keyword is not None):
        return None
    return positional[0].value.value


def _constant(value: cst.BaseExpression) -> bool:
    if isinstance(value, (cst.Integer, cst.Float, cst.SimpleString)):
        return True
    return isinstance(value, cst.Name) and value.value in ("True", "False", "None")


def _invariant(name: str, binding: Binding, loop: Loop, ctx: RuleContext) -> bool:
    """Whether the loop leaves ``name`` alone, and (if mutable) nothing else can reach it."""
    if not only_read(name, loop_region(ctx, loop), skip=_header_once(loop)):
        return False
    if binding.kinds <= _IMMUTABLE:
        return True
    function = ctx.function
    if function is None or binding.scope != function.qualname:
        return False
    return not container_escapes(name, function.node)


def _header_once(loop: Loop) -> tuple[cst.CSTNode, ...]:
    """The parts of a ``for`` evaluated once: its iterable (a use there is not per iteration)."""
    return (loop.iterable,) if loop.kind == "for" and loop.iterable is not None else ()


def _data_sized(binding: Binding, ctx: RuleContext) -> bool:
    """Whether the container's size comes from data rather than a short literal in the source."""
    if any(kind.startswith("param:") for kind in binding.kinds):
        return True
    sized = [_sized_value(value) for value in binding.values]
    if sized and all(sized):
        return True
    if any(value is None for value in sized) or not binding.values:
        return False
    scope = owning_scope(ctx, binding.scope)
    return scope is not None and grows(binding.name, scope)


def _sized_value(value: cst.BaseExpression) -> bool | None:
    """True for a comprehension or a container built from data, False for a literal, None else."""
    if isinstance(value, _COMPREHENSIONS):
        return True
    if isinstance(value, (cst.List, cst.Tuple, cst.Set, cst.Dict)):
        starred = (cst.StarredElement, cst.StarredDictElement)
        return any(isinstance(element, starred) for element in value.elements)
    if not isinstance(value, cst.Call):
        return None
    func = value.func
    if isinstance(func, cst.Name) and func.value in _SIZED_CALLS:
        return bool(value.args)
    return True if isinstance(func, cst.Attribute) and func.attr.value == "join" else None
