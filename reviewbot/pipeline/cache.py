"""Per-file results cached in ``.reviewbot_cache/results.sqlite3``.

One SQLite file, so a warm run does one indexed read per batch instead of thousands of small
file reads. Entries are JSON, never pickle: a hostile cache file can at worst make the cache
wrong, never run code.

The key. A digest of the layout version, the file's repo-relative path, a digest of its bytes,
the key of its file policy and the tool versions: everything ``analyze_bytes`` reads. Two files
with the same content are two rows (results carry paths and fingerprints built from paths);
renaming or editing a file misses.

"Validated" means a row is used only when all of these hold, and is otherwise dropped, the file
analysed again and the row overwritten:

1. the row's stored path and content digest (the key's inputs, kept beside the key) equal the
   requested file's, so a row copied or moved under another key is never used;
2. its payload is JSON of exactly the shape ``encode_result`` writes: every field present and no
   other, each of its JSON type (an int is an int, not a string, float or bool), enums among
   their values, no NaN or infinity;
3. the payload's path and every finding's path are the requested path.

What the cache trusts. That a row passing those checks was written by reviewbot for those
inputs. A well-formed row under the right key whose findings were edited (emptied, say) looks
exactly like a genuine one: only analysing the file again could tell, and that is what the cache
exists to avoid. So whoever can write ``.reviewbot_cache/`` can hide findings on files whose
content they know. A pull request can commit such a folder (``git add -f``), so a cache folder
that git tracks came with the code, not from an earlier run, and is never opened
(:func:`committed_cache`): the run goes uncached. Never restore the folder from an untrusted
source either (CI caches keyed by a pull request's own files, say).

Damage. A file that is not a database, or a corrupt one (``sqlite3.DatabaseError``), or one of
another layout or version, or a symbolic link, is deleted and recreated: only ``results.sqlite3``
and its journal files, inside ``.reviewbot_cache/`` (never through a symlinked folder). Locking
and I/O errors (``OperationalError``) make this run uncached and delete nothing.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from reviewbot.change.git import git
from reviewbot.findings import (
    Category,
    Finding,
    Severity,
    finding_from_dict,
    finding_to_dict,
    loop_extra,
)
from reviewbot.metrics.model import Branch, FunctionMetrics, ModuleMetrics
from reviewbot.pipeline.file_analysis import FileResult
from reviewbot.pipeline.suppression import Directive

CACHE_DIR = ".reviewbot_cache"
_DATABASE = "results.sqlite3"
_SIDE_FILES = ("-journal", "-wal", "-shm")
_VERSION = 5  # PRAGMA user_version; the first layout (key, payload) had none, so reads as 0
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS results ("
    "key TEXT PRIMARY KEY, path TEXT NOT NULL, digest TEXT NOT NULL, payload TEXT NOT NULL)"
)
_BATCH = 500
_Layout = tuple[tuple[tuple[str, ...], ...], int]
A = TypeVar("A")
R = TypeVar("R")


@dataclass(frozen=True)
class CacheKey:
    """Where one file's result is stored, and the inputs a stored row must match."""

    path: str
    digest: str  # of the file's bytes
    key: str  # of the layout version, path, digest, policy key, versions and facts
    facts: tuple[tuple[str, str], ...] = ()  # (name, digest) of the facts that span files used


def cache_key(
    path: str,
    raw: bytes,
    policy_key: str,
    versions: str,
    facts: tuple[tuple[str, str], ...] = (),
) -> CacheKey:
    """The cache key of analysing ``raw`` at repo-relative ``path`` under a policy and versions,
    with the facts that span files its rules read (``reviewbot.pipeline.project``)."""
    digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
    inputs = json.dumps([_VERSION, path, digest, policy_key, versions, facts])
    key = hashlib.blake2b(inputs.encode(), digest_size=16).hexdigest()
    return CacheKey(path, digest, key, facts)


class _ForeignDatabaseError(Exception):
    """The database is corrupt or of another layout: delete and recreate it."""


