"""``reviewbot rules``: fits 80 columns, and says which presets enable each rule."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewbot.cli.main import cli
from reviewbot.cli.rules_table import ALWAYS, NO_PRESET, render_rules, rule_rows, summary_lines
from reviewbot.config.policy import CliOverrides
from reviewbot.config.preset_rules import presets_enabling
from reviewbot.config.presets import preset_directory, preset_names
from reviewbot.pipeline.session import Session, open_session
from reviewbot.ruleset.internal_codes import INTERNAL_RULES
from reviewbot.ruleset.registry import builtin_registry

ROW = re.compile(r"^(?P<code>RB\d+) +(?P<name>\S+) +(?P<severity>\S+) +(?P<presets>.+?)(?: +yes)?$")


@pytest.fixture(scope="module")
def session() -> Session:
    return open_session((), None, isolated=True, overrides=CliOverrides())


def _listing() -> str:
    result = CliRunner().invoke(cli, ["rules"])
    assert result.exit_code == 0, result.output
    return result.output


def _rows(listing: str) -> dict[str, dict[str, str]]:
    return {m["code"]: m.groupdict() for line in listing.splitlines() if (m := ROW.match(line))}


def test_every_line_fits_80_columns_off_a_terminal() -> None:
    listing = _listing()

    assert max(len(line) for line in listing.splitlines()) <= 80
    assert set(_rows(listing)) == {*builtin_registry().rules, *INTERNAL_RULES}


@pytest.mark.parametrize("width", [80, 100, 140])
def test_summaries_wrap_to_the_width_given(session: Session, width: int) -> None:
    rows = rule_rows(builtin_registry(), presets_enabling(session.catalog))

    lines = render_rules(rows, width).splitlines()

    assert max(len(line) for line in lines) <= width
    summaries = [line for line in lines if line.startswith(" ")]
    assert any(len(line) > width - 10 for line in summaries)  # the room is used


def test_a_long_summary_takes_two_lines_cut_with_an_ellipsis() -> None:
    text = "Checks for " + "a very long sentence " * 20 + "end."

    first, second = summary_lines(text, 80)

    assert first.startswith("       Checks for a very") and len(first) <= 80
    assert second.endswith(" …") and len(second) <= 80
    assert summary_lines("Short.", 80) == ["       Short."]


def _resolved_presets() -> dict[str, str]:
    """For each rule, the presets whose full policy (``--preset NAME``, no config) enables it."""
    selected = {
        name: open_session((), None, isolated=True, overrides=CliOverrides(preset=name))
        .policy.resolution()
        .rules
        for name in preset_names()
    }
    return {
        code: ", ".join(name for name in preset_names() if code in selected[name]) or NO_PRESET
        for code in builtin_registry().rules
    }


def test_the_presets_column_is_what_each_preset_resolves_to(session: Session) -> None:
    shown = {code: row["presets"] for code, row in _rows(_listing()).items()}
    expected = _resolved_presets()

    assert {code: shown[code] for code in expected} == expected
    assert {shown[code] for code in INTERNAL_RULES} == {ALWAYS}
    assert shown["RB305"] == "recommended, strict"  # certain: in the default preset
    assert shown["RB311"] == "strict"  # advisory: strict only


def test_the_column_follows_the_preset_files(session: Session, tmp_path: Path) -> None:
    shutil.copy(preset_directory() / "strict.toml", tmp_path / "only.toml")

    enabling = presets_enabling(session.catalog, tmp_path)

    assert enabling["RB302"] == ("only",)
    row = rule_rows(builtin_registry(), {})[0]
    assert row.presets == NO_PRESET  # a rule no preset enables is opt-in only


def test_fixable_rules_are_marked() -> None:
    listing = _listing()
    rows = _rows(listing)
    lines = listing.splitlines()
    marked = {line[:5] for line in lines if line[:5] in rows and line.endswith(" yes")}

    assert marked == {rule.code for rule in builtin_registry() if rule.fixable}
    assert marked  # RB309, RB314 and RB315 have fixes
