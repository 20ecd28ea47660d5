"""The per-file result cache: a warm run reports exactly what a cold one does, whatever the file.

Real trees in tmp_path, the real ``reviewbot.cli.main``, the SQLite file tampered with the
sqlite3 module or overwritten with garbage between runs.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from reviewbot.findings import Category, Edit, Finding, Fix, Location, Severity
from reviewbot.metrics.model import ModuleMetrics
from reviewbot.pipeline.cache import _VERSION as CACHE_VERSION
from reviewbot.pipeline.cache import CACHE_DIR, ResultCache, _needs_rebuild, cache_key
from reviewbot.pipeline.file_analysis import FileResult
from reviewbot.pipeline.suppression import Directive
from tests.deliver.github.builders import git
from tests.pipeline.cache_trees import COMPLEX, check, recording_analysis, write_tree

# a flagged function, branches in its metrics, and a suppression directive
MODULE = COMPLEX + (
    "\n\ndef spare():\n    for item in []:\n        pass  # reviewbot: ignore[RB201]\n"
)

Tamper = Callable[[dict[str, Any]], None]


def tree(root: Path, files: dict[str, str | bytes]) -> Path:
    return write_tree(root, files)


def database(root: Path) -> Path:
    return root / CACHE_DIR / "results.sqlite3"


def rows(root: Path) -> dict[str, dict[str, Any]]:
    """Stored payloads by path."""
    with closing(sqlite3.connect(database(root))) as connection:
        found = connection.execute("SELECT path, payload FROM results").fetchall()
    return {path: json.loads(payload) for path, payload in found}


def execute(root: Path, statement: str, *parameters: object) -> None:
    with closing(sqlite3.connect(database(root))) as connection, connection:
        connection.execute(statement, parameters)


def tamper(root: Path, path: str, change: Tamper) -> None:
    """Rewrite one stored payload by hand."""
    payload = rows(root)[path]
    change(payload)
    execute(root, "UPDATE results SET payload = ? WHERE path = ?", json.dumps(payload), path)


@pytest.fixture
def analysed() -> Iterator[list[list[str]]]:
    """The paths each run actually analysed (the rest came from the cache)."""
    with recording_analysis() as runs:
        yield runs


# --- 1. the key covers the path --------------------------------------------------------------


def test_identical_files_keep_their_own_findings(tmp_path: Path, analysed: list[list[str]]) -> None:
    root = tree(tmp_path / "t", {"a.py": COMPLEX, "b.py": COMPLEX})
    cold = check(root)
    warm = check(root)
    assert warm == cold == check(root, "--no-cache")
    assert analysed[:2] == [["a.py", "b.py"], []]
    complexity = [(f["path"], f["fingerprint"]) for f in warm[1] if f["rule"] == "RB201"]
    assert [path for path, _ in complexity] == ["a.py", "b.py"]
    assert len({fingerprint for _, fingerprint in complexity}) == 2


def test_a_renamed_file_is_analysed_again(tmp_path: Path, analysed: list[list[str]]) -> None:
    root = tree(tmp_path / "t", {"a.py": COMPLEX})
    check(root)
    (root / "a.py").rename(root / "moved.py")
    assert check(root) == check(root, "--no-cache")
    assert analysed[1] == ["moved.py"]


# --- 2. entries are validated when read ----------------------------------------------------


def _set_line(payload: dict[str, Any]) -> None:
    payload["findings"][0]["line"] = "1"


def _set_bool_column(payload: dict[str, Any]) -> None:
    payload["findings"][0]["column"] = True


def _drop_message(payload: dict[str, Any]) -> None:
    del payload["findings"][0]["message"]


def _add_field(payload: dict[str, Any]) -> None:
    payload["findings"][0]["extra"] = {}


def _unknown_severity(payload: dict[str, Any]) -> None:
    payload["findings"][0]["severity"] = "fatal"


def _string_cyclomatic(payload: dict[str, Any]) -> None:
    payload["metrics"]["functions"][0]["cyclomatic"] = "15"


def _float_branch_line(payload: dict[str, Any]) -> None:
    payload["metrics"]["functions"][1]["branches"][0]["line"] = 2.0


def _directive_codes_string(payload: dict[str, Any]) -> None:
    payload["directives"][0]["codes"] = "RB201"


def _findings_not_a_list(payload: dict[str, Any]) -> None:
    payload["findings"] = {"0": payload["findings"][0]}


def _another_path(payload: dict[str, Any]) -> None:
    payload["path"] = "b.py"


def _finding_on_another_path(payload: dict[str, Any]) -> None:
    payload["findings"][0]["path"] = "b.py"


@pytest.mark.parametrize(
    "change",
    [
        _set_line,
        _set_bool_column,
        _drop_message,
        _add_field,
        _unknown_severity,
        _string_cyclomatic,
        _float_branch_line,
        _directive_codes_string,
        _findings_not_a_list,
        _another_path,
        _finding_on_another_path,
    ],
)
def test_an_invalid_entry_is_dropped_recomputed_and_overwritten(
    tmp_path: Path, analysed: list[list[str]], change: Tamper
) -> None:
    root = tree(tmp_path / "t", {"m.py": MODULE, "other.py": COMPLEX})
    cold = check(root)
    genuine = rows(root)
    tamper(root, "m.py", change)
    assert check(root) == cold
    assert analysed[1] == ["m.py"]
    assert rows(root) == genuine
    assert check(root) == cold and analysed[2] == []


@pytest.mark.parametrize(
    "payload",
    ["not json", "[1, 2]", "null", b'{"path": "m.py"}', 7, '{"path": NaN}', "[" * 100_000],
)
def test_a_payload_that_is_not_the_written_json_is_dropped(
    tmp_path: Path, analysed: list[list[str]], payload: object
) -> None:
    root = tree(tmp_path / "t", {"m.py": MODULE})
    cold = check(root)
    execute(root, "UPDATE results SET payload = ? WHERE path = 'm.py'", payload)
    assert check(root) == cold
    assert analysed[1] == ["m.py"]


def test_a_non_finite_maintainability_is_dropped(tmp_path: Path) -> None:
    cache, key = ResultCache(tmp_path), cache_key("m.py", b"x = 1\n", "policy", "versions")
    metrics = ModuleMetrics(1, 1, 1, 0, 0, 0, 0.5)
    cache.put_many([(key, FileResult("m.py", (), (), metrics))])
    assert cache.get_many([key]) == {"m.py": FileResult("m.py", (), (), metrics)}
    text = json.dumps(rows(tmp_path)["m.py"])
    text = text.replace('"maintainability": 0.5', '"maintainability": 1e999')
    assert "1e999" in text
    execute(tmp_path, "UPDATE results SET payload = ?", text)
    assert cache.get_many([key]) == {}
    cache.close()


# --- 3. the key's inputs are stored in the row and checked -----------------------------------


def test_a_row_moved_under_another_files_key_is_dropped(
    tmp_path: Path, analysed: list[list[str]]
) -> None:
    root = tree(tmp_path / "t", {"a.py": COMPLEX, "b.py": "x = 1\n"})
    cold = check(root)
    with closing(sqlite3.connect(database(root))) as connection, connection:
        keys = dict(connection.execute("SELECT path, key FROM results"))
        connection.execute("DELETE FROM results WHERE path = 'b.py'")
        connection.execute("UPDATE results SET key = ? WHERE path = 'a.py'", (keys["b.py"],))
    assert check(root) == cold
    assert analysed[1] == ["a.py", "b.py"]


def test_a_row_for_other_content_is_dropped(tmp_path: Path, analysed: list[list[str]]) -> None:
    """A stored digest that is not the file's: the row was written for other bytes."""
    root = tree(tmp_path / "t", {"a.py": COMPLEX})
    cold = check(root)
    execute(root, "UPDATE results SET digest = '00000000000000000000000000000000'")
    assert check(root) == cold
    assert analysed[1] == ["a.py"]


