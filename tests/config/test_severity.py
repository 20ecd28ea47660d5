"""A rule's severity is resolved in one place, the same whatever switched the rule on.

The rule (``reviewbot.config.resolve.rule_severity``): an explicit ``[severity]`` entry wins (the
latest layer that has one: overrides, then the config, then the preset's declared severity),
else a reviewbot rule's own default, else the preset's ``[default-severity]`` for a ruff code.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewbot.cli.main import main
from reviewbot.config.catalog import RuleCatalog
from reviewbot.config.cli_overrides import CliOverrides
from reviewbot.config.policy import Policy, load_policy
from reviewbot.config.run_config import read_run_config
from reviewbot.config.settings import Origin
from reviewbot.findings import Category, Severity
from tests.config.conftest import LoadPolicy, write

PRESETS = ("recommended", "strict")
# Codes "strict" selects at info although their default is louder; "recommended" leaves them off.
ADVISORY = ("RB301", "RB302", "RB304", "RB306", "RB307", "RB308", "RB317", "RB318", "RB319")
ADVISORY_RUFF = ("PERF203", "PERF401", "PERF402", "G004", "C408")

QUERY_IN_LOOP = """\
def totals(ids, Order):
    out = []
    for pk in ids:
        out.append(Order.objects.get(pk=pk))
    return out
"""


def builtin_policy(
    catalog: RuleCatalog, tmp_path: Path, cli: CliOverrides, config: str | None = None
) -> Policy:
    """The policy the CLI would build for ``tmp_path`` (with ``config`` as .reviewbot.toml)."""
    if config is not None:
        write(tmp_path / ".reviewbot.toml", config)
    run_config = read_run_config(tmp_path, config_file=None, isolated=config is None)
    return load_policy(run_config, cli=cli, catalog=catalog)


def severity_of(policy: Policy, code: str) -> Severity:
    """``code``'s severity as the analyzers see it (the rule must be enabled)."""
    return policy.for_path("pkg/mod.py").rules[code].severity


# --- RB304: however it is switched on -----------------------------------------------------


@pytest.mark.parametrize(
    ("cli", "config"),
    [
        (CliOverrides(preset="strict"), None),
        (CliOverrides(extend_select=("RB304",)), None),  # the default preset, recommended
        (CliOverrides(select=("RB304",)), None),
        (CliOverrides(preset="strict", extend_select=("RB304",)), None),
        (CliOverrides(), 'extend-select = ["RB304"]\n'),
        (CliOverrides(), 'preset = "strict"\n'),
        (CliOverrides(), '[[overrides]]\npaths = ["pkg/"]\nextend-select = ["RB304"]\n'),
    ],
    ids=[
        "preset-strict",
        "extend-select-flag",
        "select-flag",
        "strict-and-flag",
        "config-extend-select",
        "config-preset",
        "override",
    ],
)
def test_rb304_has_one_severity_however_it_is_switched_on(
    builtin_catalog: RuleCatalog, tmp_path: Path, cli: CliOverrides, config: str | None
) -> None:
    policy = builtin_policy(builtin_catalog, tmp_path, cli, config)
    assert severity_of(policy, "RB304") is Severity.INFO
    assert policy.rule_severity("RB304").category is Category.PERFORMANCE


@pytest.mark.parametrize("code", [*ADVISORY, *ADVISORY_RUFF])
def test_advisory_rules_report_alike_in_every_preset(
    builtin_catalog: RuleCatalog, tmp_path: Path, code: str
) -> None:
    strict = builtin_policy(builtin_catalog, tmp_path, CliOverrides(preset="strict"))
    opted_in = builtin_policy(builtin_catalog, tmp_path, CliOverrides(extend_select=(code,)))
    default = builtin_policy(builtin_catalog, tmp_path, CliOverrides())
    assert code not in default.for_path("pkg/mod.py").rules
    assert severity_of(strict, code) is severity_of(opted_in, code) is Severity.INFO


def test_every_reviewbot_rule_reports_alike_in_every_preset(
    builtin_catalog: RuleCatalog, tmp_path: Path
) -> None:
    """A preset decides which of reviewbot's rules run, never how loud they are."""
    codes = tuple(builtin_catalog.rb_rules)
    by_preset = [
        builtin_policy(builtin_catalog, tmp_path, CliOverrides(preset=name)) for name in PRESETS
    ]
    opted_in = [
        builtin_policy(builtin_catalog, tmp_path, CliOverrides(preset=name, extend_select=codes))
        for name in PRESETS
    ]
    for code in codes:
        levels = {severity_of(policy, code) for policy in opted_in}
        levels |= {
            severity_of(policy, code)
            for policy in by_preset
            if code in policy.for_path("pkg/mod.py").rules
        }
        assert len(levels) == 1, (code, levels)


