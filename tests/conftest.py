"""Shared pytest setup.

Because ``tests`` is a package, pytest imports this file as ``tests.conftest`` and puts the
repository root on ``sys.path`` first, so every test folder can ``import tests.snapshot``.
"""

# The seeded-smells benchmark's modules (one of them named like a test module) are input to
# tests/benchmarks/seeded_recall.py, not tests: they import Django, pandas and the like.
collect_ignore = ["benchmarks/seeded"]
