"""RB312: a blocking database, ORM, HTTP-session or file-tree call inside ``async def``."""

from __future__ import annotations

import libcst as cst

from reviewbot.engine.context import RuleContext
from reviewbot.engine.names import dotted_name
from reviewbot.engine.values import qualified_name
from reviewbot.findings import Category, Severity
from reviewbot.rules._db_calls import (
    DJANGO_QUERY_METHODS,
    django_query,
    fresh_queryset,
    queryset,
    sa_query,
)
from reviewbot.rules._quote import quote
from reviewbot.rules._receivers import expression_kinds
from reviewbot.ruleset.api import Invalid, NodeRule, RuleDoc, Valid

_HTTP_METHODS = frozenset(
    {"get", "post", "put", "patch", "delete", "head", "options", "request", "send", "urlopen"}
)
_DB_API_METHODS = frozenset(
    {
        "execute", "executemany", "executescript", "commit", "rollback", "fetchone",
        "fetchall", "fetchmany", "callproc",
    }
)
_DB_API_CONNECTS = frozenset(
    {
        "sqlite3.connect", "psycopg2.connect", "psycopg.connect", "psycopg.Connection.connect",
        "pymysql.connect", "MySQLdb.connect", "mysql.connector.connect",
    }
)
_FILE_TREE_CALLS = frozenset(
    {
        "shutil.copy", "shutil.copy2", "shutil.copyfile", "shutil.copyfileobj",
        "shutil.copytree", "shutil.rmtree", "shutil.move", "shutil.make_archive",
        "shutil.unpack_archive",
    }
)
_EVALUATORS = frozenset({"list", "tuple", "set", "len", "bool", "sorted"})
# Calls whose arguments run in a worker thread (or are handed to one).
_OFFLOADERS = frozenset(
    {"to_thread", "run_in_executor", "run_sync", "sync_to_async", "database_sync_to_async"}
)
_ADVICE = {
    "requests": (
        "`requests` is synchronous; use an async client (`httpx.AsyncClient`, `aiohttp`) or "
        "`await asyncio.to_thread(...)`"
    ),
    "django": (
        "Django refuses sync ORM calls while an event loop runs (`SynchronousOnlyOperation`); "
        "use the async API ({async_name}) or `await sync_to_async(...)()`"
    ),
    "sqlalchemy": (
        "use `AsyncSession` (`await session.execute(...)`) or `await asyncio.to_thread(...)`"
    ),
    "db-api": (
        "use an async driver (`aiosqlite`, `asyncpg`, psycopg's `AsyncConnection`) or "
        "`await asyncio.to_thread(...)`"
    ),
    "files": "run it in a thread: `await asyncio.to_thread(...)`",
}


