"""Async client of the warehouse inventory API (httpx / aiohttp)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Sequence

import aiohttp
import httpx
import requests

API = "https://inventory.internal/api/v2"
REGIONS = ("eu", "us", "ap")


async def stock_levels(client: httpx.AsyncClient, skus: Sequence[str]) -> dict[str, int]:
    """The stock of every SKU, one request each."""
    levels = {}
    for sku in skus:
        response = await client.get(f"{API}/stock/{sku}")  # seeded: await-in-loop
        levels[sku] = response.json()["quantity"]
    return levels


async def stock_levels_fast(client: httpx.AsyncClient, skus: Sequence[str]) -> dict[str, int]:
    """The same with the requests in flight together."""
    responses = await asyncio.gather(*(client.get(f"{API}/stock/{sku}") for sku in skus))  # near-miss: gather
    return {sku: r.json()["quantity"] for sku, r in zip(skus, responses)}


async def all_movements(client: httpx.AsyncClient, warehouse: str) -> list[dict[str, object]]:
    """Every stock movement of a warehouse; each page names the next, so pages come in order."""
    movements: list[dict[str, object]] = []
    url: str | None = f"{API}/warehouses/{warehouse}/movements"
    while url:
        page = (await client.get(url)).json()  # near-miss: await-dependent-pagination
        movements.extend(page["items"])
        url = page.get("next")
    return movements


async def push_reservations(session: aiohttp.ClientSession, reservations: list[dict[str, object]]) -> None:
    """Send each reservation to the warehouse, pausing between calls to respect the rate limit."""
    for reservation in reservations:
        async with session.post(f"{API}/reservations", json=reservation) as response:  # seeded: await-in-loop
            response.raise_for_status()
        time.sleep(0.2)  # seeded: blocking-sleep-in-async


async def push_reservations_politely(session: aiohttp.ClientSession, reservations: list[dict[str, object]]) -> None:
    """The same without blocking the event loop while it waits."""
    semaphore = asyncio.Semaphore(4)

    async def push(reservation: dict[str, object]) -> None:
        async with semaphore, session.post(f"{API}/reservations", json=reservation) as response:
            response.raise_for_status()
        await asyncio.sleep(0.2)  # near-miss: asyncio-sleep

    await asyncio.gather(*(push(r) for r in reservations))


async def warehouse_names(token: str) -> list[str]:
    """The warehouse names, for the admin's dropdown."""
    response = requests.get(f"{API}/warehouses", headers={"Authorization": token}, timeout=5)  # seeded: blocking-http-in-async
    return [w["name"] for w in response.json()]


def warehouse_names_sync(token: str) -> list[str]:
    """The same for the nightly sync script, which has no event loop."""
    response = requests.get(f"{API}/warehouses", headers={"Authorization": token}, timeout=5)  # near-miss: blocking-in-sync-def
    return [w["name"] for w in response.json()]


async def load_mapping(path: str) -> dict[str, str]:
    """The SKU mapping file the sync reads on every request."""
    data = open(path).read()  # seeded: blocking-file-read-in-async
    return json.loads(data)


async def load_mapping_offloaded(path: str) -> dict[str, str]:
    """The same read in a worker thread."""

    def read() -> str:
        with open(path) as handle:  # near-miss: blocking-in-nested-sync-def
            return handle.read()

    return json.loads(await asyncio.to_thread(read))


async def regional_totals(client: httpx.AsyncClient) -> dict[str, int]:
    """The stock total of each of the three regions."""
    totals = {}
    for region in REGIONS:
        totals[region] = (await client.get(f"{API}/regions/{region}/total")).json()["total"]  # near-miss: await-over-constant
    return totals


async def wait_until_ready(client: httpx.AsyncClient, job_id: str) -> None:
    """Poll an export job until it has finished."""
    for _attempt in range(30):
        status = (await client.get(f"{API}/exports/{job_id}")).json()["status"]  # near-miss: await-polling
        if status == "done":
            return
        await asyncio.sleep(1)
    raise TimeoutError(job_id)
