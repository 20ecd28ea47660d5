"""RB311 on a module of async jobs: the independent fan-out loops, not the sequential ones."""

from __future__ import annotations

from reviewbot.pipeline.rule_examples import findings_for
from tests.rules.marked import REGISTRY, flagged_lines, marked_lines

ASYNC_JOBS = """\
import asyncio
import logging

log = logging.getLogger(__name__)


async def fetch_profiles(client, user_ids):
    profiles = []
    for user_id in user_ids:
        profiles.append(await client.get(f"/users/{user_id}"))  # <- RB311
    return profiles


async def fetch_profiles_concurrently(client, user_ids):
    return await asyncio.gather(*(client.get(f"/users/{u}") for u in user_ids))


async def crawl(client, url):
    pages = []
    cursor = None
    for _ in range(20):
        page = await client.get(url, params={"cursor": cursor})
        cursor = page.next_cursor
        pages.append(page)
    return pages


async def notify(users, mailer):
    for user in users:
        await mailer.send_welcome(user.email)  # <- RB311
        await mailer.send_sms(user.phone)


async def notify_rate_limited(users, limiter, mailer):
    for user in users:
        async with limiter:
            await mailer.send_welcome(user.email)


async def consume(queue):
    async for message in queue:
        await handle(message)


async def drain(queue, items):
    for item in items:
        await queue.put(item)


async def retry(client, url):
    for attempt in range(3):
        reply = await client.get(url)
        if reply.ok:
            return reply
        await asyncio.sleep(2**attempt)
    return None


async def run_pipeline(steps, event):
    for step in steps:
        await step(event)


async def process_batches(batches):
    for batch in batches:
        await store(batch)


async def thumbnails(images):
    return [await render(image, size=128) for image in images]  # <- RB311


async def watch(client):
    while True:
        await client.ping()
        await asyncio.sleep(5)


async def shutdown(extensions):
    for name in tuple(extensions):
        await unload(name)


async def report(ctx, warnings):
    for warning in warnings:
        await ctx.warning(warning)


def sync_loop(items):
    for item in items:
        print(item)


async def nested(groups):
    for group in groups:
        async def one(member):
            return await lookup(member)

        print(one)
"""


def test_flags_exactly_the_marked_lines() -> None:
    assert flagged_lines(ASYNC_JOBS, "RB311") == marked_lines(ASYNC_JOBS, "RB311")


def test_message_names_the_call_the_loop_and_the_concurrent_form() -> None:
    first = findings_for("RB311", ASYNC_JOBS, REGISTRY, {})[0]
    assert first.message == (
        '`await client.get(f"/users/{user_id}")` inside `for user_id in user_ids:` waits for '
        "each call before starting the next; if the iterations are independent, run them "
        "concurrently with `asyncio.gather(...)` or an `asyncio.TaskGroup` (the loop walks "
        "`user_ids`, ids the caller passes in)"
    )
    assert first.severity.value == "info"
