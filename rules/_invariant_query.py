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

from ._subtrees import descendants

#: Django query methods that only read.
DJANGO_READS = frozenset(
    {
        "get", "count", "exists", "first", "last", "aggregate", "in_bulk", "earliest",
        "latest", "contains",
    }
)  # fmt: skip
#: Calls that write to a database (or a session) inside the loop.
_WRITES = frozenset(
    {
        "save", "create", "update", "delete", "get_or_create", "update_or_create",
        "bulk_create", "bulk_update", "add", "add_all", "merge", "commit", "flush",
        "refresh_from_db", "insert", "executemany",
    }
)  # fmt: skip
_SA_WRITES = frozenset({"insert", "update", "delete"})


def writes_in(region: cst.CSTNode) -> bool:
    """Whether the code of ``region`` calls anything that writes to a database."""
    for node in descendants(region):
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            method = node.func.attr.value.removeprefix("a")
            if node.func.attr.value in _WRITES or method in _WRITES:
                return True
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Name):
            if node.func.value in _SA_WRITES:
                return True
    return False


def invariant_read_message(quoted: str, loop: Loop, kind: str) -> str:
    """The message for a read ``quoted`` that gives the same answer on every iteration."""
    return (
        f"`{quoted}` inside `{loop.header}` runs the same {kind} on every iteration: nothing it "
        f"reads changes in the loop; run it once before the loop and use the result"
    )


def is_sa_read(call: cst.Call) -> bool:
    """A SQLAlchemy session call that runs no ``insert``/``update``/``delete`` statement."""
    return not any(
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Name)
        and node.func.value in _SA_WRITES
        for node in descendants(call)
    )
