"""Property (issue 12, item 4): ``fix``, safe and ``--unsafe``, keeps every file parseable and
writes only inside the tree it checks, whatever the files' line endings (``\\n``, ``\\r\\n``, a
lone ``\\r``, or a mix). Hypothesis builds small programs from snippets that draw fixes (unused
and unsorted imports, f-strings without placeholders, ``range(len())`` loops, prints that empty
a block, comparisons to None) and joins their lines with random line endings; the tree also
holds a symlink to a file outside it, which must stay untouched.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewbot.atomic_file import write_atomically
from reviewbot.config.cli_overrides import CliOverrides
from reviewbot.fix.run import FixOptions, fix_files
from reviewbot.pipeline.audit import CheckOptions
from tests.gitrepo import commit_all, make_repo

SNIPPETS: tuple[tuple[str, ...], ...] = (
    ("import sys", "import os", "", ""),
    ("import json", "", ""),
    ("def greet(name):", '    label = f"hello"', "    return label + name", "", ""),
    ("def total(prices: list[int]) -> int:", "    amount = 0", "    for i in range(len(prices)):",
     "        amount += prices[i]", "    return amount", "", ""),
    ("def report(total):", "    if total:", '        print("total")', "        print(total)",
     "    return total", "", ""),
    ("def missing(value):", "    if value == None:", "        return 0", "    return value", "", ""),
    ("def contains(items, x):", "    return not x in items", "", ""),
    ("class Box:", "    def size(self):", '        return len(f"box")', "", ""),
)
SURE = (0, 1, 2)  # snippets whose safe fixes always apply: imports, an f-string
ENDINGS = ("\n", "\r\n", "\r")
OUTSIDE = "import sys\nimport os\n\nprint(f'outside', sys.argv, os.sep)\n"
LINE_BREAK = re.compile(r"\r\n|\r|\n")

program = st.lists(st.integers(0, len(SNIPPETS) - 1), min_size=1, max_size=3)
endings = st.one_of(
    st.sampled_from(ENDINGS).map(lambda ending: [ending]),  # one style for the whole file
    st.lists(st.sampled_from(ENDINGS), min_size=2, max_size=6),  # mixed, cycled over the lines
)


def source(snippets: list[int], line_endings: list[str]) -> str:
    lines = [line for index in snippets for line in SNIPPETS[index]]
    return "".join(line + line_endings[n % len(line_endings)] for n, line in enumerate(lines))


@settings(max_examples=8, deadline=None, database=None)
@given(
    files=st.lists(st.tuples(program, endings), min_size=1, max_size=2),
    unsafe=st.booleans(),
)
def test_fix_keeps_files_parseable_and_writes_only_inside_the_tree(
    tmp_path_factory: pytest.TempPathFactory, files: list[tuple[list[int], list[str]]], *, unsafe: bool
) -> None:
    base = tmp_path_factory.mktemp("prop")
    outside = base / "outside" / "shared.py"
    outside.parent.mkdir()
    outside.write_text(OUTSIDE, encoding="utf-8")
    originals = {f"m{n}.py": source(*spec).encode() for n, spec in enumerate(files)}
    for text in originals.values():
        ast.parse(text)
    repo = make_repo(base / "repo", {"pyproject.toml": '[tool.reviewbot]\npreset = "strict"\n', **originals})
    (repo / "shared.py").symlink_to(outside)
    commit_all(repo, "link")
    written: list[Path] = []

    def recording(path: Path, data: bytes) -> None:
        written.append(path.resolve())
        assert path.resolve().is_relative_to(repo.resolve()), path
        write_atomically(path, data)

    options = FixOptions(CheckOptions(paths=(repo,), use_cache=False, overrides=CliOverrides()), unsafe=unsafe)
    with mock.patch("reviewbot.fix.run.write_atomically", recording):
        report = fix_files(options)
    assert outside.read_text(encoding="utf-8") == OUTSIDE
    assert all(Path(r.path).name == "shared.py" for r in report.refused), report.refused
    for name, before in originals.items():
        assert_parses_with_its_line_endings(before, (repo / name).read_bytes())
    assert written or not draws_a_safe_fix(files), "these snippets always draw a safe fix"


def draws_a_safe_fix(files: list[tuple[list[int], list[str]]]) -> bool:
    return any(index in SURE for snippets, _ in files for index in snippets)


def assert_parses_with_its_line_endings(before: bytes, after: bytes) -> None:
    ast.parse(after)
    styles = set(LINE_BREAK.findall(before.decode()))
    if len(styles) == 1:  # a one-style file keeps its style
        assert set(LINE_BREAK.findall(after.decode())) <= styles
