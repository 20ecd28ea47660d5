"""RB311: awaiting independent calls one at a time in a ``for`` loop."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from reviewbot.engine.children import iter_children
from reviewbot.engine.context import RuleContext
from reviewbot.engine.loops import exits_early, loop_region
from reviewbot.engine.names import dotted_name, method_chain
from reviewbot.engine.scopes import Loop
from reviewbot.findings import Category, Severity
from reviewbot.rules._db_calls import DJANGO_ASYNC_QUERY_METHODS, sa_query
from reviewbot.rules._loop_facts import (
    iterates_literal,
    loop_varying_names,
    names_read,
)
from reviewbot.rules._quote import quote
from reviewbot.ruleset.api import Invalid, NodeRule, RuleDoc, Valid

# Awaited methods that are sequential by nature: pacing, locks, queues, streams, connections.
_SEQUENTIAL_METHODS = frozenset(
    {
        "sleep", "acquire", "wait", "put", "join", "drain", "send", "sendall", "send_json",
        "send_text", "send_bytes", "recv", "receive", "receive_json", "receive_text",
        "receive_bytes", "read", "readline", "readexactly", "readuntil", "write", "flush",
        "commit", "rollback", "refresh", "execute", "executemany", "fetch", "fetchrow",
        "fetchval", "fetchone", "fetchall", "fetchmany", "fetch_all", "fetch_one", "fetch_val",
        "scalar", "scalars", "close", "aclose", "connect", "start", "stop", "shutdown",
        "debug", "info", "warning", "warn", "error", "critical", "exception", "log",
    }
)
# Walking a snapshot (`tuple(x)`, `list(x)`, `x.copy()`) says the loop changes the collection.
_SNAPSHOTS = frozenset({"tuple", "list"})
# Django's async ORM, model and cache methods run on one shared thread
# (`sync_to_async(thread_sensitive=True)`): gathering them gains nothing.
_DJANGO_SERIALISED = DJANGO_ASYNC_QUERY_METHODS | {
    "asave", "adelete", "arefresh_from_db", "aset", "aget_many", "aset_many", "adelete_many",
    "aget_or_set", "aadd", "aincr", "adecr", "atouch", "ahas_key", "aclear",
}
_NOT_CONCURRENT = _SEQUENTIAL_METHODS | _DJANGO_SERIALISED
# Names that hold one database session, connection or cursor: SQLAlchemy's AsyncSession and
# asyncpg's or aiosqlite's connections refuse a second operation while one runs, so calls that
# share one cannot be gathered. (`session` alone is left out: an aiohttp or httpx session allows
# concurrent requests.)
_DB_HANDLES = frozenset(
    {"db", "db_session", "dbsession", "conn", "connection", "cursor", "tx", "transaction"}
)
# Concurrency libraries: their awaitables (gather, wait, sleep, ...) already are the plan.
_CONCURRENCY_MODULES = ("asyncio.", "anyio.", "trio.")
# Words in a loop variable or iterable that say the order is the point.
_ORDERED_WORDS = (
    "batch", "chunk", "page", "step", "stage", "phase", "migration", "attempt", "retr", "tries",
)
_SCOPES = (cst.FunctionDef, cst.Lambda, cst.ClassDef)
_LOOPS = (cst.For, cst.While, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)


class AwaitInLoop(NodeRule):
    """Flags a loop that awaits independent calls one after another."""

    code = "RB311"
    per_iteration = True
    name = "await-in-loop"
    category = Category.PERFORMANCE
    severity = Severity.INFO
    doc = RuleDoc(
        what=(
            "Checks for `await f(item)` in the body of a plain `for` loop (or a list, set or "
            "dict comprehension) in an `async def`, where the awaited call takes the loop "
            "variable as an argument and nothing else the loop computes: the shape of "
            "independent work done one item at a time. Reported once per loop, at the first "
            "such `await`.\n\n"
            "Not reported, because the order or the pacing is usually the point: `async for` "
            "and `while` loops; loops over a literal list or tuple; loops that `break` or "
            "`return`; awaits inside an `async with` in the loop (a lock, a semaphore, a "
            "response); calls whose arguments use a value computed earlier in the same loop "
            "(`cursor = await next_page(cursor)`); calling the loop variable or a method of it "
            "(`await handler(event)`, `await step.run()`); `asyncio`/`anyio`/`trio` functions; "
            "methods that are sequential by nature (`sleep`, `acquire`, `wait`, `put`, `send`, "
            "`recv`, `read`, `write`, `drain`, `execute`, `fetch*`, `commit`, ...) and logging "
            "methods (`info`, `warning`, ...), whose output has an order; database queries "
            "(RB304 reports those, with the batch API to use) and Django's async ORM, model and "
            "cache methods (`aget`, `asave`, `aset`, ...), which Django runs one at a time on a "
            "single thread anyway; calls handed one database session, connection or cursor from "
            "outside the loop (`await revoke(grant_id, db=db)`, `await save(conn, row)`), which "
            "refuses a second operation while one runs; loops over a snapshot "
            "(`tuple(x)`, `list(x)`, `x.copy()`), the idiom for a loop that changes the "
            "collection it walks; and loops whose variable or iterable is named like a batch, "
            "chunk, page, step, stage, phase, migration or retry attempt."
        ),
        why=(
            "`await` suspends the coroutine until that one call completes, so a loop over n "
            "network calls takes the sum of their latencies. When the calls do not depend on "
            "each other, starting them together takes roughly the longest single latency: "
            "fifty 100 ms requests drop from 5 s to about 0.1 s. This is advisory: sometimes "
            "sequential calls are deliberate (rate limits, ordering, a resource that allows one "
            "operation at a time), which the code does not always show."
        ),
        example=(
            "async def profiles(client, user_ids):\n"
            "    found = []\n"
            "    for user_id in user_ids:\n"
            "        found.append(await client.get(f'/users/{user_id}'))\n"
            "    return found\n"
        ),
        use_instead=(
            "import asyncio\n"
            "\n"
            "async def profiles(client, user_ids):\n"
            "    return await asyncio.gather(*(client.get(f'/users/{u}') for u in user_ids))\n"
            "\n"
            "# To cap concurrency, guard the call with an asyncio.Semaphore, or use a TaskGroup.\n"
        ),
        fix_safety=(
            "No automatic fix: running the calls concurrently changes the order of side "
            "effects and error handling (the first exception cancels or outlives the others), "
            "and may need a concurrency limit."
        ),
    )
    valid = (
        Valid(
            "async def drain(queue, handlers):\n    async for message in queue:\n        await handle(message)\n",
            "`async for` consumes a stream in order",
        ),
        Valid(
            "async def crawl(client, url):\n    pages = []\n    for _ in range(10):\n        page = await client.get(url)\n        url = page.next_url\n        pages.append(page)\n    return pages\n",
            "each call depends on the previous iteration's result",
        ),
        Valid(
            "import asyncio\n\n\nasync def poll(jobs):\n    for job in jobs:\n        await asyncio.sleep(job.delay)\n",
            "pacing with `asyncio.sleep` is the point",
        ),
        Valid(
            "async def first_ok(client, mirrors):\n    for mirror in mirrors:\n        reply = await client.get(mirror)\n        if reply.ok:\n            return reply\n",
            "a search that stops at the first success",
        ),
        Valid(
            "async def notify(users, limiter):\n    for user in users:\n        async with limiter:\n            await send_email(user)\n",
            "rate limited on purpose",
        ),
        Valid(
            "async def run(pipeline, event):\n    for step in pipeline:\n        await step(event)\n",
            "calling the loop variable: an ordered pipeline of handlers",
        ),
        Valid(
            "async def revoke(grant_ids, db):\n    for grant_id in grant_ids:\n        await delete_grant(grant_id, db=db)\n",
            "every call uses one database session, which runs one operation at a time",
        ),
        Valid(
            "import asyncio\n\n\nasync def profiles(client, ids):\n    return await asyncio.gather(*(client.get(f'/u/{i}') for i in ids))\n",
            "already concurrent",
        ),
    )
    invalid = (
        Invalid(
            "async def profiles(client, user_ids):\n    found = []\n    for user_id in user_ids:\n        found.append(await client.get(f'/users/{user_id}'))\n    return found\n",
            lines=(4,),
        ),
        Invalid(
            "async def notify(users):\n    for user in users:\n        await send_email(user.email, subject='Hi')\n        await send_sms(user.phone)\n",
            lines=(3,),
        ),
        Invalid(
            "async def sizes(session, urls):\n    return {url: len(await download(session, url)) for url in urls}\n",
            lines=(2,),
        ),
    )

    def visit_Await(self, node: cst.Await, ctx: RuleContext) -> None:
        """The first independent ``await`` of a sequential loop in an ``async def``."""
        function, loop, call = ctx.function, ctx.loop, node.expression
        if function is None or not function.is_async or loop is None:
            return
        if not isinstance(call, cst.Call) or not _sequential_sweep(loop, ctx):
            return
        if not _independent(node, loop, ctx) or _first_independent(loop, ctx) is not node:
            return
        ctx.report(
            node,
            f"`await {quote(ctx, call)}` inside `{loop.header}` waits for each call "
            f"before starting the next; if the iterations are independent, run them "
            f"concurrently with `asyncio.gather(...)` or an `asyncio.TaskGroup`",
        )


def _sequential_sweep(loop: Loop, ctx: RuleContext) -> bool:
    """A plain ``for`` over data, to its end, with nothing saying the order matters."""
    if loop.kind == "while" or loop.is_async or _is_generator(ctx, loop):
        return False
    return not (iterates_literal(loop) or _ordered(loop) or exits_early(loop, ctx))


def _independent(
    node: cst.Await, loop: Loop, ctx: RuleContext, in_async_with: bool = False
) -> bool:
    """An awaited call on the loop's item that uses nothing else the loop computes."""
    call = node.expression
    if in_async_with or not isinstance(call, cst.Call):
        return False
    if _sequential_callee(call, loop, ctx):
        return False
    read = frozenset().union(*(names_read(arg.value) for arg in call.args))
    if not read & loop.targets:
        return False
    return not (loop_varying_names(read, loop, ctx) - loop.targets)


