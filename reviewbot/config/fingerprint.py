"""The data a policy's cache key is a hash of: every input that changes per-file findings.

Where a value came from, ``fail-on`` and ``exclude`` do not change a file's findings and are
left out, so moving a setting between files or failing on another severity keeps the cache.
"""

from __future__ import annotations

import hashlib

from reviewbot.config.catalog import RuleCatalog
from reviewbot.config.presets import Preset
from reviewbot.config.settings import ConfigDocument, Selector, SettingsLayer


def policy_fingerprint(
    preset: Preset, document: ConfigDocument | None, cli: SettingsLayer, catalog: RuleCatalog
) -> dict[str, object]:
    """A JSON-ready description of everything that decides each file's rules and limits."""
    base = (preset.base, *((document.base,) if document else ()), cli)
    overrides = (*preset.overrides, *(document.overrides if document else ()))
    return {
        "preset": preset.name,
        "categories": [[selector, category.value] for selector, category in preset.categories],
        "default-severity": {c.value: s.value for c, s in preset.default_severity.items()},
        "layers": [layer_fingerprint(layer) for layer in base],
        "overrides": [[list(o.paths), layer_fingerprint(o.layer)] for o in overrides],
        "rb-rules": sorted([code, c.value, s.value] for code, (c, s) in catalog.rb_rules.items()),
        "ruff-codes": hashlib.sha256(" ".join(sorted(catalog.ruff_codes)).encode()).hexdigest(),
    }


def layer_fingerprint(layer: SettingsLayer) -> dict[str, object]:
    """One layer's rule and threshold settings, without origins."""
    return {
        "select": None if layer.select is None else _texts(layer.select),
        "extend-select": _texts(layer.extend_select),
        "ignore": _texts(layer.ignore),
        "severity": [[entry.selector, entry.severity.value] for entry in layer.severity],
        "thresholds": [[entry.key, entry.value] for entry in layer.thresholds],
    }


def _texts(selectors: tuple[Selector, ...]) -> list[str]:
    return [selector.text for selector in selectors]
