"""RB316: iterating a pandas DataFrame row by row (``iterrows()``, ``apply(axis=1)``)."""

from __future__ import annotations

import libcst as cst

from reviewbot.engine.context import RuleContext
from reviewbot.engine.names import dotted_name
from reviewbot.engine.values import value_kind
from reviewbot.findings import Category, Severity
from reviewbot.rules._quote import quote
from reviewbot.rules._receivers import parameter_annotation
from reviewbot.ruleset.api import Invalid, NodeRule, RuleDoc, Valid

_FRAME_ANNOTATIONS = frozenset({"pandas.DataFrame", "pandas.core.frame.DataFrame"})
# Frames cut down to a handful of rows: iterating them costs nothing worth a comment.
_SMALL = frozenset({"head", "tail", "sample", "nlargest", "nsmallest"})
# Methods of a DataFrame that return a DataFrame of (up to) the same rows.
_FRAME_METHODS = frozenset(
    {
        "copy", "dropna", "fillna", "assign", "drop", "drop_duplicates", "sort_values",
        "sort_index", "reset_index", "set_index", "rename", "query", "astype", "merge", "join",
        "where", "mask", "replace", "round", "explode",
    }
)
_ROW_AXES = ("1", "'columns'", '"columns"')
_RECURSION = 4


class PandasRowIteration(NodeRule):
    """Flags row-at-a-time work on a DataFrame that column operations do at C speed."""

    code = "RB316"
    name = "pandas-row-iteration"
    category = Category.PERFORMANCE
    severity = Severity.INFO
    doc = RuleDoc(
        what=(
            "Checks for `df.iterrows()` and `df.apply(func, axis=1)` (or `axis='columns'`) where "
            "`df` is known to be a pandas DataFrame: a name bound only to `pd.DataFrame(...)`, "
            "`DataFrame.from_dict/from_records(...)`, a `pd.read_*(...)` reader that returns one "
            "frame (`read_csv`, `read_parquet`, `read_sql`, `read_excel`, ...), `pd.merge`, "
            "`pd.json_normalize`, `pd.pivot_table`, `pd.crosstab`, or a DataFrame method of one "
            "of those (`df.dropna()`, `df.merge(...)`, ...); a parameter annotated `pd.DataFrame`; "
            "or a row selection `df[mask]` of one. `pandas` is resolved through the imports.\n\n"
            "Not reported: `itertuples()` (the fast way to loop when you must), "
            "`apply(..., raw=True)` or `engine='numba'` (already the optimised path), frames cut "
            "down by `head`/`tail`/`sample`/`nlargest`/`nsmallest`, `next(df.iterrows())`, and "
            "any object whose type is not known (a `groupby`, a Series, a return value of "
            "another function)."
        ),
        why=(
            "`iterrows()` builds a new Series for every row, boxing each value into a Python "
            "object and upcasting the row to one dtype (ints become floats next to a float "
            "column); `apply(axis=1)` does the same and then calls a Python function per row. "
            "Both cost microseconds per row where a column operation costs nanoseconds: on a "
            "million rows, seconds against milliseconds. `df['total'] = df['price'] * df['qty']`, "
            "`np.where(...)`, `Series.map`, `merge` and `groupby` express most row loops as "
            "column operations; `itertuples()` is several times faster than `iterrows()` when a "
            "loop is really needed. Advisory: some row-wise logic has no vectorised form."
        ),
        example=(
            "import pandas as pd\n"
            "\n"
            "def totals(path):\n"
            "    orders = pd.read_csv(path)\n"
            "    orders['total'] = orders.apply(lambda r: r['price'] * r['qty'], axis=1)\n"
            "    return orders\n"
        ),
        use_instead=(
            "import pandas as pd\n"
            "\n"
            "def totals(path):\n"
            "    orders = pd.read_csv(path)\n"
            "    orders['total'] = orders['price'] * orders['qty']\n"
            "    return orders\n"
        ),
        fix_safety=(
            "No automatic fix: turning per-row logic into column operations is a rewrite of "
            "the function's body."
        ),
    )
    valid = (
        Valid(
            "import pandas as pd\n\n\ndef emails(path):\n    users = pd.read_csv(path)\n    return [row.email for row in users.itertuples()]\n",
            "`itertuples()` is the recommended way to loop",
        ),
        Valid(
            "def emails(frame):\n    return [row['email'] for _, row in frame.iterrows()]\n",
            "an unannotated parameter: its type is not known",
        ),
        Valid(
            "import pandas as pd\n\n\ndef preview(path):\n    orders = pd.read_csv(path)\n    for _, row in orders.head().iterrows():\n        print(row)\n",
            "five rows",
        ),
        Valid(
            "import pandas as pd\n\n\ndef scaled(path):\n    prices = pd.read_csv(path)\n    return prices.apply(lambda column: column / column.max())\n",
            "`apply` over columns (axis=0) is vectorised per column",
        ),
    )
    invalid = (
        Invalid(
            "import pandas as pd\n\n\ndef totals(path):\n    orders = pd.read_csv(path)\n    orders['total'] = orders.apply(lambda r: r['price'] * r['qty'], axis=1)\n    return orders\n",
            lines=(6,),
        ),
        Invalid(
            "import pandas as pd\n\n\ndef flagged(frame: pd.DataFrame):\n    out = []\n    for _, row in frame[frame['qty'] > 0].iterrows():\n        if row['price'] > 100:\n            out.append(row['sku'])\n    return out\n",
            lines=(6,),
        ),
        Invalid(
            "from pandas import DataFrame\n\n\ndef labels(records):\n    frame = DataFrame(records).dropna()\n    return frame.apply(label_row, axis='columns')\n",
            lines=(6,),
        ),
    )

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        """``<frame>.iterrows()`` and ``<frame>.apply(..., axis=1)``."""
        func = node.func
        if not isinstance(func, cst.Attribute):
            return
        method = func.attr.value
        if method == "iterrows" and not node.args and not _first_row_only(ctx):
            advice = (
                "builds a pandas Series for every row; use vectorised column operations "
                "(`df['total'] = df['price'] * df['qty']`), or `itertuples()` if you must loop"
            )
        elif method == "apply" and _applies_per_row(node):
            advice = (
                "calls a Python function once per row; express it with column operations "
                "(`df['a'] * df['b']`, `np.where(...)`, `Series.map`)"
            )
        else:
            return
        if _is_frame(func.value, ctx):
            ctx.report(node, f"`{quote(ctx, node, 50)}` {advice}")


