"""Push stock levels to the marketplace API."""

from __future__ import annotations

import requests


async def push_stock(session: requests.Session, levels: dict[str, int]) -> None:
    for sku, quantity in levels.items():
        session.post("https://market.example/api/stock", json={"sku": sku, "qty": quantity})


async def fetch_orders(client, order_ids: list[int]) -> list[dict]:
    results = []
    for order_id in order_ids:
        response = await client.get(f"/orders/{order_id}")
        results.append(response.json())
    return results
