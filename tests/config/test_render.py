"""`reviewbot config` output: the effective policy with each value's source."""

from __future__ import annotations

from pathlib import Path

from reviewbot.config.cli_overrides import CliOverrides
from reviewbot.config.render import render_policy
from tests.config.conftest import LoadPolicy
from tests.snapshot import assert_snapshot

CONFIG = """
fail-on = "warning"
exclude = ["build/"]
extend-select = ["T20"]
[severity]
F401 = "info"
[[overrides]]
paths = ["tests/"]
ignore = ["F841"]
thresholds = {nesting = 6}
"""


def _render(policy_for: LoadPolicy, tmp_path: Path, relpath: str | None) -> str:
    policy = policy_for(CONFIG, cli=CliOverrides(ignore=("E722",)))
    return (
        render_policy(policy, relpath)
        .replace(str(tmp_path.resolve()), "<tmp>")
        .replace(str(tmp_path), "<tmp>")
    )


def test_render_base_policy(policy_for: LoadPolicy, tmp_path: Path) -> None:
    assert_snapshot("policy-base.txt", _render(policy_for, tmp_path, None))


def test_render_policy_for_a_path(policy_for: LoadPolicy, tmp_path: Path) -> None:
    assert_snapshot("policy-tests-path.txt", _render(policy_for, tmp_path, "tests/test_a.py"))


def test_render_groups_by_category_in_review_order(policy_for: LoadPolicy, tmp_path: Path) -> None:
    text = _render(policy_for, tmp_path, None)
    headings = [
        line.strip().split(" ")[0]
        for line in text.splitlines()
        if line.startswith("  ") and not line.startswith("    ")
    ]
    assert headings[-4:] == ["correctness", "performance", "complexity", "convention"]
