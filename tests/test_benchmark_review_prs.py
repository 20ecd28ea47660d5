"""The real-PR benchmark's own arithmetic: stable comment ids, folded summary lines, precision."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.benchmarks.review_prs import blind_dump, in_group, parse_arguments
from tests.benchmarks.review_prs_comments import (
    CommentRecord,
    dump_markdown,
    records,
    unique_comments,
)
from tests.benchmarks.review_prs_labels import Label, lost_posts, precision, read_labels
from tests.benchmarks.review_prs_report import PullRequestResult, Run, table
from tests.benchmarks.review_prs_run import summary_lines
from tests.benchmarks.review_prs_specs import (
    FRESH,
    GROUPS,
    HELD_OUT,
    PULL_REQUESTS,
    UNSEEN,
    group_of,
    selected,
)

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


def test_the_groups_share_no_project_and_keep_their_pinned_shape() -> None:
    projects = [{spec.project for spec in specs} for specs in GROUPS.values()]
    assert sum(len(each) for each in projects) == len(set().union(*projects))
    names = [spec.name for spec in selected("all")]
    assert len(names) == len(set(names))
    for later in (HELD_OUT, FRESH, UNSEEN):
        assert len(later) >= 8
        assert sum(spec.kind.startswith("application") for spec in later) >= 4
    for recent in (FRESH, UNSEEN):
        assert sum(spec.kind.startswith("application") for spec in recent) >= 5
    # The fresh group avoids the projects the earlier groups' authors measured and set aside.
    assert not {spec.project for spec in FRESH} & {"django", "requests", "flask", "pretix"}
    set_aside = {"django", "requests", "flask", "django-oscar", "pretix", "celery", "scrapy"}
    assert not {spec.project for spec in UNSEEN} & (set_aside | {"hatch"})
    assert len(UNSEEN) == 10
    assert selected("all") == PULL_REQUESTS + HELD_OUT + FRESH + UNSEEN
    assert selected("held-out") == HELD_OUT and selected("fresh") == FRESH
    assert selected("unseen") == UNSEEN
    assert group_of("flask") == "first" and group_of("werkzeug") == "held-out"
    assert group_of("huey") == "fresh" and group_of("gone") == "other"
    assert group_of("dramatiq") == "unseen"
    assert parse_arguments(["run", "--name", "x"]).group == "all"
    assert parse_arguments(["report", "x", "--group", "fresh"]).group == "fresh"
    assert parse_arguments(["run", "--name", "x", "--group", "unseen"]).group == "unseen"
    with pytest.raises(SystemExit):
        parse_arguments(["run", "--name", "x", "--group", "second"])


def result(name: str, comments: list[CommentRecord], files: int = 1) -> PullRequestResult:
    """A reviewed pull request of ``comments``; the other numbers do not matter here."""
    return PullRequestResult(
        name,
        name,
        "library",
        "1",
        "2",
        files,
        1,
        0,
        0,
        1.0,
        None,
        "COMMENT",
        None,
        0,
        1,
        1,
        tuple(comments),
    )


def judged(pr: str, ids: list[str]) -> list[CommentRecord]:
    return [
        CommentRecord(f"{pr}:{i}", pr, "a.py", n, None, "RB1", "", 1, ()) for n, i in enumerate(ids)
    ]


def test_the_table_totals_each_group_apart_and_then_all() -> None:
    first = result("flask", judged("flask", ["a", "b"]), files=3)
    held = result("werkzeug", judged("werkzeug", ["c", "d", "e", "f"]), files=5)
    labels = {
        "flask:a": Label("post", ""),
        "flask:b": Label("post", ""),
        "werkzeug:c": Label("post", ""),
        "werkzeug:d": Label("skip", ""),
        "werkzeug:e": Label("skip", ""),
    }
    run = Run("r", "rb", "v", "d", (first, held))
    rows = table(run, labels).splitlines()
    assert rows[3].startswith("| **first** | | 3 |") and rows[3].endswith("| 100% of 2 |")
    assert rows[5].startswith("| **held-out** | | 5 |")
    assert rows[5].endswith("| 33% of 3, 1 unlabelled |")
    assert rows[6].startswith("| **all** | | 8 |") and rows[6].endswith(
        "| 60% of 5, 1 unlabelled |"
    )
    only_held = table(in_group(run, "held-out"), labels).splitlines()
    assert [row.split(" |")[0] for row in only_held[2:]] == ["| werkzeug 1→2", "| **held-out**"]


def test_the_blind_dump_holds_each_comment_once_and_names_no_run() -> None:
    before = Run("before-x", "rb", "v", "d", (result("nox", judged("nox", ["a", "b"])),))
    after_comments = judged("nox", ["b", "c"])
    after = Run("after-x", "rb", "v", "d", (result("nox", after_comments),))
    merged = unique_comments([before.comments, after.comments])
    assert [comment.id for comment in merged] == ["nox:a", "nox:b", "nox:c"]
    dump = blind_dump([before, after], Path("/answers.json"))
    assert dump.count("## `nox:b`") == 1 and "3 comments." in dump
    assert "before-x" not in dump and "after-x" not in dump
    assert "`/answers.json`" in dump and "nox 1 → 2" in dump
