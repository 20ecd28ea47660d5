"""Which built-in presets enable each rule, read from the presets themselves.

``reviewbot rules`` shows it; it is each preset's own selection (its base ``select`` and
``ignore``, as :func:`reviewbot.config.selection.apply_layer` resolves them), before any config.
A preset's per-path ``[[overrides]]`` only narrow it for some files, so they are left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from reviewbot.config.catalog import RuleCatalog
from reviewbot.config.presets import load_preset, preset_names
from reviewbot.config.selection import apply_layer


def presets_enabling(
    catalog: RuleCatalog, directory: Path | None = None
) -> Mapping[str, tuple[str, ...]]:
    """For each code some preset enables, the names of those presets, in name order.

    ``directory`` replaces the built-in presets (tests).
    """
    found: dict[str, list[str]] = {}
    for name in preset_names(directory):
        preset = load_preset(name, catalog, directory)
        for code in apply_layer({}, preset.base, catalog):
            found.setdefault(code, []).append(name)
    return {code: tuple(names) for code, names in found.items()}
