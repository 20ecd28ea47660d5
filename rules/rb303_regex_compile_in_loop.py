"""RB303: a ``re`` function called with a constant pattern inside a loop."""

from __future__ import annotations

import libcst as cst

from reviewbot.engine.context import RuleContext
from reviewbot.engine.loops import loop_region
from reviewbot.findings import Category, Severity
from reviewbot.ruleset.api import Invalid, NodeRule, RuleDoc, Valid

from ._imports import imported_name
from ._quote import quote
from ._subtrees import rebinds, runs_fixed_times

_PATTERN_FUNCTIONS = frozenset(
    {"compile", "match", "search", "fullmatch", "sub", "subn", "findall", "finditer", "split"}
)


class RegexCompileInLoop(NodeRule):
    """Flags constant regular expressions looked up again on every loop iteration."""

    code = "RB303"
    per_iteration = True
    name = "regex-compile-in-loop"
    category = Category.PERFORMANCE
    severity = Severity.INFO
    overlaps_ruff = ("RUF055",)
    doc = RuleDoc(
        what=(
            "Checks for `re.match`, `re.search`, `re.fullmatch`, `re.sub`, `re.subn`, "
            "`re.findall`, `re.finditer`, `re.split` or `re.compile` called inside a loop with a "
            "constant pattern: a string literal, or a name bound only to string literals. `re` "
            "is resolved through the imports, so `import re as rx` and `from re import sub` are "
            "recognised and a local function called `match` is not. Loops that run a fixed "
            "number of times written in the source (`for _ in range(4):`) are not reported."
        ),
        why=(
            "The `re` module keeps the last 512 compiled patterns, so the pattern is not "
            "recompiled on every call; this rule is advisory for that reason. Every call still "
            "goes through `re._compile`: a Python-level function call and a cache lookup keyed "
            "by pattern and flags, which on short strings costs more than the match itself "
            "(about 0.5 µs on top of 0.3 µs for a typical search on CPython 3.11). A program "
            "that uses more than 512 patterns evicts them and really does recompile. Compiling "
            "once also names the pattern and puts it where a reader looks for it."
        ),
        example=(
            "import re\n"
            "\n"
            "def order_numbers(lines):\n"
            "    found = []\n"
            "    for line in lines:\n"
            "        match = re.search(r'ORD-(\\d+)', line)\n"
            "        if match:\n"
            "            found.append(match.group(1))\n"
            "    return found\n"
        ),
        use_instead=(
            "import re\n"
            "\n"
            "ORDER_NUMBER = re.compile(r'ORD-(\\d+)')\n"
            "\n"
            "def order_numbers(lines):\n"
            "    found = []\n"
            "    for line in lines:\n"
            "        match = ORDER_NUMBER.search(line)\n"
            "        if match:\n"
            "            found.append(match.group(1))\n"
            "    return found\n"
        ),
        fix_safety=(
            "No automatic fix: the compiled pattern needs a module-level name, which a person "
            "should choose. When ruff's RUF055 reports the same call (a pattern with no regex "
            "syntax, better written as a `str` method) this rule stays quiet."
        ),
    )
    valid = (
        Valid(
            "import re\n\nORDER = re.compile(r'ORD-(\\d+)')\n\n\ndef ids(lines):\n    return [ORDER.search(line) for line in lines]\n",
            "a pattern compiled once at module level",
        ),
        Valid(
            "import re\n\n\ndef first_id(text):\n    return re.search(r'ORD-(\\d+)', text)\n",
            "a constant pattern outside any loop",
        ),
        Valid(
            "import re\n\n\ndef compile_all(raw_patterns):\n    return [re.compile(p) for p in raw_patterns]\n",
            "compiling a different pattern on each iteration is the point of the loop",
        ),
        Valid(
            "import re\n\n\ndef hits(words, text):\n    return [w for w in words if re.search(re.escape(w), text)]\n",
            "the pattern is built from the loop variable",
        ),
        Valid(
            "def match(pattern, text):\n    return pattern in text\n\n\ndef scan(lines):\n    return [match('ERROR', line) for line in lines]\n",
            "a local function named `match` is not `re.match`",
        ),
        Valid(
            "import re\n\n\ndef encoding(lines):\n    for line in lines[:2]:\n        match = re.search(r'coding[:=]\\s*([-\\w.]+)', line)\n        if match:\n            return match[1]\n    return 'utf-8'\n",
            "the loop walks `lines[:2]`: two iterations at most",
        ),
    )
    invalid = (
        Invalid(
            "import re\n\n\ndef order_numbers(lines):\n    found = []\n    for line in lines:\n        match = re.search(r'ORD-(\\d+)', line)\n        if match:\n            found.append(match.group(1))\n    return found\n",
            lines=(7,),
        ),
        Invalid(
            "from re import sub\n\n\ndef squash(lines):\n    return [sub(r'\\s+', ' ', line) for line in lines]\n",
            lines=(5,),
        ),
        Invalid(
            "import re as rx\n\n\ndef tokens(stream):\n    while stream.more():\n        word = rx.compile(r'\\w+')\n        yield word.findall(stream.read())\n",
            lines=(6,),
        ),
        Invalid(
            "import re\n\nDATE = r'\\d{4}-\\d{2}-\\d{2}'\n\n\ndef dates(rows):\n    for row in rows:\n        yield re.findall(DATE, row.text)\n",
            lines=(8,),
        ),
    )

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        """``re.<function>(<constant pattern>, ...)`` inside a loop."""
        loop = ctx.loop
        if loop is None or runs_fixed_times(ctx):
            return
        function = imported_name(node.func, ctx)
        if function is None or not function.startswith("re."):
            return
        if function[len("re.") :] not in _PATTERN_FUNCTIONS:
            return
        pattern = _pattern_argument(node)
        if pattern is None or not _is_constant_pattern(pattern, ctx):
            return
        if isinstance(pattern, cst.Name) and rebinds(pattern.value, loop_region(ctx, loop)):
            return
        rest = ", ..." if len(node.args) > 1 else ""
        shown = f"{ctx.code(node.func)}({quote(ctx, pattern, 30)}{rest})"
        ctx.report(
            node,
            f"`{shown}` inside `{loop.header}` looks the constant pattern up in `re`'s cache "
            f"on every iteration",
            rationale=(
                f"`{function}` with a constant pattern goes through `re`'s pattern cache on "
                f"each of the loop's iterations: not a recompile while fewer than 512 patterns "
                f"are in use, but a function call and a lookup that can cost more than matching "
                f"a short string. Compile it once at module level "
                f"(`NAME = re.compile({quote(ctx, pattern, 30)})`) and call the compiled "
                f"pattern's method in the loop."
            ),
        )


def _pattern_argument(call: cst.Call) -> cst.BaseExpression | None:
    """The ``pattern`` argument: the first positional one, or ``pattern=``."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == "pattern":
            return arg.value
    if call.args and call.args[0].keyword is None and not call.args[0].star:
        return call.args[0].value
    return None


def _is_constant_pattern(pattern: cst.BaseExpression, ctx: RuleContext) -> bool:
    """A string literal, or a name whose every binding is a string literal."""
    if _is_string_literal(pattern):
        return True
    if not isinstance(pattern, cst.Name):
        return False
    binding = ctx.binding(pattern.value)
    if binding is None or not binding.only("str", "bytes"):
        return False
    return bool(binding.values) and all(_is_string_literal(v) for v in binding.values)


def _is_string_literal(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.SimpleString):
        return True
    if isinstance(node, cst.ConcatenatedString):
        return _is_string_literal(node.left) and _is_string_literal(node.right)
    return False
