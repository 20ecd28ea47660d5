"""Building blocks for GitHub-flavoured Markdown: code spans, table cells and tables."""

from __future__ import annotations

import re
from collections.abc import Sequence

_BACKTICK_RUN = re.compile(r"`+")


def code_span(text: str) -> str:
    """``text`` as inline code, fenced with more backticks than it contains."""
    longest = max((len(run) for run in _BACKTICK_RUN.findall(text)), default=0)
    fence = "`" * (longest + 1)
    # A space keeps a leading or trailing backtick from merging with the fence.
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def table_cell(text: str) -> str:
    r"""``text`` made safe inside a table cell: pipes escaped (also in code spans), one line."""
    return " ".join(text.split("\n")).replace("\r", "").replace("|", r"\|")


def table(header: Sequence[str], align: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GFM table; ``align`` holds ``---`` or ``---:`` per column; cells are used as given."""
    lines = [_row(header), _row(align), *(_row(row) for row in rows)]
    return "\n".join(lines) + "\n"


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"
