"""Stock synchronisation with the warehouse feed."""

from __future__ import annotations

import copy
import re


def parse_feed(lines: list[str]) -> dict[str, int]:
    stock = {}
    for line in lines:
        match = re.match(r"^(?P<sku>[A-Z0-9-]+);(?P<qty>\d+)$", line.strip())
        if match:
            stock[match["sku"]] = int(match["qty"])
    return stock


def snapshots(state: dict[str, int], events: list[tuple[str, int]]) -> list[dict[str, int]]:
    history = []
    for sku, delta in events:
        state[sku] = state.get(sku, 0) + delta
        history.append(copy.deepcopy(state))
    return history


def drain(queue: list[str]) -> list[str]:
    handled = []
    while queue:
        handled.append(queue.pop(0))
    return handled
