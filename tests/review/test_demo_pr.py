"""``reviewbot review`` on the demo pull request: what it would post, snapshotted."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from reviewbot.cli.main import main
from reviewbot.report.review_summary import MAX_VISIBLE_LINES, visible_lines
from tests.gitrepo import git
from tests.review.demo import build_demo
from tests.snapshot import assert_snapshot

SARIF_SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = build_demo(tmp_path_factory.mktemp("demo") / "repo")
    (root.parent / "description.md").write_text("Refunds.\n", encoding="utf-8")
    return root


def review(demo: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Run ``reviewbot review`` in the demo repository; (exit code, stdout with SHAs named)."""
    description = str(demo.parent / "description.md")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(demo)
        code = main(
            [
                "review",
                "--base",
                "main",
                "--jobs",
                "1",
                "--no-cache",
                "--description-file",
                description,
                *args,
            ]
        )
    out = capsys.readouterr().out
    for name, ref in (("BASE", "main"), ("HEAD", "HEAD")):
        sha = git(demo, "rev-parse", ref).strip()
        out = out.replace(sha, f"<{name}-SHA>").replace(sha[:12], f"<{name}>")
    return code, out


def test_dry_run_text(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = review(demo, capsys, "--dry-run")
    assert code == 1  # B006 is an error in the recommended preset: request changes
    assert_snapshot("demo-review.txt", out)


def test_markdown_summary(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = review(demo, capsys, "--format", "markdown")
    assert code == 1
    assert out.startswith("<!-- reviewbot:summary -->\n")
    assert_snapshot("demo-summary.md", out)


def test_review_json(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = review(demo, capsys, "--format", "json")
    data = json.loads(out)
    assert (data["version"], data["verdict"], data["event"]) == (
        1,
        "request_changes",
        "REQUEST_CHANGES",
    )
    assert set(data) == {
        "version",
        "base",
        "head",
        "verdict",
        "event",
        "comments",
        "summary",
        "findings",
        "complexity",
        "checks",
        "overflow",
        "dropped",
    }
    new_rules = {f["rule"] for f in data["findings"]["new"]}
    assert {
        "B006",
        "RB206",
        "T201",
        "RB502",
        "RB503",
        "RB504",
        "RB505",
        "RB506",
    } <= new_rules
    assert {"RB201", "RB202"}.isdisjoint(new_rules)  # RB206 says it, with the before and after
    # the refunds loop walks the lines of one order: a handful, so not an N+1 worth a comment
    by_loop = {(d["rule"], d["dropped"]["reason"]) for d in data["dropped"]}
    assert {("RB302", "loop:per-object"), ("RB304", "loop:per-object")} <= by_loop
    assert [f["rule"] for f in data["findings"]["existing"]] == ["RB301"]  # moved, not new
    assert [f["rule"] for f in data["findings"]["fixed"]] == ["E722"]
    assert all(
        c["side"] == "RIGHT" and c["finding"]["fingerprint"] == c["fingerprint"]
        for c in data["comments"]
    )
    assert_snapshot("demo-review.json", out)


def test_budget_overflow_and_sarif_of_new_findings(
    demo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sarif_file = tmp_path / "new.sarif"
    _, out = review(
        demo, capsys, "--format", "json", "--max-comments", "2", "--sarif-file", str(sarif_file)
    )
    data = json.loads(out)
    assert [c["finding"]["rule"] for c in data["comments"]] == ["B006", "F401"]
    assert [f["rule"] for f in data["overflow"]] == ["RB206", "T201", "E713"]
    assert "3 new findings not commented inline (over the budget)" in data["summary"]
    log = json.loads(sarif_file.read_text(encoding="utf-8"))
    results = {r["ruleId"] for r in log["runs"][0]["results"]}
    assert results == {f["rule"] for f in data["findings"]["new"]}
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)


def test_every_count_in_the_summary_agrees(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = review(demo, capsys, "--format", "json", "--max-comments", "3")
    data = json.loads(out)
    new, comments, overflow = data["findings"]["new"], data["comments"], data["overflow"]
    commented = sum(1 for c in comments for _ in c["body"].split("reviewbot:fingerprint=")[1:])
    checks = [f for f in new if not f["path"]]
    assert commented + len(checks) + len(overflow) == len(new)
    summary = data["summary"]
    failed = [c for c in data["checks"] if c["status"] == "fail"]
    assert len(failed) == len(checks) == summary.count(":x: fail")
    assert (
        f"Of the {len(new)} new findings: {commented} in {len(comments)} inline comments, "
        f"{len(checks)} in the pull request checks, {len(overflow)} over the comment budget."
    ) in summary
    assert f"{len(comments)} inline comments." in summary
    assert f"{len(new)} new, " in summary
    assert f"<details><summary>{len(overflow)} new findings not commented inline" in summary
    assert visible_lines(summary) <= MAX_VISIBLE_LINES


def test_exit_status_follows_fail_on(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = review(demo, capsys, "--format", "json", "--fail-on", "never")
    assert code == 0
    assert json.loads(out)["verdict"] == "comment"


def test_check_base_reports_only_changed_lines(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(demo)
        code = main(["check", "--base", "main", "--format", "json", "--jobs", "1", "--no-cache"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert code == 1
    assert {(f["path"], f["rule"]) for f in findings} == {
        ("orders/pricing.py", "RB202"),
        ("orders/refunds.py", "F401"),
        ("orders/refunds.py", "B006"),
        ("orders/refunds.py", "T201"),
        ("orders/refunds.py", "E713"),
    }


def test_a_warm_review_posts_exactly_what_a_cold_one_posts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The cache (both sides' analyses, loop facts, the learned conventions' ruff run) changes
    how fast a review is, never what it says."""
    root = build_demo(tmp_path / "repo")

    def cached_review() -> str:
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(root)
            main(["review", "--base", "main", "--jobs", "1", "--format", "json"])
        return capsys.readouterr().out

    cold = cached_review()
    assert (root / ".reviewbot_cache").is_dir()
    assert cached_review() == cold
