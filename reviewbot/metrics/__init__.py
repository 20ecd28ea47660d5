"""Metrics of functions and modules: radon's cyclomatic complexity and maintainability index,
cognitive complexity, nesting and length, as immutable records the complexity rules read.

May import config and the core records only.
"""
