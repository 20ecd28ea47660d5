"""The commented config ``reviewbot init`` writes, and splicing it into a pyproject.toml.

The pyproject is edited as text, never re-serialised: everything outside reviewbot's own tables
keeps its bytes (comments, ordering, quoting and line endings).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reviewbot.init.django_models import ModelGuess

_HEADER = re.compile(r"^\s*\[")
_REVIEWBOT_HEADER = re.compile(r"^\s*\[\[?\s*tool\s*\.\s*reviewbot\s*(?:\]|\.)")


@dataclass(frozen=True)
class ConfigChoices:
    """The settings ``init`` decided on, with the comments that explain them."""

    preset: str
    fail_on: str
    exclude: Mapping[str, str]  # glob -> why
    extend_select: Mapping[str, str]  # selector -> why
    test_override_paths: tuple[str, ...]
    test_override_ignore: tuple[str, ...]
    thresholds: Mapping[str, int | float]  # the preset's, written commented out
    ruff_selected: tuple[str, ...]
    models: tuple[ModelGuess, ...] = ()  # written commented out into [loops] large / small


def render_config(choices: ConfigChoices, table: str) -> str:
    """The config text; ``table`` is ``tool.reviewbot`` (pyproject) or ``""`` (.reviewbot.toml)."""
    prefix = f"{table}." if table else ""
    # In a pyproject the header comes first, so that --force replaces the comments as well.
    lines = [f"[{table}]"] if table else []
    lines += [
        "# reviewbot: the code review policy of this repository, written by `reviewbot init`.",
        "# Every key and its default is documented in reviewbot's README; `reviewbot config`",
        "# prints the effective policy and where each value comes from.",
        *_base_keys(choices),
    ]
    lines += ["", *_thresholds(choices.thresholds, prefix)]
    lines += _loops(choices.models, prefix)
    lines += _test_override(choices, prefix)
    return "\n".join(lines) + "\n"


def _base_keys(choices: ConfigChoices) -> list[str]:
    lines = [
        '# Starting policy: "recommended" (quiet: bugs and clear performance smells) or "strict".',
        f"preset = {_string(choices.preset)}",
        "# Lowest severity that fails `reviewbot check` and the pull-request check.",
        f"fail-on = {_string(choices.fail_on)}",
    ]
    lines += _commented_array(
        "exclude", choices.exclude, "Paths reviewbot skips (gitignore-style globs)."
    )
    lines += _commented_array(
        "extend-select", choices.extend_select, "Rules added to the preset's selection."
    )
    if choices.ruff_selected:
        lines += [
            f"# Your ruff config selects {', '.join(choices.ruff_selected)}.",
            "# reviewbot chooses ruff's rules itself: add those you want enforced in review to",
            "# extend-select.",
        ]
    lines += [
        "# Codes to switch off everywhere (add `[[overrides]]` for some paths only).",
        "# ignore = []",
        "# Team rules: folders or .py files of rule modules, relative to this file.",
        '# plugins = ["tools/review_rules"]',
    ]
    return lines


def _commented_array(key: str, items: Mapping[str, str], comment: str) -> list[str]:
    if not items:
        return [f"# {comment}", f"# {key} = []"]
    entries = [f"    {_string(item)},  # {why}" for item, why in items.items()]
    return [f"# {comment}", f"{key} = [", *entries, "]"]


def _thresholds(thresholds: Mapping[str, int | float], prefix: str) -> list[str]:
    width = max((len(key) for key in thresholds), default=0)
    return [
        "# Complexity limits: the preset's values. To adopt gradually, uncomment and raise them,",
        "# then lower them as the code improves.",
        f"# [{prefix}thresholds]",
        *(f"# {key:<{width}} = {value}" for key, value in thresholds.items()),
    ]


def _loops(models: Sequence[ModelGuess], prefix: str) -> list[str]:
    """The models ``init`` found, commented out under the size it guesses, each with why."""
    if not models:
        return []
    lines = [
        "",
        "# Collections whose size you know. A loop over a `large` one walks data: its",
        "# per-iteration findings are reported. A loop over a `small` one walks a handful of",
        "# items: they are dropped. An entry is a model (Order), a relation (Order.lines) or an",
        "# attribute path (self.queue). Below are guesses from your models, each with its",
        "# reason; nothing is declared until you uncomment a line.",
        f"[{prefix}loops]",
    ]
    for size in ("large", "small"):
        lines += [f"{size} = [", *_guesses(models, size, "    # "), "]"]
    unguessed = _guesses(models, "", "#   ")
    if unguessed:
        lines += ["# No guess (declare them if you know):", *unguessed]
    return lines


def _guesses(models: Sequence[ModelGuess], size: str, lead: str) -> list[str]:
    """One commented entry per model guessed ``size``, with where it is defined and why."""
    return [f"{lead}{_string(m.name)},  # {m.path}: {m.why}" for m in models if m.size == size]


def _test_override(choices: ConfigChoices, prefix: str) -> list[str]:
    if not choices.test_override_paths:
        return []
    return [
        "",
        "# Django-style test modules: the same relaxations the preset gives tests/.",
        f"[[{prefix}overrides]]",
        f"paths = {_array(choices.test_override_paths)}",
        f"ignore = {_array(choices.test_override_ignore)}",
    ]


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _array(items: Sequence[str]) -> str:
    return "[" + ", ".join(_string(item) for item in items) + "]"


def has_reviewbot_table(text: str) -> bool:
    """Whether ``text`` (a pyproject) has a ``[tool.reviewbot...]`` table header."""
    return any(_REVIEWBOT_HEADER.match(line) for line in text.splitlines())


def splice_pyproject(original: str, section: str) -> str:
    """``original`` with its reviewbot tables replaced by ``section`` (or ``section`` appended).

    The section takes the place of the first reviewbot table; the file's line endings are used.
    """
    newline = "\r\n" if "\r\n" in original else "\n"
    block = section.replace("\n", newline)
    lines = original.splitlines(keepends=True)
    kept, position = _without_reviewbot_tables(lines)
    if position is not None:
        return "".join([*kept[:position], block, *_separated(kept[position:], newline)])
    text = "".join(kept)
    if text and not text.endswith(("\n", "\r")):
        text += newline
    return f"{text}{newline}{block}" if text.strip() else block


def _without_reviewbot_tables(lines: list[str]) -> tuple[list[str], int | None]:
    """The lines outside reviewbot's tables, and where the first one started (None: none)."""
    kept: list[str] = []
    position = None
    blocks = _tables(lines)
    for index, (ours, block) in enumerate(blocks):
        if not ours:
            kept += block
            continue
        if position is None:
            position = len(kept)
        kept += _introduction(block, blocks[index + 1 :])
    return kept, position


def _tables(lines: list[str]) -> list[tuple[bool, list[str]]]:
    """The lines before the first table, then each table (header first); True for reviewbot's."""
    tables: list[tuple[bool, list[str]]] = [(False, [])]
    for line in lines:
        if _HEADER.match(line):
            tables.append((bool(_REVIEWBOT_HEADER.match(line)), []))
        tables[-1][1].append(line)
    return tables


def _introduction(table: list[str], following: list[tuple[bool, list[str]]]) -> list[str]:
    """The comments ending a reviewbot table: they introduce the table after it, so they stay."""
    end = len(table)
    while end > 1 and (not table[end - 1].strip() or table[end - 1].lstrip().startswith("#")):
        end -= 1
    tail = table[end:]
    if not following:
        return [line for line in tail if line.strip()]
    return [] if following[0][0] else tail


def _separated(rest: list[str], newline: str) -> list[str]:
    """A blank line between the new section and a table that follows it."""
    return [newline, *rest] if rest and rest[0].strip() else rest