def test_a_payload_rewritten_consistently_for_another_path_is_dropped(
    tmp_path: Path, analysed: list[list[str]]
) -> None:
    root = tree(tmp_path / "t", {"a.py": COMPLEX, "b.py": COMPLEX})
    cold = check(root)
    execute(
        root,
        "UPDATE results SET payload = (SELECT payload FROM results WHERE path = 'b.py') "
        "WHERE path = 'a.py'",
    )
    assert check(root) == cold
    assert analysed[1] == ["a.py"]


def test_a_well_formed_forged_row_is_trusted_as_documented(tmp_path: Path) -> None:
    """The limit of validation (module docstring): emptied findings under the right key pass.

    Only analysing the file again could tell; whoever can write .reviewbot_cache/ is trusted.
    """
    root = tree(tmp_path / "t", {"a.py": COMPLEX})
    assert check(root)[1] != []
    tamper(root, "a.py", lambda payload: payload.update(findings=[]))
    assert check(root)[1] == []
    assert check(root, "--no-cache")[1] != []


def test_a_cache_committed_with_the_code_is_never_opened(tmp_path: Path) -> None:
    """A pull request can force-add a forged .reviewbot_cache/: it came with the code, not from
    an earlier run, so the run goes uncached and its findings are the real ones."""
    root = tree(tmp_path / "t", {"a.py": COMPLEX})
    git(root, "init", "-q")
    assert check(root)[1] != []
    tamper(root, "a.py", lambda payload: payload.update(findings=[]))
    git(root, "add", "-f", CACHE_DIR)

    with recording_analysis() as runs:
        _, findings = check(root)

    assert findings == check(root, "--no-cache")[1] != []
    assert runs[0] == ["a.py"]  # analysed again, not read from the committed rows


