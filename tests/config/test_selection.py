"""select / extend-select / ignore with ruff's meaning, across layers and by specificity."""

from __future__ import annotations

import pytest

from reviewbot.config.cli_overrides import CliOverrides
from tests.config.conftest import LoadPolicy

BASE_RULES = {"B006", "E722", "F401", "F841", "PERF401", "PERF402", "RB101", "RB201"}


def enabled(policy_for: LoadPolicy, config: str = "", cli: CliOverrides | None = None) -> set[str]:
    return set(policy_for(config, cli=cli).for_path("src/a.py").rules)


def test_preset_selection(policy_for: LoadPolicy) -> None:
    assert enabled(policy_for) == BASE_RULES  # B007 is ignored by the preset


def test_select_replaces_the_preset_selection(policy_for: LoadPolicy) -> None:
    assert enabled(policy_for, 'select = ["E"]\n') == {"E501", "E722"}


def test_extend_select_adds(policy_for: LoadPolicy) -> None:
    assert enabled(policy_for, 'extend-select = ["C4"]\n') == BASE_RULES | {"C400", "C408"}


def test_ignore_removes(policy_for: LoadPolicy) -> None:
    assert enabled(policy_for, 'ignore = ["F841", "RB"]\n') == BASE_RULES - {
        "F841",
        "RB101",
        "RB201",
    }


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        # the more specific (longer) selector wins within a layer
        ('select = ["E"]\nignore = ["E5"]\n', {"E722"}),
        ('select = ["E501"]\nignore = ["E"]\n', {"E501"}),
        ('select = ["PL"]\nignore = ["PLR"]\n', {"PLW0120", "PLC0206"}),
        ('select = ["PLR2004"]\nignore = ["PL"]\n', {"PLR2004"}),
        # a tie goes to ignore
        ('select = ["F"]\nignore = ["F"]\n', set()),
        (
            'select = ["F401", "F841"]\nextend-select = ["E501"]\nignore = ["F401"]\n',
            {"F841", "E501"},
        ),
    ],
)
def test_specificity_within_a_layer(
    policy_for: LoadPolicy, config: str, expected: set[str]
) -> None:
    assert enabled(policy_for, config) == expected


def test_all_minus_a_linter(policy_for: LoadPolicy) -> None:
    rules = enabled(policy_for, 'select = ["ALL"]\nignore = ["RB", "PL"]\n')
    assert "E501" in rules and "T201" in rules and "S101" in rules
    assert not rules & {"RB101", "RB201", "PLR2004", "PLW0120", "PLC0206", "PLR0911"}


def test_later_layer_reenables_what_an_earlier_one_ignored(policy_for: LoadPolicy) -> None:
    assert "B007" in enabled(policy_for, 'extend-select = ["B007"]\n')


def test_short_extend_select_does_not_undo_earlier_ignore_specificity(
    policy_for: LoadPolicy,
) -> None:
    # ruff: a later layer's selector applies to every code it names, however short it is
    assert "B007" in enabled(policy_for, 'extend-select = ["B"]\n')


def test_cli_select_replaces_the_config(policy_for: LoadPolicy) -> None:
    rules = enabled(policy_for, 'extend-select = ["C4"]\n', CliOverrides(select=("E501",)))
    assert rules == {"E501"}


def test_cli_extend_select_and_ignore(policy_for: LoadPolicy) -> None:
    cli = CliOverrides(extend_select=("T20,C408",), ignore=("F",))
    rules = enabled(policy_for, 'ignore = ["C4"]\n', cli)
    assert rules == (BASE_RULES - {"F401", "F841"}) | {"T201", "C408"}


def test_cli_ignore_beats_a_matching_override(policy_for: LoadPolicy) -> None:
    config = '[[overrides]]\npaths = ["src/"]\nextend-select = ["T201"]\n'
    policy = policy_for(config, cli=CliOverrides(ignore=("T20",)))
    assert "T201" not in policy.for_path("src/a.py").rules