# --- the order: explicit [severity], then the rule's default, then [default-severity] ------


def test_explicit_severity_wins_over_the_presets(
    builtin_catalog: RuleCatalog, tmp_path: Path
) -> None:
    config = 'preset = "strict"\n[severity]\n"RB304" = "error"\n'
    policy = builtin_policy(builtin_catalog, tmp_path, CliOverrides(), config)
    assert severity_of(policy, "RB304") is Severity.ERROR
    assert policy.rule_severity("RB304").origin == Origin(".reviewbot.toml", "severity.RB304")


@pytest.mark.parametrize("cli", [CliOverrides(), CliOverrides(select=("RB310",))])
def test_a_rules_default_applies_when_no_severity_names_it(
    builtin_catalog: RuleCatalog, tmp_path: Path, cli: CliOverrides
) -> None:
    policy = builtin_policy(builtin_catalog, tmp_path, cli)
    assert severity_of(policy, "RB310") is Severity.WARNING
    assert str(policy.rule_severity("RB310").origin) == "the rule's default"


def test_the_declared_severity_applies_to_a_rule_the_preset_does_not_select(
    policy_for: LoadPolicy,
) -> None:
    # the "other" preset selects only F, and declares PERF401 = "info" as "base" does
    other = policy_for(
        'extend-select = ["PERF401", "PERF402"]\n', cli=CliOverrides(preset="other")
    )
    base = policy_for()
    for policy in (other, base):
        rules = policy.for_path("a.py").rules
        assert rules["PERF401"].severity is Severity.INFO
        assert rules["PERF402"].severity is Severity.WARNING  # [default-severity].performance


def test_rule_severity_is_what_the_file_policy_holds(policy_for: LoadPolicy) -> None:
    policy = policy_for(
        '[severity]\n"F" = "warning"\n'
        '[[overrides]]\npaths = ["tests/"]\nseverity = {F401 = "info"}\n'
    )
    for relpath in (None, "src/a.py", "tests/test_a.py"):
        rules = policy.resolution(relpath).rules
        assert rules
        for code, rule in rules.items():
            level = policy.rule_severity(code, relpath)
            assert (level.category, level.severity, level.origin) == (
                rule.category,
                rule.severity,
                rule.severity_origin,
            ), (relpath, code)
    assert policy.rule_severity("F401", "tests/test_a.py").severity is Severity.INFO
    assert policy.rule_severity("F401").severity is Severity.WARNING


# --- end to end: check and explain agree ---------------------------------------------------


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    out, _ = capsys.readouterr()
    return code, out


@pytest.mark.parametrize("flags", [("--preset", "strict"), ("--extend-select", "RB304")])
def test_check_reports_rb304_at_the_severity_explain_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: tuple[str, ...]
) -> None:
    source = write(tmp_path / "orders.py", QUERY_IN_LOOP)
    args = ("check", str(source), "--isolated", "--no-cache", "--format", "json", *flags)
    _, out = _run(capsys, *args)
    found = [f["severity"] for f in json.loads(out)["findings"] if f["rule"] == "RB304"]
    assert found == ["info"]
    code, page = _run(capsys, "explain", "RB304")
    assert code == 0
    assert (
        "Severity in the default policy (preset recommended, no config file): info, "
        "from preset recommended: severity.RB304. Not selected there;"
    ) in page


def test_explain_names_the_selector_of_an_enabled_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, page = _run(capsys, "explain", "rb305")
    assert code == 0
    lines = page.split("\n\n")
    assert lines[0] == "# RB305 deepcopy-in-loop"
    assert lines[1].startswith("Category: performance")
    assert lines[2] == (
        "Severity in the default policy (preset recommended, no config file): info, from the "
        "rule's default. Selected there by 'RB305' (preset recommended: select)."
    )
    code, page = _run(capsys, "explain", "PERF401")
    assert code == 0
    assert page.endswith(
        "\n\nSeverity in the default policy (preset recommended, no config file): info, from "
        "preset recommended: severity.PERF401. Not selected there; the same severity applies "
        "when a config's `select` or `extend-select`, or `--select` or `--extend-select`, "
        "switches it on.\nNot reported in generated code, vendored code (the preset's "
        "`[role-ignores]`); counted instead, and listed by `--show-dropped`. A config's "
        "`[role-ignores]` entry for a role replaces it.\n"
    )
    code, page = _run(capsys, "explain", "RB304")
    assert "Not reported in tests, examples and docs, scripts, generated code, vendored code" in page