def test_stored_rows_carry_path_and_content_digest(tmp_path: Path) -> None:
    key = cache_key("pkg/m.py", b"x = 1\n", "policy", "versions")
    assert key != cache_key("pkg/n.py", b"x = 1\n", "policy", "versions")
    assert key.key != cache_key("pkg/m.py", b"x = 2\n", "policy", "versions").key
    assert key.key != cache_key("pkg/m.py", b"x = 1\n", "other", "versions").key
    assert key.key != cache_key("pkg/m.py", b"x = 1\n", "policy", "other").key
    cache = ResultCache(tmp_path)
    cache.put_many([(key, FileResult("pkg/m.py", ()))])
    cache.close()
    with closing(sqlite3.connect(tmp_path / CACHE_DIR / "results.sqlite3")) as connection:
        stored = connection.execute("SELECT key, path, digest FROM results").fetchall()
    assert stored == [(key.key, "pkg/m.py", key.digest)]


def test_a_result_for_another_path_is_not_stored(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    key = cache_key("a.py", b"", "policy", "versions")
    cache.put_many([(key, FileResult("b.py", ()))])
    assert cache.get_many([key]) == {}
    cache.close()


# --- every field of a payload, through the public API ---------------------------------------


def _rich_result(path: str) -> FileResult:
    fix = Fix("rename", (Edit(1, 1, 1, 2, "y"),), safe=False)
    finding = Finding(
        "RB999", Category.CORRECTNESS, Severity.ERROR, path, Location(1, 1, 1, 2), "message",
        "why", fix, "fingerprint",
    )
    return FileResult(path, (finding,), (Directive(1, 3, 20, ("RB999",), 1, 1),))


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("findings", 0, "fix", "safe"), 1),
        (("findings", 0, "fix", "edits", 0, "replacement"), None),
        (("findings", 0, "fix", "edits", 0, "end_line"), "1"),
        (("findings", 0, "fix", "description"), ["rename"]),
        (("findings", 0, "category"), "style"),
        (("findings", 0, "fingerprint"), None),
        (("directives", 0, "end"), -0.0),
        (("directives", 0, "codes", 0), 201),
    ],
)
def test_every_field_is_type_checked(
    tmp_path: Path, where: tuple[str | int, ...], value: object
) -> None:
    cache, key = ResultCache(tmp_path), cache_key("m.py", b"y = 1\n", "policy", "versions")
    cache.put_many([(key, _rich_result("m.py"))])
    assert cache.get_many([key]) == {"m.py": _rich_result("m.py")}
    payload = rows(tmp_path)["m.py"]
    _set(payload, where, value)
    execute(tmp_path, "UPDATE results SET payload = ?", json.dumps(payload))
    assert cache.get_many([key]) == {}
    cache.close()


def _set(data: Any, where: tuple[str | int, ...], value: object) -> None:
    for step in where[:-1]:
        data = data[step]
    data[where[-1]] = value


# --- 4. a corrupt database is rebuilt -------------------------------------------------------


def _garbage(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 64)


def _corrupt_pages(path: Path) -> None:
    """A valid SQLite header followed by garbage: 'database disk image is malformed'."""
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\xff" * (len(data) - 100))


def _corrupt_rows(path: Path) -> None:
    """The schema page intact, the table's pages garbage: opens fine, the SELECT fails."""
    data = path.read_bytes()
    path.write_bytes(data[:4096] + b"\xff" * (len(data) - 4096))


def _truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:50])


@pytest.mark.parametrize("damage", [_garbage, _corrupt_pages, _corrupt_rows, _truncated])
def test_a_corrupt_database_is_rebuilt(
    tmp_path: Path, analysed: list[list[str]], damage: Callable[[Path], None]
) -> None:
    root = tree(tmp_path / "t", {"a.py": COMPLEX, "b.py": MODULE})
    outside = tmp_path / "results.sqlite3"
    outside.write_bytes(b"not ours")
    cold = check(root)
    damage(database(root))
    assert check(root) == cold
    assert check(root) == cold
    assert analysed == [["a.py", "b.py"], ["a.py", "b.py"], []]
    assert sorted(rows(root)) == ["a.py", "b.py"]
    # facts/: the default preset's RB320 reads the project's models (django-models)
    assert sorted(p.name for p in (root / CACHE_DIR).iterdir()) == [
        ".gitignore", "CACHEDIR.TAG", "facts", "results.sqlite3"
    ]
    assert outside.read_bytes() == b"not ours"


