"""Finding and reading config files: the nearest ``.reviewbot.toml`` or ``[tool.reviewbot]``.

As in ruff, the nearest config above the audited path applies. In each folder from the target
upwards, ``.reviewbot.toml`` wins over ``pyproject.toml``; a ``pyproject.toml`` without a
``[tool.reviewbot]`` table is skipped. The search stops at the filesystem root.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewbot import toml as tomllib
from reviewbot.config.toml_values import KeyPath
from reviewbot.errors import ConfigError, UsageError

REVIEWBOT_TOML = ".reviewbot.toml"
PYPROJECT_TOML = "pyproject.toml"
PYPROJECT_TABLE = "tool.reviewbot"


@dataclass(frozen=True)
class ConfigFile:
    """A config file's reviewbot table as parsed, before validation."""

    path: Path
    table_key: str
    raw: object

    @property
    def keypath(self) -> KeyPath:
        """Where the reviewbot table sits, for error messages and provenance."""
        return KeyPath(self.path, self.table_key)


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file; unreadable files and syntax errors become one-line ConfigErrors."""
    _refuse_special(path)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ConfigError(f"{path}: no such config file") from error
    except IsADirectoryError as error:
        raise ConfigError(f"{path}: is a directory, not a config file") from error
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror}") from error
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: not UTF-8 text ({error.reason})") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}{_key_named(path, error)}") from error


def _refuse_special(path: Path) -> None:
    """A FIFO or a device is no config file: reading it would wait for a writer, or never end."""
    if path.exists() and not path.is_file() and not path.is_dir():
        raise ConfigError(f"{path}: is not a regular file (a FIFO or a device?)")


_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def _key_named(path: Path, error: Exception) -> str:
    """For "Cannot overwrite a value" and the like: the key or table the error is about."""
    message = str(error)
    at = _AT_LINE.search(message)
    if at is None or not message.startswith(("Cannot overwrite", "Cannot declare")):
        return ""
    try:
        line = path.read_text(encoding="utf-8").splitlines()[int(at.group(1)) - 1]
    except (OSError, UnicodeDecodeError, IndexError):
        return ""
    text = line.strip()
    if text.startswith("["):
        name = text.strip("[]").strip()
        return f": table [{name}] is defined twice" if name else ""
    name = text.partition("=")[0].strip()
    return f": key '{name}' is defined twice" if name and "=" in text else ""


def resolved(path: Path) -> Path:
    """``path`` made absolute with symlinks resolved; a symlink loop is a usage error."""
    try:
        return path.resolve()
    except RuntimeError as error:  # Python < 3.13: "Symlink loop from ..."
        raise UsageError(f"{path}: symlink loop") from error
    except OSError as error:  # Python >= 3.13 raises ELOOP as an OSError
        raise UsageError(f"{path}: cannot resolve: {error.strerror or error}") from error


def find_config(target: Path) -> ConfigFile | None:
    """The nearest config at or above ``target`` (a file or folder), or None."""
    start = resolved(target)
    if not start.is_dir():
        start = start.parent
    for folder in (start, *start.parents):
        found = config_in(folder)
        if found is not None:
            return found
    return None


def config_in(folder: Path) -> ConfigFile | None:
    """The config in ``folder`` itself: ``.reviewbot.toml``, else a reviewbot pyproject.toml."""
    dotfile = folder / REVIEWBOT_TOML
    if dotfile.is_file():
        return ConfigFile(dotfile, "", read_toml(dotfile))
    if dotfile.is_dir():
        raise ConfigError(f"{dotfile}: is a directory, not a config file")
    pyproject = folder / PYPROJECT_TOML
    if pyproject.is_file():
        table = _tool_reviewbot(read_toml(pyproject))
        if table is not None:
            return ConfigFile(pyproject, PYPROJECT_TABLE, table)
    return None


def load_config_file(path: Path) -> ConfigFile:
    """The config in a file named by ``--config``: a pyproject.toml or a reviewbot TOML file.

    A file named ``pyproject.toml``, or any other file with a ``[tool.reviewbot]`` table, is read
    as a pyproject; anything else holds reviewbot's keys at the top level.
    """
    path = resolved(path)
    document = read_toml(path)
    table = _tool_reviewbot(document)
    if path.name == PYPROJECT_TOML and table is None:
        raise ConfigError(f"{path}: no [{PYPROJECT_TABLE}] table")
    if table is not None and path.name != REVIEWBOT_TOML:
        return ConfigFile(path, PYPROJECT_TABLE, table)
    return ConfigFile(path, "", document)


def _tool_reviewbot(document: Mapping[str, Any]) -> object | None:
    tool = document.get("tool")
    return tool.get("reviewbot") if isinstance(tool, dict) else None
