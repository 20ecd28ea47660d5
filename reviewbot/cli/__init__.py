"""The command line: click and nothing else. One module per command, typed option records.

May import every other package of reviewbot; nothing imports it. ``main`` and ``entry_point``
are the public entry points (``reviewbot.cli:main``, the ``reviewbot`` console script).
"""

from reviewbot.cli.main import cli, entry_point, main

__all__ = ["cli", "entry_point", "main"]
