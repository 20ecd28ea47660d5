"""Resolving what a called name refers to through the module's imports (``re.match``, ``deepcopy``)."""

from __future__ import annotations

import libcst as cst

from reviewbot.engine.context import RuleContext
from reviewbot.engine.names import dotted_name

_IMPORT = "import:"


def imported_name(func: cst.BaseExpression, ctx: RuleContext) -> str | None:
    """The fully qualified name ``func`` refers to when its head is bound only by an import.

    ``re.match`` after ``import re`` is ``re.match``; ``rx.match`` after ``import re as rx`` is
    ``re.match``; ``match`` after ``from re import match`` is ``re.match``. Anything else (a
    local variable, a parameter, a name also assigned elsewhere) is None.
    """
    dotted = dotted_name(func)
    if dotted is None:
        return None
    head, _, rest = dotted.partition(".")
    kinds = ctx.kinds_of(head)
    if len(kinds) != 1:
        return None
    kind = next(iter(kinds))
    if not kind.startswith(_IMPORT):
        return None
    target = kind[len(_IMPORT) :]
    return f"{target}.{rest}" if rest else target
