"""Shared pytest setup.

Because ``tests`` is a package, pytest imports this file as ``tests.conftest`` and puts the
repository root on ``sys.path`` first, so every test folder can ``import tests.snapshot``.
"""