def test_a_stale_journal_is_removed_with_a_corrupt_database(tmp_path: Path) -> None:
    root = tree(tmp_path / "t", {"a.py": COMPLEX})
    cold = check(root)
    _garbage(database(root))
    journal = database(root).with_name("results.sqlite3-journal")
    journal.write_bytes(b"\x00" * 512)
    assert check(root) == cold
    assert not journal.exists()


# --- 5. an older layout is rebuilt ----------------------------------------------------------

_CURRENT_COLUMNS = (
    "CREATE TABLE results "
    "(key TEXT PRIMARY KEY, path TEXT NOT NULL, digest TEXT NOT NULL, payload TEXT NOT NULL)"
)
_FIRST_COLUMNS = "CREATE TABLE results (key TEXT PRIMARY KEY, payload TEXT NOT NULL)"
_FORGING_TRIGGER = (
    "CREATE TRIGGER forge AFTER INSERT ON results BEGIN "
    "UPDATE results SET payload = '{}' WHERE key = new.key; END"
)
_OLD_LAYOUTS = {
    "first layout, no version": (_FIRST_COLUMNS, 0),
    "current columns, older version": (_CURRENT_COLUMNS, CACHE_VERSION - 1),
    "current version, other columns": (_FIRST_COLUMNS, CACHE_VERSION),
    "an extra trigger": (f"{_CURRENT_COLUMNS}; {_FORGING_TRIGGER}", CACHE_VERSION),
}


@pytest.mark.parametrize("layout", list(_OLD_LAYOUTS), ids=list(_OLD_LAYOUTS))
def test_an_older_layout_is_rebuilt(tmp_path: Path, analysed: list[list[str]], layout: str) -> None:
    root = tree(tmp_path / "t", {"a.py": COMPLEX})
    schema, version = _OLD_LAYOUTS[layout]
    database(root).parent.mkdir()
    with closing(sqlite3.connect(database(root))) as connection:
        connection.executescript(f"{schema}; PRAGMA user_version = {version};")
    expected = check(root, "--no-cache")
    assert check(root) == expected
    assert check(root) == expected
    assert analysed[1:] == [["a.py"], []]
    with closing(sqlite3.connect(database(root))) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (CACHE_VERSION,)
        objects = connection.execute("SELECT type, name FROM sqlite_master ORDER BY name")
        objects = objects.fetchall()
    assert objects == [("table", "results"), ("index", "sqlite_autoindex_results_1")]


def test_an_empty_file_becomes_the_current_layout(
    tmp_path: Path, analysed: list[list[str]]
) -> None:
    root = tree(tmp_path / "t", {"a.py": COMPLEX})
    database(root).parent.mkdir()
    database(root).write_bytes(b"")
    cold = check(root)
    assert check(root) == cold
    assert analysed == [["a.py"], []]


def test_an_unopenable_database_is_left_alone(tmp_path: Path) -> None:
    """Only corruption and foreign layouts rebuild; a path SQLite cannot open means no cache."""
    root = tree(tmp_path / "t", {"a.py": COMPLEX})
    database(root).mkdir(parents=True)  # a folder where the database should be
    expected = check(root, "--no-cache")
    assert check(root) == expected
    assert database(root).is_dir()


@pytest.mark.parametrize(
    "error",
    [
        sqlite3.DatabaseError("file is not a database"),
        sqlite3.DatabaseError("database disk image is malformed"),
    ],
)
def test_corruption_deletes_the_database(error: sqlite3.Error) -> None:
    assert _needs_rebuild(error)


@pytest.mark.parametrize(
    "error",
    [
        sqlite3.OperationalError("database is locked"),
        sqlite3.OperationalError("attempt to write a readonly database"),
        sqlite3.OperationalError("disk I/O error"),
    ],
)
def test_locks_and_io_errors_never_delete_the_database(error: sqlite3.Error) -> None:
    """Another run holding the lock, or a read-only disk, must never cost the cache."""
    assert not _needs_rebuild(error)


def test_a_symlinked_database_is_replaced_not_followed(tmp_path: Path) -> None:
    """A checkout can commit .reviewbot_cache/results.sqlite3 as a link to any file."""
    root = tree(tmp_path / "t", {"a.py": COMPLEX})
    target = tmp_path / "elsewhere.sqlite3"
    target.write_bytes(b"")
    database(root).parent.mkdir()
    database(root).symlink_to(target)
    expected = check(root, "--no-cache")
    assert check(root) == expected
    assert target.read_bytes() == b""
    assert not database(root).is_symlink() and sorted(rows(root)) == ["a.py"]
