"""Parsing helpers shared by the metrics tests."""

from __future__ import annotations

import ast
import textwrap

from reviewbot.metrics.syntax import FunctionNode


def parse_function(source: str) -> FunctionNode:
    """The first function defined in ``source`` (dedented)."""
    tree = ast.parse(textwrap.dedent(source))
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return node
    raise AssertionError("no function in source")
