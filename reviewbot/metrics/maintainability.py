"""radon's maintainability index (``radon mi`` with multi-line strings counted as comments).

The value is ``mi_compute(halstead_volume, total_cyclomatic, lloc, comment_percent)`` with
``comment_percent = (comments + multi) / sloc * 100``, exactly as ``radon.metrics.mi_visit(code,
multi=True)``, but the raw counts come from reviewbot's linear counter and radon's visitors run
on the tree the engine already parsed. When the index cannot be computed safely it is None and
``skipped`` says why, so the rule can say so instead of guessing.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from reviewbot.metrics.radon_bridge import halstead_volume, maintainability_index
from reviewbot.metrics.raw import RawCounts

#: Above this size the index says nothing a reader can act on (generated code, data dumps) and
#: radon's Halstead walk takes seconds (about 2 s per million characters).
MAX_SOURCE_CHARS = 5_000_000


@dataclass(frozen=True)
class Maintainability:
    """The maintainability index, or None with the reason it was skipped."""

    value: float | None
    skipped: str = ""


def module_maintainability(
    source: str, tree: ast.Module, raw: RawCounts | None, total_cyclomatic: int | None
) -> Maintainability:
    """The module's maintainability index from its raw counts and radon's total complexity.

    ``raw`` is None when the raw counter could not read the source and ``total_cyclomatic`` is
    None when radon's complexity walk overflowed the stack; the index is skipped then.
    """
    if len(source) > MAX_SOURCE_CHARS:
        return Maintainability(None, f"the file is over {MAX_SOURCE_CHARS:,} characters")
    if raw is None:
        return Maintainability(None, "radon cannot split this file into lines of code")
    if total_cyclomatic is None:
        return Maintainability(None, _TOO_DEEP)
    try:
        volume = halstead_volume(tree)
    except RecursionError:
        return Maintainability(None, _TOO_DEEP)
    comment_lines = raw.comments + raw.multi
    comment_percent = comment_lines / raw.sloc * 100 if raw.sloc else 0.0
    return Maintainability(
        maintainability_index(volume, total_cyclomatic, raw.lloc, comment_percent)
    )


_TOO_DEEP = (
    "an expression is nested too deeply for radon's recursive visitors "
    "(for example a chain of several hundred `+` terms)"
)
