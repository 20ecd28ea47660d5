"""RB312 on async views: blocking calls that ruff's ASYNC rules miss, and nothing else."""

from __future__ import annotations

from reviewbot.pipeline.rule_examples import findings_for
from tests.rules.marked import REGISTRY, flagged_lines, marked_lines

ASYNC_VIEWS = """\
import asyncio
import shutil
import sqlite3
import time

import httpx
import requests
from asgiref.sync import sync_to_async
from sqlalchemy.orm import Session

from shop.models import Order

HTTP = requests.Session()


async def exchange_rates(currencies):
    return {c: HTTP.get(f"https://fx.example/{c}").json() for c in currencies}  # <- RB312


async def exchange_rates_threaded(currencies):
    replies = await asyncio.gather(*(asyncio.to_thread(HTTP.get, f"/fx/{c}") for c in currencies))
    return [r.json() for r in replies]


async def exchange_rates_async(currencies):
    async with httpx.AsyncClient() as client:
        return [await client.get(f"/fx/{c}") for c in currencies]


async def legacy_fetch(url):
    with requests.Session() as session:
        session.headers["User-Agent"] = "shop"
        return session.post(url, json={})  # <- RB312


async def order_detail(pk):
    order = Order.objects.get(pk=pk)  # <- RB312
    count = await Order.objects.filter(customer=order.customer_id).acount()
    recent = [o async for o in Order.objects.filter(customer=order.customer_id)[:5]]
    return order, count, recent


async def order_list():
    return [o.pk for o in Order.objects.filter(paid=True)]  # <- RB312


async def order_list_offloaded():
    return await sync_to_async(list)(Order.objects.filter(paid=True))


async def backup(path, target):
    await asyncio.to_thread(shutil.copyfile, path, target)
    shutil.rmtree(path)  # <- RB312


async def log_event(path, event):
    with sqlite3.connect(path) as conn:  # <- RB312
        conn.execute("INSERT INTO events VALUES (?)", (event,))  # <- RB312


async def pause():
    time.sleep(1)  # ruff's ASYNC251, not ours


async def endpoint(db: Session, user_id: int):
    return db.get(User, user_id)  # <- RB312


def sync_report():
    return HTTP.get("/report"), Order.objects.count()


async def schedule(loop, url):
    def fetch():
        return HTTP.get(url)

    return await loop.run_in_executor(None, fetch)


async def compute(values):
    return sorted(values)
"""


def test_flags_exactly_the_marked_lines() -> None:
    assert flagged_lines(ASYNC_VIEWS, "RB312") == marked_lines(ASYNC_VIEWS, "RB312")


def test_messages_name_the_call_the_function_and_the_async_alternative() -> None:
    messages = [f.message for f in findings_for("RB312", ASYNC_VIEWS, REGISTRY, {})]
    assert messages[0] == (
        '`HTTP.get(f"https://fx.example/{c}")` blocks the event loop in `async def '
        "exchange_rates`; `requests` is synchronous; use an async client (`httpx.AsyncClient`, "
        "`aiohttp`) or `await asyncio.to_thread(...)`"
    )
    assert "`aget()`" in messages[2] and "SynchronousOnlyOperation" in messages[2]
    assert messages[3].startswith("iterating `Order.objects.filter(paid=True)`")
