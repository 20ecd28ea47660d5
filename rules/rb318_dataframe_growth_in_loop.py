"""RB318: growing a pandas DataFrame inside a loop (``acc = pd.concat([acc, piece])``,
``acc = acc.append(row)``), which copies every row gathered so far on each iteration."""

from __future__ import annotations

import libcst as cst

from reviewbot.engine.context import RuleContext
from reviewbot.engine.names import call_name, dotted_name
from reviewbot.engine.values import qualified_name, value_kind
from reviewbot.findings import Category, Severity
from reviewbot.ruleset.api import Invalid, NodeRule, RuleDoc, Valid

from ._quote import quote
from ._receivers import parameter_annotation

_CONCAT = frozenset({"pandas.concat"})
_FRAME_ANNOTATIONS = frozenset({"pandas.DataFrame", "pandas.Series"})
_FRAME_KINDS = frozenset({"dataframe"})


class DataFrameGrowthInLoop(NodeRule):
    """Flags a DataFrame rebuilt with one more piece on every iteration of a loop."""

    code = "RB318"
    per_iteration = True
    name = "dataframe-growth-in-loop"
    category = Category.PERFORMANCE
    severity = Severity.WARNING
    doc = RuleDoc(
        what=(
            "Checks for an accumulator rebuilt from itself inside a loop: "
            "`acc = pd.concat([acc, piece])` (a list or tuple naming `acc`, with any keywords; "
            "`acc` may be an attribute such as `self.frame`; `pandas` is resolved through the "
            "imports, so `from pandas import concat` counts) and `acc = acc.append(row)` where "
            "`acc` is known to be a DataFrame (bound to `pd.DataFrame(...)`, a `pd.read_*` "
            "reader or a pandas function that returns one, or a parameter annotated "
            "`pd.DataFrame`).\n\n"
            "Not reported: `pd.concat(pieces)` once after the loop, a concat inside the loop "
            "that does not include what it assigns (`merged = pd.concat([g.left, g.right])`, a "
            "fresh frame per iteration), `append` on anything not known to be a DataFrame (a "
            "list's `append` grows it in place), and, through the loop facts, a concat followed "
            "by `break`, `return` or `raise` (it runs once per loop), a loop over a few values "
            "written in the source (`for sheet in ('2023', '2024'):`), a schema, one object's "
            "collection, and test files."
        ),
        why=(
            "A DataFrame does not grow in place: `pd.concat` and `DataFrame.append` allocate a "
            "new frame and copy every row of the old one into it. Adding one piece per "
            "iteration copies 1 + 2 + ... + n pieces: a loop over 1,000 chunks of a CSV file "
            "copies half a million chunks' worth of rows. Collecting the pieces in a list and "
            "concatenating once copies each row once. (`DataFrame.append` was also removed in "
            "pandas 2.0.)"
        ),
        example=(
            "import pandas as pd\n"
            "\n"
            "def load(paths):\n"
            "    frame = pd.DataFrame()\n"
            "    for path in paths:\n"
            "        frame = pd.concat([frame, pd.read_csv(path)], ignore_index=True)\n"
            "    return frame\n"
        ),
        use_instead=(
            "import pandas as pd\n"
            "\n"
            "def load(paths):\n"
            "    pieces = [pd.read_csv(path) for path in paths]\n"
            "    return pd.concat(pieces, ignore_index=True)\n"
        ),
        fix_safety=(
            "No automatic fix: the loop body may read the accumulated frame (to deduplicate "
            "against it, say), and then the pieces must be concatenated before each read or "
            "the logic rethought; `pd.concat([])` raises, so an empty loop needs a guard."
        ),
    )
    valid = (
        Valid(
            "import pandas as pd\n\n\ndef load(paths):\n    pieces = []\n    for path in paths:\n        pieces.append(pd.read_csv(path))\n    return pd.concat(pieces)\n",
            "one concat after the loop",
        ),
        Valid(
            "import pandas as pd\n\n\ndef pairs(groups):\n    for group in groups:\n        merged = pd.concat([group.left, group.right])\n        yield merged\n",
            "a fresh frame per iteration from this iteration's pieces: nothing accumulates",
        ),
        Valid(
            "import pandas as pd\n\n\ndef yearly(path):\n    frame = pd.DataFrame()\n    for sheet in ('2023', '2024'):\n        frame = pd.concat([frame, pd.read_excel(path, sheet_name=sheet)])\n    return frame\n",
            "two sheets written in the source (dropped as `loop:fixed`)",
        ),
        Valid(
            "import pandas as pd\n\n\ndef first_match(frame: pd.DataFrame, chunks):\n    for chunk in chunks:\n        if chunk.ready:\n            frame = pd.concat([frame, chunk])\n            break\n    return frame\n",
            "concatenates once, then leaves the loop (dropped as `loop:once`)",
        ),
        Valid(
            "def collect(rows):\n    out = []\n    for row in rows:\n        out.append(row)\n    return out\n",
            "a list's `append` grows it in place",
        ),
    )
    invalid = (
        Invalid(
            "import pandas as pd\n\n\ndef load(paths):\n    frame = pd.DataFrame()\n    for path in paths:\n        frame = pd.concat([frame, pd.read_csv(path)], ignore_index=True)\n    return frame\n",
            lines=(7,),
        ),
        Invalid(
            "import pandas as pd\n\n\ndef report(rows):\n    table = pd.DataFrame(columns=['sku', 'qty'])\n    for row in rows:\n        table = table.append({'sku': row.sku, 'qty': row.qty}, ignore_index=True)\n    return table\n",
            lines=(7,),
        ),
        Invalid(
            "from pandas import concat\n\n\nclass History:\n    def add_all(self, batches):\n        for batch in batches:\n            self.frame = concat((self.frame, batch))\n",
            lines=(7,),
            note="an attribute accumulator, `concat` imported by name",
        ),
    )

    def visit_Assign(self, node: cst.Assign, ctx: RuleContext) -> None:
        """``acc = pd.concat([acc, ...])`` or ``acc = acc.append(...)`` inside a loop."""
        loop = ctx.loop
        if loop is None or len(node.targets) != 1 or not isinstance(node.value, cst.Call):
            return
        target = dotted_name(node.targets[0].target)
        if target is None:
            return
        call = node.value
        if _concatenates_onto(call, target, ctx):
            how = "`pd.concat` builds a new frame and copies"
        elif _appends_onto(call, target, ctx):
            how = "`DataFrame.append` builds a new frame and copies"
        else:
            return
        ctx.report(
            node,
            f"`{quote(ctx, node, 70)}` inside `{loop.header}` copies every row of `{target}` "
            f"gathered so far on each iteration",
            rationale=(
                f"{how} all of `{target}` plus the new piece, so n iterations copy O(n²) rows. "
                f"Append each piece to a list inside the loop (`pieces.append(piece)`) and call "
                f"`pd.concat(pieces)` once after it."
            ),
        )