class BlockingCallInAsync(NodeRule):
    """Flags synchronous I/O that stalls the event loop, beyond what ruff's ASYNC rules cover."""

    code = "RB312"
    name = "blocking-call-in-async"
    category = Category.PERFORMANCE
    severity = Severity.WARNING
    # ruff 0.17.6 flags none of the calls this rule reports (checked with the binary); an HTTP
    # call nested in one of ours, e.g. `s.post(u, data=requests.get(v).content)`, is one smell.
    overlaps_ruff = ("ASYNC210", "ASYNC212")
    doc = RuleDoc(
        what=(
            "Checks for synchronous I/O called directly in the body of an `async def` that "
            "ruff's flake8-async rules (ASYNC210 `requests.get`/`urllib`, ASYNC212 `httpx.Client`, "
            "ASYNC220–222 `subprocess`/`os.system`/`os.wait*`, ASYNC230 `open`, ASYNC240 "
            "`os.path`/`pathlib`, ASYNC251 `time.sleep`) do not see:\n\n"
            "* methods of a `requests.Session` / `urllib3.PoolManager` (`s = requests.Session(); "
            "s.get(...)`, `with requests.Session() as s`);\n"
            "* Django ORM queries: a query method on `Model.objects` or a queryset name, and a "
            "sync `for` loop, comprehension, `list()` or `len()` over a queryset;\n"
            "* SQLAlchemy calls on a synchronous `Session` (see RB304 for how sessions are "
            "recognised) that are not awaited;\n"
            "* DB-API drivers: `sqlite3.connect`, `psycopg2.connect`, `pymysql.connect`, ... and "
            "`execute`/`commit`/`fetch*` on the connection or its cursor;\n"
            "* `shutil` file-tree operations (`copyfile`, `copytree`, `rmtree`, `move`, ...).\n\n"
            "Not reported: awaited calls, code in a nested sync `def` or `lambda` (it runs "
            "where it is called), and calls inside the arguments of `asyncio.to_thread`, "
            "`loop.run_in_executor`, `anyio.to_thread.run_sync` or `sync_to_async`."
        ),
        why=(
            "An event loop runs one callback at a time. A synchronous call that waits for the "
            "network, the database or the disk stops every other task on that loop until it "
            "returns: one slow query in one request handler delays every concurrent request "
            "the process is serving, and the latency adds up under load instead of "
            "overlapping. Django goes further and raises `SynchronousOnlyOperation` for ORM "
            "calls made from a thread running an event loop."
        ),
        example=(
            "import requests\n"
            "\n"
            "HTTP = requests.Session()\n"
            "\n"
            "async def rates(currencies):\n"
            "    return [HTTP.get(f'https://fx.example/{c}').json() for c in currencies]\n"
        ),
        use_instead=(
            "import httpx\n"
            "\n"
            "async def rates(currencies):\n"
            "    async with httpx.AsyncClient() as client:\n"
            "        replies = [await client.get(f'https://fx.example/{c}') for c in currencies]\n"
            "    return [reply.json() for reply in replies]\n"
        ),
        fix_safety=(
            "No automatic fix: moving to an async client or the async ORM changes the calls "
            "around it, and `asyncio.to_thread` needs the work wrapped in a function."
        ),
    )
    valid = (
        Valid(
            "import asyncio\nimport requests\n\nHTTP = requests.Session()\n\n\nasync def fetch(url):\n    return await asyncio.to_thread(HTTP.get, url)\n",
            "the blocking call runs in a worker thread",
        ),
        Valid(
            "async def count_orders():\n    return await Order.objects.filter(paid=True).acount()\n",
            "Django's async ORM API",
        ),
        Valid(
            "import requests\n\nHTTP = requests.Session()\n\n\nasync def schedule(loop, url):\n    def fetch():\n        return HTTP.get(url)\n\n    return await loop.run_in_executor(None, fetch)\n",
            "inside a nested sync function handed to an executor",
        ),
        Valid(
            "async def paid():\n    return [order async for order in Order.objects.filter(paid=True)]\n",
            "`async for` over a queryset uses the async ORM",
        ),
        Valid(
            "from sqlalchemy.ext.asyncio import AsyncSession\n\n\nasync def users(session: AsyncSession, stmt):\n    result = await session.execute(stmt)\n    return result.scalars().all()\n",
            "an awaited call on an `AsyncSession`",
        ),
        Valid(
            "import requests\n\nHTTP = requests.Session()\n\n\ndef fetch(url):\n    return HTTP.get(url)\n",
            "a blocking call in a plain `def` is fine",
        ),
    )
    invalid = (
        Invalid(
            "import requests\n\nHTTP = requests.Session()\n\n\nasync def rates(currencies):\n    return [HTTP.get(f'https://fx.example/{c}').json() for c in currencies]\n",
            lines=(7,),
        ),
        Invalid(
            "async def order_view(request, pk):\n    order = Order.objects.get(pk=pk)\n    lines = [line.sku for line in order.lines.all()]\n    for item in Item.objects.filter(order=order):\n        print(item)\n    return order, lines\n",
            lines=(2, 4),
        ),
        Invalid(
            "import sqlite3\n\n\nasync def log_event(path, event):\n    with sqlite3.connect(path) as conn:\n        conn.execute('INSERT INTO events VALUES (?)', (event,))\n",
            lines=(5, 6),
        ),
        Invalid(
            "from sqlalchemy.orm import Session\n\n\nasync def endpoint(db: Session, user_id: int):\n    return db.get(User, user_id)\n",
            lines=(5,),
        ),
    )

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        """A blocking call made directly by an ``async def``."""
        function = _async_function(ctx)
        if function is None or isinstance(ctx.parent, cst.Await):
            return
        library = _blocking_library(node, ctx)
        if library is None or _offloaded(ctx):
            return
        advice = _ADVICE[library].format(async_name=_async_name(node))
        ctx.report(
            node, f"`{quote(ctx, node)}` blocks the event loop in `async def {function}`; {advice}"
        )

    def visit_For(self, node: cst.For, ctx: RuleContext) -> None:
        """A sync ``for`` loop over a Django queryset."""
        if node.asynchronous is None:
            _check_iteration(node.iter, ctx)

    def visit_CompFor(self, node: cst.CompFor, ctx: RuleContext) -> None:
        """A sync comprehension clause over a Django queryset."""
        if node.asynchronous is None:
            _check_iteration(node.iter, ctx)