class ResultCache:
    """Read and write cached FileResults; any cache problem degrades to a cache miss."""

    def __init__(self, root: Path) -> None:
        self._path = root / CACHE_DIR / _DATABASE
        self._connection: sqlite3.Connection | None = None

    def get_many(self, wanted: Sequence[CacheKey]) -> dict[str, FileResult]:
        """The valid cached results among ``wanted``, by path."""
        found: dict[str, FileResult] = {}
        for start in range(0, len(wanted), _BATCH):
            rows = self._run(_select, wanted[start : start + _BATCH])
            if rows is None:
                break
            found.update(_valid_results(wanted[start : start + _BATCH], rows))
        return found

    def put_many(self, entries: Iterable[tuple[CacheKey, FileResult]]) -> None:
        """Store results; failures to write are ignored (the cache is an optimisation)."""
        rows = [
            (k.key, k.path, k.digest, json.dumps(encode_result(result)))
            for k, result in entries
            if result.path == k.path
        ]
        self._run(_insert, rows)

    def close(self) -> None:
        """Close the database."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _run(self, action: Callable[[sqlite3.Connection, A], R], argument: A) -> R | None:
        """``action(connection, argument)``; a corrupt or foreign database is rebuilt once."""
        try:
            return self._attempt(action, argument, rebuild=False)
        except _ForeignDatabaseError:
            self.close()
        try:
            return self._attempt(action, argument, rebuild=True)
        except _ForeignDatabaseError:
            self.close()
            return None

    def _attempt(
        self, action: Callable[[sqlite3.Connection, A], R], argument: A, *, rebuild: bool
    ) -> R | None:
        """The action's outcome, or None when the cache cannot be used (locked, unwritable)."""
        try:
            return action(self._connect(rebuild=rebuild), argument)
        except sqlite3.Error as error:
            if _needs_rebuild(error):
                raise _ForeignDatabaseError(str(error)) from error
            return None
        except OSError:
            return None

    def _connect(self, *, rebuild: bool) -> sqlite3.Connection:
        if rebuild:
            _delete_database(self._path)
        if self._connection is None:
            prepare_cache_directory(self._path.parent)
            self._connection = _open(self._path)
        return self._connection


def _needs_rebuild(error: sqlite3.Error) -> bool:
    """Corruption does (not a database, malformed); locks, I/O and a read-only disk do not."""
    return type(error) is sqlite3.DatabaseError


def _open(path: Path) -> sqlite3.Connection:
    """A connection to the database at ``path`` with the current layout (created when empty)."""
    if path.is_symlink():  # SQLite would follow it and write outside the cache folder
        raise _ForeignDatabaseError(f"{path} is a symbolic link")
    connection = sqlite3.connect(path)
    try:
        layout = _layout(connection)
        if layout == ((), 0):
            connection.executescript(
                f"BEGIN IMMEDIATE; {_SCHEMA}; PRAGMA user_version = {_VERSION}; COMMIT;"
            )
            layout = _layout(connection)
        if layout != _expected_layout():
            raise _ForeignDatabaseError(f"unexpected layout {layout!r}")
    except BaseException:
        connection.close()
        raise
    return connection


def _layout(connection: sqlite3.Connection) -> _Layout:
    """Every schema object (type, name, table, SQL) and the user_version of a database."""
    objects = connection.execute(
        "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master ORDER BY name"
    ).fetchall()
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    return tuple(tuple(row) for row in objects), version


@functools.cache
def _expected_layout() -> _Layout:
    """The layout of a fresh database: the reference an opened one must equal exactly."""
    memory = sqlite3.connect(":memory:")
    try:
        memory.executescript(f"{_SCHEMA}; PRAGMA user_version = {_VERSION};")
        return _layout(memory)
    finally:
        memory.close()