def _concatenates_onto(call: cst.Call, target: str, ctx: RuleContext) -> bool:
    """``pd.concat([target, ...])``: the frames concatenated include the assigned one."""
    name = call_name(call)
    if name is None or qualified_name(name, ctx.kinds_of) not in _CONCAT or not call.args:
        return False
    frames = call.args[0].value
    if not isinstance(frames, (cst.List, cst.Tuple)):
        return False
    return any(dotted_name(element.value) == target for element in frames.elements)


def _appends_onto(call: cst.Call, target: str, ctx: RuleContext) -> bool:
    """``target = target.append(...)`` where ``target`` is known to be a DataFrame."""
    func = call.func
    if not isinstance(func, cst.Attribute) or func.attr.value != "append":
        return False
    return dotted_name(func.value) == target and _known_frame(target, ctx)


def _known_frame(name: str, ctx: RuleContext) -> bool:
    """A parameter annotated ``pd.DataFrame``, or a name first bound to a DataFrame (its other
    bindings being the accumulation itself)."""
    annotation = parameter_annotation(name, ctx)
    if annotation:
        return annotation in _FRAME_ANNOTATIONS
    binding = ctx.binding(name)
    if binding is None:
        return False
    starts = [value for value in binding.values if not _rebuilds(value, name, ctx)]
    kinds = {value_kind(value, ctx.kinds_of) for value in starts}
    return bool(kinds & _FRAME_KINDS) and kinds <= _FRAME_KINDS | {"unknown"}


def _rebuilds(value: cst.BaseExpression, target: str, ctx: RuleContext) -> bool:
    """``target.append(...)`` or ``pd.concat([target, ...])``: the accumulator itself, grown."""
    if not isinstance(value, cst.Call):
        return False
    func = value.func
    if isinstance(func, cst.Attribute) and func.attr.value == "append":
        return dotted_name(func.value) == target
    return _concatenates_onto(value, target, ctx)
