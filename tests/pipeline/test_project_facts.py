"""Facts that span files: built once per run, handed to the rules that declare them, and part of
each cached result's identity, so a change elsewhere in the project recomputes what it affects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import reviewbot.pipeline.project as project
from reviewbot.cli.main import main
from reviewbot.pipeline.project import FactSource, ProjectFacts, build_facts, python_modules
from reviewbot.ruleset.api import FACTS
from tests.gitrepo import commit_all, git, make_repo, write_files
from tests.pipeline.cache_trees import recording_analysis

RULE = """\
from reviewbot.findings import Category, Severity
from reviewbot.ruleset.api import Invalid, NodeRule, RuleDoc, Valid


class MissingModule(NodeRule):
    code = "ACME901"
    name = "import-of-missing-module"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    uses_facts = {declared}
    doc = RuleDoc(what="Imports of `app.*` modules the project lacks.", why="ImportError.",
                  example="import app.gone", use_instead="import app.main")
    valid = (Valid("import app.main\\n", facts={{"python-modules": {{"app.main": "app/main.py"}}}}),)
    invalid = (Invalid("import app.gone\\n", lines=(1,), facts={{"python-modules": {{}}}}),)

    def visit_Import(self, node, ctx):
        modules = ctx.fact("python-modules")
        for alias in node.names:
            name = ctx.code(alias.name)
            if name.startswith("app.") and name not in modules:
                ctx.report(node, f"`{{name}}` is not a module of this project")
"""


def project_tree(tmp_path: Path, declared: str = '("python-modules",)') -> Path:
    config = '[tool.reviewbot]\npreset = "recommended"\nplugins = ["team_rule.py"]\n'
    return make_repo(
        tmp_path / "p",
        {
            "pyproject.toml": config,
            "team_rule.py": RULE.format(declared=declared),
            "app/__init__.py": "",
            "app/main.py": '"""Main."""\n\nimport app.helpers\n',
            "app/other.py": '"""Other."""\n\nimport os\n',
        },
    )


def findings(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> list[tuple[str, str]]:
    code = main(["check", str(root), "--format", "json", "--jobs", "1", *extra])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return [(f["rule"], f["path"]) for f in json.loads(out)["findings"] if f["rule"] == "ACME901"]


def test_the_import_map_names_packages_and_modules() -> None:
    files = ("app/__init__.py", "app/main.py", "scripts/run-me.py", "tools.pyi")
    assert python_modules(FactSource(Path("."), None, files)) == {
        "app": "app/__init__.py",
        "app.main": "app/main.py",
        "tools": "tools.pyi",
    }


def test_a_change_elsewhere_recomputes_the_files_whose_rules_read_the_fact(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project_tree(tmp_path)
    assert findings(root, capsys) == [("ACME901", "app/main.py")]
    with recording_analysis() as runs:
        assert findings(root, capsys) == [("ACME901", "app/main.py")]
    assert runs == [[]]  # same facts: every result from the cache

    write_files(root, {"app/helpers.py": '"""Helpers."""\n'})
    commit_all(root, "add the helpers")
    with recording_analysis() as runs:
        warm = findings(root, capsys)

    assert warm == [] == findings(root, capsys, "--no-cache")
    assert runs[0] == [
        "app/__init__.py",
        "app/helpers.py",
        "app/main.py",
        "app/other.py",
        "team_rule.py",
    ]


def test_each_side_of_a_review_reads_the_facts_of_its_own_commit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project_tree(tmp_path)  # main: app/main.py imports app.helpers, which is missing
    git(root, "checkout", "-q", "-b", "feature")
    write_files(
        root,
        {
            "app/helpers.py": '"""Helpers."""\n',
            "app/main.py": '"""Main!"""\n\nimport app.helpers\n',
        },
    )
    commit_all(root, "add the helpers")
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)

    main(["review", "--base", "main", "--format", "json", "--dry-run", "--jobs", "1"])
    review = json.loads(capsys.readouterr().out)

    assert [f["rule"] for f in review["findings"]["fixed"]] == ["ACME901"]
    assert not [f for f in review["findings"]["new"] if f["rule"] == "ACME901"]


def test_a_fact_is_built_once_per_commit_and_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[FactSource] = []

    def counting(source: FactSource) -> object:
        calls.append(source)
        return python_modules(source)

    monkeypatch.setattr(project, "FACT_BUILDERS", {"python-modules": counting})
    source = FactSource(tmp_path, "abc123", ("app/main.py",))
    cache = tmp_path / "cache"
    cache.mkdir()
    first = build_facts(source, ["python-modules"], cache)
    again = build_facts(source, ["python-modules"], cache)
    other = build_facts(FactSource(tmp_path, "def456", ("app/main.py",)), ["python-modules"], cache)

    assert first == again == other
    assert [c.commit for c in calls] == ["abc123", "def456"]
    assert first.used == (("python-modules", first.digests["python-modules"]),)
    assert ProjectFacts().subset(["python-modules"]).used == ()


def test_reading_an_undeclared_fact_is_reported_as_the_rules_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project_tree(tmp_path, declared="()")
    main(["check", str(root), "--format", "json", "--jobs", "1", "--no-cache"])
    crashes = [f for f in json.loads(capsys.readouterr().out)["findings"] if f["rule"] == "RB902"]
    assert crashes and "without declaring it in uses_facts" in crashes[0]["message"]


def test_declaring_an_unknown_fact_stops_the_run_naming_the_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project_tree(tmp_path, declared='("conventions",)')
    code = main(["check", str(root), "--jobs", "1"])
    err = capsys.readouterr().err
    assert code == 2
    assert (
        "MissingModule.uses_facts names unknown facts ['conventions']; "
        "known: django-models, drf-serializers, python-modules" in err
    )


def test_every_fact_of_the_rule_api_has_a_builder() -> None:
    assert project.FACT_BUILDERS.keys() == FACTS.keys()