def _applies_per_row(call: cst.Call) -> bool:
    axis: cst.BaseExpression | None = None
    positional = [arg for arg in call.args if arg.keyword is None]
    if len(positional) > 1:
        axis = positional[1].value
    keywords = {arg.keyword.value: arg.value for arg in call.args if arg.keyword is not None}
    axis = keywords.get("axis", axis)
    if axis is None or _code(axis) not in _ROW_AXES:
        return False
    if _code(keywords.get("raw")) == "True":
        return False  # rows as ndarrays: the fast path already
    if _code(keywords.get("engine")) in ("'numba'", '"numba"'):
        return False
    return not any(arg.star for arg in call.args)


def _code(node: cst.BaseExpression | None) -> str | None:
    if isinstance(node, cst.Integer):
        return node.value
    if isinstance(node, cst.SimpleString):
        return node.value
    if isinstance(node, cst.Name):
        return node.value
    return None


def _first_row_only(ctx: RuleContext) -> bool:
    """``next(df.iterrows())``."""
    parent, ancestors = ctx.parent, ctx.ancestors
    holder = ancestors[-2] if len(ancestors) > 1 else None
    return (
        isinstance(parent, cst.Arg)
        and isinstance(holder, cst.Call)
        and dotted_name(holder.func) == "next"
    )


def _is_frame(expr: cst.BaseExpression, ctx: RuleContext, depth: int = 0) -> bool:
    """Whether ``expr`` is known to be a DataFrame with all (or a data-sized part of) its rows."""
    if depth > _RECURSION:
        return False
    if isinstance(expr, cst.Name):
        return _is_frame_name(expr.value, ctx, depth)
    if isinstance(expr, cst.Subscript):
        return _selects_rows(expr) and _is_frame(expr.value, ctx, depth + 1)
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute):
        method = expr.func.attr.value
        if method in _SMALL:
            return False
        if method in _FRAME_METHODS:
            return _is_frame(expr.func.value, ctx, depth + 1)
    return isinstance(expr, cst.Call) and value_kind(expr, ctx.kinds_of) == "dataframe"


def _is_frame_name(name: str, ctx: RuleContext, depth: int) -> bool:
    """A name bound only to frames, or a parameter annotated ``pd.DataFrame``."""
    binding = ctx.binding(name)
    if binding is None:
        return False
    if any(kind.startswith("param") for kind in binding.kinds):
        return parameter_annotation(name, ctx) in _FRAME_ANNOTATIONS
    if binding.kinds == {"dataframe"}:
        return True
    if not all(kind == "dataframe" or kind.startswith("call:") for kind in binding.kinds):
        return False
    return bool(binding.values) and all(_is_frame(v, ctx, depth + 1) for v in binding.values)


def _selects_rows(subscript: cst.Subscript) -> bool:
    """``df[mask]`` or ``df[['a', 'b']]``: a frame, not one column (``df['a']`` is a Series)."""
    if len(subscript.slice) != 1 or not isinstance(subscript.slice[0].slice, cst.Index):
        return False
    return not isinstance(subscript.slice[0].slice.value, (cst.SimpleString, cst.FormattedString))
