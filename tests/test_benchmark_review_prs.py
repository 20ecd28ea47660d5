"""The real-PR benchmark's own arithmetic: stable comment ids, folded summary lines, precision."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.benchmarks.review_prs_comments import CommentRecord, dump_markdown, records
from tests.benchmarks.review_prs_labels import Label, lost_posts, precision, read_labels
from tests.benchmarks.review_prs_run import summary_lines

SOURCE = """def load(rows):
    out = []
    for row in rows:
        out += [row]
    for row in rows:
        out += [row]
    return out
"""


def comment(line: int, rule: str = "RB301", start: int | None = None) -> dict[str, Any]:
    """A review comment as reviewbot's Review JSON gives it."""
    return {
        "path": "app.py",
        "line": line,
        "start_line": start,
        "body": "**b**\n\nwhy",
        "finding": {"rule": rule},
    }


def records_for(tmp_path: Path, source: str, lines: list[int]) -> list[CommentRecord]:
    (tmp_path / "app.py").write_text(source)
    return records("demo", [comment(line) for line in lines], tmp_path)


def test_ids_do_not_depend_on_line_numbers_or_indentation(tmp_path: Path) -> None:
    before = records_for(tmp_path, SOURCE, [4, 6])
    shifted = "import os\n\n\n" + SOURCE.replace("    out += [row]", "        out   +=  [row]")
    after = records_for(tmp_path, shifted, [9, 7])
    assert [record.id for record in before] == [record.id for record in after]
    assert before[0].id.startswith("demo:app.py:RB301:") and before[0].id.endswith(":0")
    assert before[1].id.endswith(":1")  # the same text twice: told apart by occurrence


def test_ids_differ_by_rule_and_by_commented_text(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(SOURCE)
    found = records("demo", [comment(4), comment(4, "PERF401"), comment(3)], tmp_path)
    assert len({record.id for record in found}) == 3


def test_a_multi_line_comment_hashes_all_its_lines_and_the_dump_marks_them(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(SOURCE)
    (whole,) = records("demo", [comment(4, start=3)], tmp_path)
    (last,) = records("demo", [comment(4)], tmp_path)
    assert whole.id != last.id and whole.context_start == 1
    dump = dump_markdown("after", [whole])
    assert ">     3 |     for row in rows:" in dump and "      2 |     out = []" in dump
    assert f"## `{whole.id}`" in dump and "> **b**" in dump


def test_records_survive_the_run_file(tmp_path: Path) -> None:
    (record,) = records_for(tmp_path, SOURCE, [4])
    assert CommentRecord.from_dict("demo", json.loads(json.dumps(record.to_dict()))) == record


def test_summary_lines_count_folded_details_as_hidden_but_their_title() -> None:
    summary = (
        "# Review\n\nverdict\n<details><summary>3 more</summary>\n\n- a\n- b\n</details>\ntail\n"
    )
    assert summary_lines(summary) == (4, 7)


def test_precision_counts_labels_and_lists_the_unlabelled() -> None:
    ids = ["p:a", "p:b", "p:c", "p:d"]
    comments = [CommentRecord(i, "p", "a.py", 1, None, "RB1", "", 1, ()) for i in ids]
    labels = {"p:a": Label("post", ""), "p:b": Label("skip", ""), "p:c": Label("post", "")}
    judged = precision("p", comments, labels)
    assert (judged.posted, judged.skipped, judged.unlabelled) == (2, 1, ("p:d",))
    assert judged.value == pytest.approx(2 / 3)
    assert precision("none", comments[3:], labels).value is None
    assert [c.id for c in lost_posts(comments, comments[1:], labels)] == ["p:a"]


def test_labels_other_than_post_or_skip_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "labels.json"
    path.write_text(json.dumps({"x": {"label": "maybe", "reason": ""}}))
    with pytest.raises(SystemExit, match="x"):
        read_labels(path)
    assert read_labels(tmp_path / "absent.json") == {}
