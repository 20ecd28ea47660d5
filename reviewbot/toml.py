"""The TOML parser of this Python: the standard library's ``tomllib`` from 3.11, ``tomli`` (the
same code, published apart) on 3.10. One place makes the choice for every reader of TOML."""

from __future__ import annotations

import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

TOMLDecodeError = tomllib.TOMLDecodeError
loads = tomllib.loads

__all__ = ["TOMLDecodeError", "loads"]