def _sequential_callee(call: cst.Call, loop: Loop, ctx: RuleContext) -> bool:
    func = call.func
    name = dotted_name(func) or ""
    if name.split(".", 1)[0] in loop.targets:
        return True  # `await handler(event)`, `await step.run()`
    if name.startswith(_CONCURRENCY_MODULES) and name != "asyncio.wait_for":
        return True
    if isinstance(func, cst.Attribute) and func.attr.value in _NOT_CONCURRENT:
        return True
    if _shares_db_handle(call, loop):
        return True
    return sa_query(call, ctx) is not None


def _shares_db_handle(call: cst.Call, loop: Loop) -> bool:
    """Whether ``call`` is handed a database session, connection or cursor the loop does not
    bind: ``f(x, db=db)``, ``f(conn, x)``, ``f(x, session=db)``."""
    for arg in call.args:
        value = arg.value
        if not isinstance(value, cst.Name) or value.value in loop.targets:
            continue
        keyword = arg.keyword.value if arg.keyword is not None else None
        if value.value in _DB_HANDLES or keyword in _DB_HANDLES:
            return True
    return False


def _ordered(loop: Loop) -> bool:
    """Whether the loop's names say the order matters, or it walks a snapshot it then changes."""
    iterable = loop.iterable
    if iterable is not None and _snapshot(iterable):
        return True
    words = [*loop.targets, (dotted_name(iterable) if iterable is not None else None) or ""]
    return any(hint in word.lower() for word in words for hint in _ORDERED_WORDS)


