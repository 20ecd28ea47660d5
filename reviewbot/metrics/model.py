"""Immutable metric records handed to the complexity rules."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Branch:
    """A block inside a function that adds to its cognitive complexity (a split candidate)."""

    line: int
    end_line: int
    kind: str  # "if", "for", "while", "try", "with", "match", ...; "elif branch", "case branch", ... in a focus
    cognitive: int  # what this block and everything inside it adds


@dataclass(frozen=True)
class FunctionMetrics:
    """Metrics of one function or method.

    ``qualname`` is dotted through classes and enclosing functions (``Cart.total``,
    ``build.inner``); ``line``/``column`` point at the ``def`` keyword (1-based), not at a
    decorator; ``length`` is the number of logical lines (statements) in the body;
    ``nesting_line`` is the line of the innermost block that reaches ``nesting`` (0 if none);
    ``focus`` is empty, or the block holding nearly all of ``cognitive`` followed by the heaviest
    blocks inside it (:mod:`reviewbot.metrics.split_focus`).
    """

    qualname: str
    name: str
    line: int
    column: int
    end_line: int
    cyclomatic: int
    cognitive: int
    nesting: int
    length: int
    branches: tuple[Branch, ...] = ()
    nesting_line: int = 0
    focus: tuple[Branch, ...] = ()


@dataclass(frozen=True)
class ModuleMetrics:
    """Metrics of one module. ``maintainability`` is None when it was not computed (see reason)."""

    lines: int
    sloc: int
    lloc: int
    comments: int
    multi: int
    blank: int
    maintainability: float | None
    maintainability_skipped: str = ""
    functions: tuple[FunctionMetrics, ...] = ()