def _check_iteration(iterable: cst.BaseExpression, ctx: RuleContext) -> None:
    function = _async_function(ctx)
    if function is None or queryset(iterable, ctx) is None or _offloaded(ctx):
        return
    ctx.report(
        iterable,
        f"iterating `{quote(ctx, iterable)}` runs a blocking query in `async def {function}`; "
        + _ADVICE["django"].format(async_name="`async for`"),
    )


def _async_function(ctx: RuleContext) -> str | None:
    """The name of the ``async def`` whose own body holds the current node, if any."""
    function = ctx.function
    if function is None or not function.is_async:
        return None
    return function.qualname.rsplit(".", 1)[-1]


def _blocking_library(node: cst.Call, ctx: RuleContext) -> str | None:
    """Which synchronous library ``node`` calls into, if it is one this rule knows."""
    if isinstance(node.func, cst.Attribute):
        library = _method_library(node, node.func, ctx)
        if library is not None:
            return library
    if _evaluates_queryset(node, ctx):
        return "django"
    name = dotted_name(node.func)
    qualified = qualified_name(name, ctx.kinds_of) if name is not None else None
    if qualified in _DB_API_CONNECTS:
        return "db-api"
    return "files" if qualified in _FILE_TREE_CALLS else None


def _method_library(node: cst.Call, func: cst.Attribute, ctx: RuleContext) -> str | None:
    """``session.get(...)``, ``Model.objects.get(...)``, ``cursor.execute(...)``, ..."""
    method = func.attr.value
    if method in _HTTP_METHODS and expression_kinds(func.value, ctx) == {"http_session"}:
        return "requests"
    if django_query(node, ctx, DJANGO_QUERY_METHODS) is not None:
        return "django"
    if method in _DB_API_METHODS and _is_db_api(func.value, ctx):
        return "db-api"
    return "sqlalchemy" if sa_query(node, ctx) in ("sa_session", "sa_param") else None


def _is_db_api(receiver: cst.BaseExpression, ctx: RuleContext) -> bool:
    kinds = expression_kinds(receiver, ctx)
    return bool(kinds) and kinds <= {"db_connection", "db_cursor"}


def _evaluates_queryset(node: cst.Call, ctx: RuleContext) -> bool:
    """``list(qs)`` / ``len(Model.objects.filter(...))`` with the builtin, not a local function."""
    func = node.func
    if not (isinstance(func, cst.Name) and func.value in _EVALUATORS and node.args):
        return False
    if ctx.binding(func.value) is not None:
        return False
    argument = node.args[0].value
    return fresh_queryset(argument, ctx) is not None or (
        isinstance(argument, cst.Name) and queryset(argument, ctx) is not None
    )


def _async_name(node: cst.Call) -> str:
    func = node.func
    if isinstance(func, cst.Attribute) and func.attr.value in DJANGO_QUERY_METHODS:
        return f"`a{func.attr.value}()`"
    return "`async for`, `acount()`, ..."


def _offloaded(ctx: RuleContext) -> bool:
    """Whether the current node is inside the arguments of a call that runs them in a thread."""
    ancestors = ctx.ancestors
    for index in range(len(ancestors) - 1, 0, -1):
        node = ancestors[index]
        if isinstance(node, (cst.FunctionDef, cst.Lambda)):
            return False
        if isinstance(node, cst.Arg) and _offloads(ancestors[index - 1]):
            return True
    return False


def _offloads(holder: cst.CSTNode) -> bool:
    """``asyncio.to_thread(...)``, ``loop.run_in_executor(...)``, ``sync_to_async(f)(...)``."""
    if not isinstance(holder, cst.Call):
        return False
    name = dotted_name(holder.func) or dotted_name(_called(holder.func))
    return name is not None and name.rsplit(".", 1)[-1] in _OFFLOADERS


def _called(func: cst.BaseExpression) -> cst.BaseExpression:
    """``sync_to_async(f)(x)``: the function of the call that made the callee."""
    return func.func if isinstance(func, cst.Call) else func
