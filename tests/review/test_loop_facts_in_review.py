"""With the default preset, a pull request that adds a query per id of a caller's list gets a
comment; the same query in a loop over a model's fields is not posted, and says why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewbot.cli.main import main
from tests.deliver.github.builders import commit_files, git

BASE = '"""Orders."""\n\nfrom shop.models import Order, Product\n'
ADDED = '''

def invoice_all(order_ids):
    """Invoice each order."""
    invoiced = []
    for oid in order_ids:
        invoiced.append(Order.objects.get(pk=oid))
    return invoiced


def describe_fields():
    """One product per field name."""
    found = []
    for field in Order._meta.get_fields():
        found.append(Product.objects.get(name=field.name))
    return found
'''


@pytest.fixture()
def review(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> dict[str, object]:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    commit_files(root, {"shop/orders.py": BASE}, "base")
    git(root, "checkout", "-q", "-b", "topic")
    commit_files(root, {"shop/orders.py": BASE + ADDED}, "invoice orders")
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    args = ["--format", "json", "--dry-run", "--isolated", "--extend-select", "RB3"]
    main(["review", "--base", "main", *args])
    result: dict[str, object] = json.loads(capsys.readouterr().out)
    return result


def test_a_query_per_id_of_a_callers_list_is_posted(review: dict[str, object]) -> None:
    findings = review["findings"]
    assert isinstance(findings, dict)
    posted = [(f["rule"], f["line"]) for f in findings["new"] if f["rule"].startswith("RB3")]
    assert posted == [("RB304", 10)]


def test_a_query_per_field_of_a_model_is_dropped_with_its_reason(
    review: dict[str, object],
) -> None:
    dropped = review["dropped"]
    assert isinstance(dropped, list)
    assert [(d["rule"], d["line"], d["dropped"]) for d in dropped] == [
        (
            "RB304",
            18,
            {
                "reason": "loop:schema",
                "because": "the loop walks `Order._meta.get_fields()`, a model's fields (its "
                "`_meta`)",
            },
        )
    ]
