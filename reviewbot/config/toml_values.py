"""Typed reads of TOML values that fail with a one-line ConfigError naming file and key."""

from __future__ import annotations

import datetime
import difflib
import json
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewbot.config.settings import Origin
from reviewbot.errors import ConfigError

_PERCENT = 100
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass(frozen=True)
class KeyPath:
    """A position in a config file: the file and the dotted key, e.g. ``overrides[0].paths``."""

    file: Path
    key: str = ""
    label: str = ""

    def child(self, name: str) -> KeyPath:
        """The key ``name`` inside this table."""
        part = name if _BARE_KEY.match(name) else json.dumps(name)
        return KeyPath(self.file, f"{self.key}.{part}" if self.key else part, self.label)

    def item(self, index: int) -> KeyPath:
        """The ``index``-th element of this array."""
        return KeyPath(self.file, f"{self.key}[{index}]", self.label)

    def origin(self) -> Origin:
        """This key as the origin of a value (the file is named by ``label`` or its name)."""
        return Origin(self.label or self.file.name, self.key)

    def error(self, problem: str, suggestion: str | None = None) -> ConfigError:
        """A ConfigError for this key: ``FILE: KEY: PROBLEM; did you mean 'X'?``."""
        where = f"{self.file}: {self.key}" if self.key else str(self.file)
        hint = f"; did you mean '{suggestion}'?" if suggestion else ""
        return ConfigError(f"{where}: {problem}{hint}")


def toml_type(value: object) -> str:
    """The TOML name of a parsed value's type, for "expected X, got Y" messages."""
    names: Sequence[tuple[type | tuple[type, ...], str]] = (
        (bool, "a boolean"),
        (int, "an integer"),
        (float, "a float"),
        (str, "a string"),
        (list, "an array"),
        (dict, "a table"),
        ((datetime.date, datetime.time), "a date/time"),
    )
    return next((name for kind, name in names if isinstance(value, kind)), type(value).__name__)


def closest(word: str, choices: Collection[str]) -> str | None:
    """The choice nearest to ``word`` by spelling, if any is near enough."""
    found = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def table(value: object, at: KeyPath) -> Mapping[str, Any]:
    """``value`` as a table."""
    if not isinstance(value, dict):
        raise at.error(f"expected a table, got {toml_type(value)}")
    return value


def check_keys(
    value: Mapping[str, Any], allowed: Collection[str], at: KeyPath, *, context: str = ""
) -> None:
    """Fail on the first key of ``value`` that is not in ``allowed``."""
    for key in value:
        if key not in allowed:
            where = f" in {context}" if context else ""
            suggestion = closest(key, allowed)
            listing = "" if suggestion else f" (expected one of: {', '.join(allowed)})"
            raise at.child(key).error(f"unknown key{where}{listing}", suggestion)


def string(value: object, at: KeyPath) -> str:
    """``value`` as a non-empty string."""
    if not isinstance(value, str):
        raise at.error(f"expected a string, got {toml_type(value)}")
    if not value:
        raise at.error("expected a non-empty string, got an empty string")
    return value


def string_array(value: object, at: KeyPath, *, non_empty: bool = False) -> tuple[str, ...]:
    """``value`` as an array of non-empty strings."""
    if not isinstance(value, list):
        raise at.error(f"expected an array of strings, got {toml_type(value)}")
    if non_empty and not value:
        raise at.error("expected a non-empty array of strings, got an empty array")
    return tuple(string(item, at.item(index)) for index, item in enumerate(value))


def choice(value: object, choices: Sequence[str], at: KeyPath, *, what: str = "value") -> str:
    """``value`` as one of ``choices``."""
    text = string(value, at)
    if text not in choices:
        expected = ", ".join(f"'{c}'" for c in choices)
        problem = f"unknown {what} '{text}' (expected one of {expected})"
        raise at.error(problem, closest(text.lower(), choices))
    return text


def positive_int(value: object, at: KeyPath) -> int:
    """``value`` as an integer of at least 1."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise at.error(f"expected a positive integer, got {toml_type(value)}")
    if value < 1:
        raise at.error(f"expected a positive integer, got {value}")
    return value


def percentage(value: object, at: KeyPath) -> float:
    """``value`` as a number from 0 to 100."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise at.error(f"expected a number from 0 to 100, got {toml_type(value)}")
    if not 0 <= value <= _PERCENT:
        raise at.error(f"expected a number from 0 to 100, got {value}")
    return float(value)
