"""A read query inside a loop that nothing in the loop changes: the same answer on every
iteration, fetched again each time. The fix is to run it once before the loop, not to batch it.

Only reads count (``get``, ``first``, ``count``, a SQLAlchemy ``select``): a write repeated with
the same arguments is a different smell. A loop that writes to the database itself (``save``,
``create``, ``update``, ``delete``, ``add``, ``commit``, ...) may change what the read returns,
so its reads are left alone, and so are ``while`` loops: polling a row until it changes is the
point of those.
"""

from __future__ import annotations

import libcst as cst

from reviewbot.engine.scopes import Loop

from ._query_advice import writes_rows
from ._subtrees import descendants

#: Django query methods that only read.
DJANGO_READS = frozenset(
    {
        "get", "count", "exists", "first", "last", "aggregate", "in_bulk", "earliest",
        "latest", "contains",
    }
)  # fmt: skip
#: Methods that write to a database (or a session), and their ``a``-prefixed async twins.
#: Statement builders called by name (``insert(Job)``) are :func:`writes_rows`'s.
_WRITES = frozenset(
    {
        "save", "create", "update", "delete", "get_or_create", "update_or_create",
        "bulk_create", "bulk_update", "add", "add_all", "merge", "commit", "flush",
        "refresh_from_db", "insert", "executemany",
    }
)  # fmt: skip


def writes_in(region: cst.CSTNode) -> bool:
    """Whether the code of ``region`` calls anything that writes to a database (``acreate``
    and the other async twins included)."""
    if writes_rows(region):
        return True
    for node in descendants(region):
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            method = node.func.attr.value
            if method in _WRITES or (method.startswith("a") and method[1:] in _WRITES):
                return True
    return False


def invariant_read_message(quoted: str, loop: Loop, kind: str) -> str:
    """The message for a read ``quoted`` that gives the same answer on every iteration."""
    return (
        f"`{quoted}` inside `{loop.header}` runs the same {kind} on every iteration: nothing it "
        f"reads changes in the loop; run it once before the loop and use the result"
    )
