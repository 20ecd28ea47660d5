"""Moved functions pair with their old selves; added files that copy a base file are found."""

from __future__ import annotations

from pathlib import Path

from reviewbot.change.copies import copied_files
from reviewbot.change.read import read_change
from reviewbot.metrics.model import FunctionMetrics
from reviewbot.review.function_pairs import Bodies, FunctionPair, pair_moved
from tests.gitrepo import commit_all, git, make_repo, write_files


def metrics(qualname: str, cognitive: int) -> FunctionMetrics:
    return FunctionMetrics(qualname, qualname.rsplit(".", 1)[-1], 1, 1, 9, 1, cognitive, 0, 3)


# Every file's lines 1-9 are the same body: any pairing by name is a move that changed nothing.
_SAME = "".join(f"line_{n} = {n}\n" for n in range(9))
SAME_BODIES = Bodies(
    {path: _SAME for path in ("a.py", "b.py", "c.py")},
    {path: _SAME for path in ("a.py", "b.py", "c.py")},
)


def test_a_new_function_pairs_with_the_one_removed_from_another_file_by_qualname_first() -> None:
    pairs = [
        FunctionPair("a.py", metrics("Cart.total", 30), None),
        FunctionPair("a.py", metrics("total", 7), None),
        FunctionPair("b.py", None, metrics("total", 34)),
        FunctionPair("c.py", None, metrics("Basket.total", 8)),
    ]
    assert pair_moved(pairs, SAME_BODIES) == [
        FunctionPair("b.py", metrics("total", 7), metrics("total", 34)),
        FunctionPair("c.py", metrics("Cart.total", 30), metrics("Basket.total", 8)),
    ]


def test_no_pairing_within_one_file_or_twice_with_one_removed_function() -> None:
    pairs = [
        FunctionPair("a.py", metrics("render", 3), None),
        FunctionPair("a.py", None, metrics("render_all", 4)),
        FunctionPair("b.py", None, metrics("render", 5)),
        FunctionPair("c.py", None, metrics("render", 6)),
    ]
    assert pair_moved(pairs, SAME_BODIES) == [
        FunctionPair("a.py", None, metrics("render_all", 4)),
        FunctionPair("b.py", metrics("render", 3), metrics("render", 5)),
        FunctionPair("c.py", None, metrics("render", 6)),
    ]


def test_a_same_name_pair_is_a_move_only_when_the_bodies_are_mostly_the_same_lines() -> None:
    moved = "class Cart:\n    def total(self):\n        return sum(self.items)\n"
    renamed = "class Basket:\n    def total(self):\n        return sum(self.items)\n"
    unrelated = (
        "class Report:\n    def total(self):\n"
        "        rows = self.rows()\n        return len(rows)\n"
    )
    base = {"a.py": moved}
    removed = FunctionPair("a.py", _at(metrics("Cart.total", 0), 2, 3), None)
    for path, text, qualname in (
        ("b.py", renamed, "Basket.total"),
        ("c.py", unrelated, "Report.total"),
    ):
        new = FunctionPair(path, None, _at(metrics(qualname, 2), 2, text.count("\n")))
        found = pair_moved([removed, new], Bodies({path: text}, base))
        [paired] = [pair for pair in found if pair.after]
        assert (paired.before is not None) is (path == "b.py")


def test_what_a_move_wrote_is_the_lines_its_old_self_did_not_have() -> None:
    old = "def total(items):\n    return sum(items)\n"
    new = "def total(items):\n    clean = [i for i in items if i]\n    return sum(clean)\n"
    removed = FunctionPair("a.py", _at(metrics("total", 0), 1, 2), None)
    added = FunctionPair("b.py", None, _at(metrics("total", 1), 1, 3), written=3)
    [moved] = pair_moved([removed, added], Bodies({"b.py": new}, {"a.py": old}))
    assert moved.before is not None and moved.written == 2


def _at(function: FunctionMetrics, line: int, end_line: int) -> FunctionMetrics:
    return FunctionMetrics(
        function.qualname, function.name, line, 5, end_line, 1, function.cognitive, 0, 3
    )


def test_copied_files_are_added_python_files_byte_identical_to_a_base_file(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path / "repo",
        {"app.py": "x = 1\n", "pkg/__init__.py": "", "notes.txt": "y = 2\n"},
    )
    git(root, "checkout", "-q", "-b", "feature")
    write_files(root, {
        "build/app.py": "x = 1\n",  # a copy
        "build/__init__.py": "",  # empty: a copy of nothing in particular
        "from_text.py": "y = 2\n",  # the same bytes as a non-Python file: still a copy
        "edited.py": "x = 2\n",
        "app.py": "x = 3\n",  # modified, not added
    })
    commit_all(root, "copies")
    change = read_change(root, "main")
    assert copied_files(root, change) == {"build/app.py", "from_text.py"}


def test_a_change_that_adds_no_file_has_no_copies(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", {"app.py": "x = 1\n"})
    write_files(root, {"app.py": "x = 2\n"})
    commit_all(root, "edit")
    change = read_change(root, "HEAD~1")
    assert copied_files(root, change) == frozenset()
