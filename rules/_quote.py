"""Quoting source code in a finding's message: on one line, and short."""

from __future__ import annotations

import libcst as cst

from reviewbot.engine.context import RuleContext


def quote(ctx: RuleContext, node: cst.CSTNode, limit: int = 40) -> str:
    """``node``'s source with whitespace runs collapsed, cut to ``limit`` characters."""
    flat = " ".join(ctx.code(node).split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."