def _delete_database(path: Path) -> None:
    """Remove the database and its journal files; never anything outside the cache folder."""
    if path.parent.is_symlink() or path.parent.name != CACHE_DIR:
        raise OSError(f"refusing to delete {path}")
    for name in (_DATABASE, *(_DATABASE + suffix for suffix in _SIDE_FILES)):
        (path.parent / name).unlink(missing_ok=True)


def prepare_cache_directory(folder: Path) -> None:
    """Create the cache folder, git-ignored and tagged as a cache (CACHEDIR.TAG)."""
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Created by reviewbot; never commit this folder.\n*\n")
    tag = folder / "CACHEDIR.TAG"
    if not tag.exists():
        tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# reviewbot cache\n")


def _select(connection: sqlite3.Connection, batch: Sequence[CacheKey]) -> list[Any]:
    marks = ",".join("?" * len(batch))
    query = f"SELECT key, path, digest, payload FROM results WHERE key IN ({marks})"
    return connection.execute(query, [k.key for k in batch]).fetchall()


def _insert(connection: sqlite3.Connection, rows: Sequence[tuple[str, str, str, str]]) -> bool:
    with connection:
        connection.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)", rows)
    return True


def _valid_results(
    batch: Sequence[CacheKey], rows: Iterable[Sequence[Any]]
) -> Iterable[tuple[str, FileResult]]:
    """The rows that pass validation (see the module docstring), as (path, result)."""
    by_key = {k.key: k for k in batch}
    for key, path, digest, payload in rows:
        wanted = by_key.get(key)
        if wanted is None or (path, digest) != (wanted.path, wanted.digest):
            continue
        raw = _validated(payload, wanted.path)
        if raw is not None and _facts_are(raw, wanted.facts):
            yield wanted.path, decode_result(raw)


def _validated(payload: object, path: str) -> dict[str, Any] | None:
    """The payload as JSON data when it has exactly the written shape and the right paths."""
    raw = _parse(payload)
    if isinstance(raw, dict) and _PAYLOAD(raw) and _paths_are(raw, path):
        return raw
    return None


