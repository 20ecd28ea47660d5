"""Property: whatever happens to a tree between runs, a warm run reports what a cold run does.

Hypothesis builds small trees full of duplicate files (identical bytes, different paths), then
copies, renames, edits and deletes files. After each step the run that uses the cache and the
``--no-cache`` run must give the same exit code and exactly the same JSON findings, and the warm
run must have analysed exactly the files whose (path, bytes) it had never seen: the cache is used,
not bypassed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.pipeline.cache_trees import COMPLEX, check, recording_analysis, write_tree

SNIPPETS: tuple[bytes, ...] = (
    COMPLEX.encode(),
    b"x = 1\n",
    b"def lookup(code):\n    try:\n        return {}[code]\n    except:\n        return None\n",
    b"def broken(:\n    pass\n",
    b"name = '\xff'\n",  # not UTF-8: a read-error finding carrying the path
    b"def spare():\n    for item in []:\n        pass  # reviewbot: ignore[RB201]\n",
    b"",
)
NAMES = ("a.py", "b.py", "pkg/c.py", "pkg/d.py", "e.py")

snippet = st.integers(0, len(SNIPPETS) - 1)
name = st.sampled_from(NAMES)
step = st.one_of(
    st.tuples(st.just("copy"), name, name),
    st.tuples(st.just("rename"), name, name),
    st.tuples(st.just("edit"), name, snippet),
    st.tuples(st.just("append"), name, snippet),
    st.tuples(st.just("delete"), name, st.just(0)),
)
Tree = dict[str, bytes]
Step = tuple[str, str, "str | int"]


def apply(files: Tree, change: Step) -> Tree:
    """``files`` after one step; a step on a missing file, or leaving no file, changes nothing."""
    kind, path, argument = change
    if path not in files:
        return files
    changed = dict(files)
    if kind in ("copy", "rename"):
        changed[str(argument)] = files[path]
        if kind == "rename" and argument != path:
            del changed[path]
    elif kind == "delete":
        del changed[path]
    else:
        added = SNIPPETS[int(argument)]
        changed[path] = files[path] + added if kind == "append" else added
    return changed if changed else files


def sync(root: Path, before: Tree, after: Tree) -> None:
    for path in before.keys() - after.keys():
        (root / path).unlink()
    write_tree(root, dict(after))


@settings(max_examples=15, deadline=None, database=None)
@given(
    start=st.dictionaries(name, snippet, min_size=2, max_size=4),
    steps=st.lists(step, min_size=1, max_size=3),
)
def test_warm_runs_report_exactly_what_cold_runs_do(
    tmp_path_factory: pytest.TempPathFactory, start: dict[str, int], steps: list[Step]
) -> None:
    root = tmp_path_factory.mktemp("tree") / "t"
    files: Tree = {path: SNIPPETS[index] for path, index in start.items()}
    sync(root, {}, files)
    seen: set[tuple[str, bytes]] = set()
    for change in [None, *steps]:
        if change is not None:
            changed = apply(files, change)
            sync(root, files, changed)
            files = changed
        with recording_analysis() as analysed:
            warm = check(root)
        assert warm == check(root, "--no-cache")
        assert analysed == [sorted(p for p, c in files.items() if (p, c) not in seen)]
        seen |= set(files.items())
