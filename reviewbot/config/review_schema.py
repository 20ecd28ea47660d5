"""Validation of the ``[review]`` and ``[policy]`` tables into their settings records.

Each key has one reader; every mistake is a one-line ConfigError naming the file and dotted
key, with the closest valid key for a misspelling.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from reviewbot.config import toml_values as tv
from reviewbot.config.review_settings import DEFAULT_LOCKFILES, PrPolicySettings, ReviewSettings
from reviewbot.config.toml_values import KeyPath

Reader = Callable[[object, KeyPath], Any]


def boolean(value: object, at: KeyPath) -> bool:
    """``value`` as ``true`` or ``false``."""
    if not isinstance(value, bool):
        raise at.error(f"expected true or false, got {tv.toml_type(value)}")
    return value


def count(value: object, at: KeyPath) -> int:
    """``value`` as an integer of at least 0."""
    return _integer(value, at, 0, "an integer of at least 0")


def limit_or_off(value: object, at: KeyPath) -> int | None:
    """A positive integer, or ``false`` (None: the check is off)."""
    return None if value is False else _integer(value, at, 1, "a positive integer or false")


def _integer(value: object, at: KeyPath, minimum: int, expected: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise at.error(f"expected {expected}, got {tv.toml_type(value)}")
    if value < minimum:
        raise at.error(f"expected {expected}, got {value}")
    return value


def length_or_off(value: object, at: KeyPath) -> int:
    """An integer of at least 0, or ``false`` (0: the check is off)."""
    return 0 if value is False else count(value, at)


def lockfiles(value: object, at: KeyPath) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``false``, or a table manifest -> lockfile(s) merged over the defaults; ``[]`` keeps the
    manifest with no lockfile, so nothing is asked of it (not even the ``.in`` -> ``.txt`` rule)."""
    if value is False:
        return ()
    merged = dict(DEFAULT_LOCKFILES)
    for manifest, locks in tv.table(value, at).items():
        where = at.child(manifest)
        single = isinstance(locks, str)
        merged[manifest] = (tv.string(locks, where),) if single else tv.string_array(locks, where)
    return tuple(merged.items())


REVIEW_READERS: Mapping[str, tuple[str, Reader]] = {
    "max-comments": ("max_comments", count),
    "request-changes": ("request_changes", boolean),
    "approve": ("approve", boolean),
    "complexity-increase": ("complexity_increase", count),
    "convention-threshold": ("convention_threshold", limit_or_off),
    "copied-block-lines": ("copied_block_lines", limit_or_off),
}
POLICY_READERS: Mapping[str, tuple[str, Reader]] = {
    "pr-size-lines": ("pr_size_lines", limit_or_off),
    "tests-required": ("tests_required", boolean),
    "source-patterns": ("source_patterns", tv.string_array),
    "test-patterns": ("test_patterns", tv.string_array),
    "description-min-length": ("description_min_length", length_or_off),
    "lockfiles": ("lockfiles", lockfiles),
    "migrations": ("migrations", boolean),
    "migration-patterns": ("migration_patterns", tv.string_array),
    "todos": ("todos", boolean),
}


def parse_review(value: object, at: KeyPath) -> ReviewSettings:
    """The ``[review]`` table."""
    return ReviewSettings(**_fields(value, at, REVIEW_READERS))


def parse_pr_policy(value: object, at: KeyPath) -> PrPolicySettings:
    """The ``[policy]`` table."""
    return PrPolicySettings(**_fields(value, at, POLICY_READERS))


def _fields(
    value: object, at: KeyPath, readers: Mapping[str, tuple[str, Reader]]
) -> dict[str, Any]:
    raw = tv.table(value, at)
    tv.check_keys(raw, tuple(readers), at)
    return {readers[key][0]: readers[key][1](item, at.child(key)) for key, item in raw.items()}