def _snapshot(iterable: cst.BaseExpression) -> bool:
    """``tuple(x)``, ``list(x)``, ``x.copy()``, ``x.copy().items()``."""
    root, methods = method_chain(iterable)
    if "copy" in methods:
        return True
    called = isinstance(iterable, cst.Call)
    return called and isinstance(root, cst.Name) and root.value in _SNAPSHOTS


def _first_independent(loop: Loop, ctx: RuleContext) -> cst.Await | None:
    for candidate, in_async_with in _awaits(loop, ctx):
        if _independent(candidate, loop, ctx, in_async_with):
            return candidate
    return None


def _awaits(loop: Loop, ctx: RuleContext) -> Iterator[tuple[cst.Await, bool]]:
    """The loop's own awaits in source order, each with whether an ``async with`` encloses it."""
    region = loop_region(ctx, loop)
    skipped = {id(part) for part in _evaluated_once(region)}
    stack: list[tuple[cst.CSTNode, bool]] = [(region, False)]
    while stack:
        node, guarded = stack.pop()
        if id(node) in skipped:
            continue
        if isinstance(node, cst.Await):
            yield node, guarded
        if node is not region and isinstance(node, (*_SCOPES, *_LOOPS)):
            continue
        inner = guarded or (isinstance(node, cst.With) and node.asynchronous is not None)
        stack.extend((child, inner) for child in reversed(list(iter_children(node))))


def _evaluated_once(region: cst.CSTNode) -> list[cst.CSTNode]:
    """Parts of a loop node that do not run per iteration: a ``for``'s target, iterable, else."""
    if isinstance(region, cst.For):
        return [part for part in (region.target, region.iter, region.orelse) if part is not None]
    if isinstance(region, (cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)):
        return [region.for_in.iter]
    return []


def _is_generator(ctx: RuleContext, loop: Loop) -> bool:
    """A generator expression's awaits run when it is consumed, not as a loop here."""
    return loop.kind == "comprehension" and isinstance(loop_region(ctx, loop), cst.GeneratorExp)
