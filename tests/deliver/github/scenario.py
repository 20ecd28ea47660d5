"""The pull request most tests use: a real repository with a base and two pushes, and its reviews."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reviewbot.findings import Severity
from reviewbot.review.model import Review
from tests.deliver.github.builders import changed_files, comment, commit_files, finding, git, review
from tests.deliver.github.stand_in import StandIn

BASE = '"""Orders."""\n\n\ndef total(orders):\n    return sum(o.price for o in orders)\n'
FIND = (
    "\n\ndef find_ids(orders, wanted):\n    found = []\n    for order in orders:\n"
    "        if order.id in list(wanted):\n            found.append(order.id)\n    return found\n"
)
COPY = (
    "\n\ndef slow_copy(rows):\n    out = []\n    for row in rows:\n"
    "        out.append(copy.deepcopy(row))\n    return out\n"
)
FAST_COPY = "\n\ndef slow_copy(rows):\n    return [dict(row) for row in rows]\n"
JOIN = (
    "\n\ndef pairs(left, right):\n    return [(a, b) for a in left for b in right if a.key == b.key]\n"
)
IMPORTS = '"""Orders."""\nimport copy\nimport re\nimport json\n'


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@dataclass
class Pull:
    """A real repository with a base and two pushes to the pull request."""

    root: Path
    base: str
    head1: str
    head2: str
    text1: str
    text2: str


def make_pull(tmp_path: Path) -> Pull:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    base = commit_files(root, {"app.py": BASE}, "base")
    text1 = BASE + FIND + COPY
    head1 = commit_files(root, {"app.py": text1}, "feature")
    # The second push inserts lines above everything, fixes the deepcopy and adds a nested join.
    text2 = BASE.replace('"""Orders."""\n', IMPORTS) + FIND + FAST_COPY + JOIN
    head2 = commit_files(root, {"app.py": text2}, "fix copy, add join")
    return Pull(root, base, head1, head2, text1, text2)


def first_review(pull: Pull) -> Review:
    a = finding("fp-membership", line_of(pull.text1, "order.id in list"), severity=Severity.ERROR)
    b = finding("fp-deepcopy", line_of(pull.text1, "copy.deepcopy"))
    return review(pull.base, pull.head1, [comment(a), comment(b)])


def second_review(pull: Pull) -> Review:
    a = finding("fp-membership", line_of(pull.text2, "order.id in list"))  # moved down by 3 lines
    c = finding("fp-join", line_of(pull.text2, "for a in left"), rule="RB308")
    return review(pull.base, pull.head2, [comment(a), comment(c)])


def push(stand_in: StandIn, pull: Pull, head: str) -> None:
    stand_in.state.push(head, changed_files(pull.root, pull.base, head), commits={pull.base, pull.head1, pull.head2})