def _parse(payload: object) -> object:
    """The JSON value of a payload column, or None when it is not JSON text."""
    if type(payload) is not str:
        return None
    try:
        return json.loads(payload, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        return None


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not a cached value")


def _facts_are(raw: Mapping[str, Any], facts: tuple[tuple[str, str], ...]) -> bool:
    return [tuple(pair) for pair in raw["facts"]] == list(facts)


def _paths_are(raw: Mapping[str, Any], path: str) -> bool:
    return raw["path"] == path and all(f["path"] == path for f in raw["findings"])


# --- the exact shape of a payload --------------------------------------------------------

_Check = Callable[[object], bool]


def _exactly(kind: type) -> _Check:
    """Values whose type is ``kind`` itself (so ``True`` is not an int)."""
    return lambda value: type(value) is kind


def _number(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return math.isfinite(value)


def _among(values: Iterable[str]) -> _Check:
    allowed = frozenset(values)
    return lambda value: type(value) is str and value in allowed


def _optional(check: _Check) -> _Check:
    return lambda value: value is None or check(value)


def _list_of(check: _Check) -> _Check:
    return lambda value: type(value) is list and all(check(item) for item in value)


def _pair_of(check: _Check) -> _Check:
    return lambda value: type(value) is list and len(value) == 2 and all(map(check, value))


def _record(fields: Mapping[str, _Check]) -> _Check:
    """A JSON object with exactly these keys, each value passing its check."""

    def check(value: object) -> bool:
        if type(value) is not dict or value.keys() != fields.keys():
            return False
        return all(fields[name](item) for name, item in value.items())

    return check


_INT, _STR, _BOOL = _exactly(int), _exactly(str), _exactly(bool)
_EDIT = _record(
    {"line": _INT, "column": _INT, "end_line": _INT, "end_column": _INT, "replacement": _STR}
)
_FIX = _record({"description": _STR, "safe": _BOOL, "edits": _list_of(_EDIT)})
_FINDING = _record(
    {
        "rule": _STR,
        "category": _among(c.value for c in Category),
        "severity": _among(s.value for s in Severity),
        "path": _STR,
        "line": _INT,
        "column": _INT,
        "end_line": _INT,
        "end_column": _INT,
        "message": _STR,
        "rationale": _STR,
        "fix": _optional(_FIX),
        "fingerprint": _STR,
        "loop": _optional(_record({"reason": _STR, "because": _STR})),
    }
)
_DIRECTIVE = _record(
    {
        "line": _INT,
        "column": _INT,
        "end_column": _INT,
        "codes": _list_of(_STR),
        "start": _INT,
        "end": _INT,
    }
)
_BRANCH = _record({"line": _INT, "end_line": _INT, "kind": _STR, "cognitive": _INT})
_FUNCTION = _record(
    {
        "qualname": _STR,
        "name": _STR,
        "line": _INT,
        "column": _INT,
        "end_line": _INT,
        "cyclomatic": _INT,
        "cognitive": _INT,
        "nesting": _INT,
        "length": _INT,
        "branches": _list_of(_BRANCH),
        "nesting_line": _INT,
        "focus": _list_of(_BRANCH),
    }
)
_MODULE = _record(
    {
        "lines": _INT,
        "sloc": _INT,
        "lloc": _INT,
        "comments": _INT,
        "multi": _INT,
        "blank": _INT,
        "maintainability": _optional(_number),
        "maintainability_skipped": _STR,
        "functions": _list_of(_FUNCTION),
    }
)
_PAYLOAD = _record(
    {
        "path": _STR,
        "findings": _list_of(_FINDING),
        "directives": _list_of(_DIRECTIVE),
        "metrics": _optional(_MODULE),
        "facts": _list_of(_pair_of(_STR)),
    }
)


# --- encoding ------------------------------------------------------------------------------


def encode_result(result: FileResult) -> dict[str, Any]:
    """FileResult as JSON-ready data."""
    return {
        "path": result.path,
        "findings": [_encode_finding(f) for f in result.findings],
        "directives": [asdict(d) for d in result.directives],
        "metrics": asdict(result.metrics) if result.metrics is not None else None,
        "facts": [list(pair) for pair in result.facts],
    }


def decode_result(raw: Mapping[str, Any]) -> FileResult:
    """Rebuild a FileResult from ``encode_result``'s output (validated by ``_PAYLOAD``)."""
    metrics = raw["metrics"]
    return FileResult(
        path=raw["path"],
        findings=tuple(_decode_finding(f) for f in raw["findings"]),
        directives=tuple(
            Directive(**{**d, "codes": tuple(d["codes"])}) for d in raw["directives"]
        ),
        metrics=_decode_metrics(metrics) if metrics is not None else None,
        facts=tuple((name, digest) for name, digest in raw["facts"]),
    )


def _encode_finding(finding: Finding) -> dict[str, Any]:
    """The finding's JSON shape plus its loop fact, which the contract leaves out."""
    return {**finding_to_dict(finding), "loop": finding.extra.get("loop")}


def _decode_finding(raw: Mapping[str, Any]) -> Finding:
    finding = finding_from_dict(raw)
    loop = raw["loop"]
    return replace(finding, extra=loop_extra(loop["reason"], loop["because"])) if loop else finding


def _decode_metrics(raw: Mapping[str, Any]) -> ModuleMetrics:
    functions = tuple(
        FunctionMetrics(
            **{
                **function,
                "branches": tuple(Branch(**branch) for branch in function["branches"]),
                "focus": tuple(Branch(**branch) for branch in function["focus"]),
            }
        )
        for function in raw["functions"]
    )
    return ModuleMetrics(**{**raw, "functions": functions})


def committed_cache(root: Path) -> bool:
    """Whether git tracks anything in ``root``'s cache folder (then it is not reviewbot's)."""
    if not (root / CACHE_DIR).exists():
        return False
    tracked = git(root, "ls-files", "-z", "--", CACHE_DIR, check=False)
    return bool(tracked.strip("\0"))
