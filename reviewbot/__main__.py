"""Run reviewbot as ``python -m reviewbot``."""

from reviewbot.cli import entry_point

entry_point()
