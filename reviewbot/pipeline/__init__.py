"""Analyzers: the per-file pipeline (libcst rules and metrics) and the per-run ruff pass."""
