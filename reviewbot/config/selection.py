"""Which rules are on: ruff's select / extend-select / ignore semantics, layer by layer.

Within one layer, every code takes the decision of the most specific selector that names it
(the longest; ``ALL`` is the least specific); on a tie between selecting and ignoring, ignoring
wins. A layer with ``select`` starts the selection afresh; one without it adds its
``extend-select`` codes to, and removes its ``ignore`` codes from, the selection so far.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from reviewbot.config.catalog import ALL, RuleCatalog
from reviewbot.config.settings import Origin, Selector, SettingsLayer


@dataclass(frozen=True)
class Enabled:
    """Why a rule is on: the selector that enabled it, as written, and where."""

    selector: str
    origin: Origin

    def __str__(self) -> str:
        return f"'{self.selector}' ({self.origin})"


Selection = Mapping[str, Enabled]


def specificity(selector: str) -> int:
    """How specific a selector is: its length, with ``ALL`` the least specific of all."""
    return 0 if selector == ALL else len(selector)


def apply_layer(current: Selection, layer: SettingsLayer, catalog: RuleCatalog) -> Selection:
    """The selection after ``layer`` is applied on top of ``current``."""
    selection = {} if layer.select is not None else dict(current)
    for code, (enable, selector) in _decisions(layer, catalog).items():
        if enable:
            selection[code] = Enabled(selector.text, selector.origin)
        else:
            selection.pop(code, None)
    return selection


def _decisions(layer: SettingsLayer, catalog: RuleCatalog) -> dict[str, tuple[bool, Selector]]:
    """For each code a layer names: whether it is enabled, and by which selector."""
    entries = [(True, s) for s in (*(layer.select or ()), *layer.extend_select)]
    entries += [(False, s) for s in layer.ignore]
    ranked: dict[str, tuple[tuple[int, bool], bool, Selector]] = {}
    for enable, selector in entries:
        rank = (specificity(selector.text), not enable)
        for code in catalog.expand(selector.text):
            if code not in ranked or rank >= ranked[code][0]:
                ranked[code] = (rank, enable, selector)
    return {code: (enable, selector) for code, (_, enable, selector) in ranked.items()}


_Entry = TypeVar("_Entry")


def most_specific(
    entries: Iterable[tuple[str, _Entry]], code: str, catalog: RuleCatalog
) -> _Entry | None:
    """The entry whose selector matches ``code`` most specifically (the last one on a tie)."""
    best: tuple[int, _Entry] | None = None
    for selector, entry in entries:
        if catalog.matches(selector, code):
            rank = specificity(selector)
            if best is None or rank >= best[0]:
                best = (rank, entry)
    return None if best is None else best[1]
