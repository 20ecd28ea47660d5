"""Per-file results cached in ``.reviewbot_cache/`` by content, effective policy and versions.

One SQLite file, so a warm run does one indexed read per batch instead of thousands of small
file reads. Entries are JSON (never pickle): a cache directory in a checked-out pull request is
untrusted input.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from reviewbot.findings import finding_from_dict, finding_to_dict
from reviewbot.metrics.model import Branch, FunctionMetrics, ModuleMetrics
from reviewbot.pipeline.file_analysis import FileResult
from reviewbot.pipeline.suppression import Directive

CACHE_DIR = ".reviewbot_cache"
_SCHEMA = "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, payload TEXT NOT NULL)"
_BATCH = 500


def content_key(raw: bytes, policy_key: str, versions: str) -> str:
    """The cache key of one file's analysis."""
    digest = hashlib.blake2b(raw, digest_size=16)
    digest.update(b"\0" + policy_key.encode() + b"\0" + versions.encode())
    return digest.hexdigest()


class ResultCache:
    """Read and write cached FileResults; any cache problem degrades to a cache miss."""

    def __init__(self, root: Path) -> None:
        self._path = root / CACHE_DIR / "results.sqlite3"
        self._connection: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection | None:
        if self._connection is None:
            try:
                _prepare_directory(self._path.parent)
                self._connection = sqlite3.connect(self._path)
                self._connection.execute(_SCHEMA)
            except (OSError, sqlite3.Error):
                return None
        return self._connection

    def get_many(self, keys: Sequence[str]) -> dict[str, FileResult]:
        """The cached results among ``keys``."""
        connection = self._connect()
        if connection is None:
            return {}
        found: dict[str, FileResult] = {}
        try:
            for start in range(0, len(keys), _BATCH):
                batch = keys[start : start + _BATCH]
                marks = ",".join("?" * len(batch))
                rows = connection.execute(
                    f"SELECT key, payload FROM results WHERE key IN ({marks})", batch
                )
                found.update((key, decode_result(json.loads(payload))) for key, payload in rows)
        except (sqlite3.Error, ValueError, KeyError, TypeError):
            return found
        return found

    def put_many(self, entries: Iterable[tuple[str, FileResult]]) -> None:
        """Store results; failures to write are ignored (the cache is an optimisation)."""
        connection = self._connect()
        if connection is None:
            return
        rows = [(key, json.dumps(encode_result(result))) for key, result in entries]
        try:
            with connection:
                connection.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)", rows)
        except sqlite3.Error:
            return

    def close(self) -> None:
        """Close the database."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def _prepare_directory(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Created by reviewbot; never commit this folder.\n*\n")
    tag = folder / "CACHEDIR.TAG"
    if not tag.exists():
        tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# reviewbot cache\n")


def encode_result(result: FileResult) -> dict[str, Any]:
    """FileResult as JSON-ready data."""
    return {
        "path": result.path,
        "findings": [finding_to_dict(f) for f in result.findings],
        "directives": [asdict(d) for d in result.directives],
        "metrics": asdict(result.metrics) if result.metrics is not None else None,
    }


def decode_result(raw: Mapping[str, Any]) -> FileResult:
    """Rebuild a FileResult from ``encode_result``'s output."""
    metrics = raw["metrics"]
    return FileResult(
        path=raw["path"],
        findings=tuple(finding_from_dict(f) for f in raw["findings"]),
        directives=tuple(
            Directive(**{**d, "codes": tuple(d["codes"])}) for d in raw["directives"]
        ),
        metrics=_decode_metrics(metrics) if metrics is not None else None,
    )


def _decode_metrics(raw: Mapping[str, Any]) -> ModuleMetrics:
    functions = tuple(
        FunctionMetrics(
            **{
                **function,
                "branches": tuple(Branch(**branch) for branch in function["branches"]),
            }
        )
        for function in raw["functions"]
    )
    return ModuleMetrics(**{**raw, "functions": functions})
