"""The effective policy: discovery, overrides by glob, severity, CLI and provenance."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from reviewbot.config.catalog import RuleCatalog
from reviewbot.config.cli_overrides import CliOverrides
from reviewbot.config.globs import any_glob_match
from reviewbot.config.model import RuleSettings, Thresholds
from reviewbot.config.policy import Policy, load_policy
from reviewbot.config.provenance import ProvenanceLine
from reviewbot.config.run_config import read_run_config
from reviewbot.findings import Category, FailOn, Severity
from tests.config.conftest import LoadPolicy, write


def _load(
    target: Path,
    catalog: RuleCatalog,
    preset_dir: Path,
    *,
    config_file: Path | None = None,
    isolated: bool = False,
    cli: CliOverrides | None = None,
) -> Policy:
    return load_policy(
        read_run_config(target, config_file=config_file, isolated=isolated),
        cli=cli or CliOverrides(),
        catalog=catalog,
        preset_dir=preset_dir,
    )


# --- which config, and the policy's root ---------------------------------------------------


def test_nearest_config_applies(
    tmp_path: Path, small_catalog: RuleCatalog, preset_dir: Path
) -> None:
    write(tmp_path / "pyproject.toml", '[tool.reviewbot]\npreset = "base"\nfail-on = "never"\n')
    write(tmp_path / "sub" / ".reviewbot.toml", 'preset = "other"\n')
    write(tmp_path / "sub" / "pkg" / "a.py", "")
    outer = _load(tmp_path / "src", small_catalog, preset_dir)
    inner = _load(tmp_path / "sub" / "pkg" / "a.py", small_catalog, preset_dir)
    assert (outer.root, outer.config_path, outer.preset, outer.fail_on) == (
        tmp_path.resolve(),
        (tmp_path / "pyproject.toml").resolve(),
        "base",
        FailOn.NEVER,
    )
    assert (inner.root, inner.preset, inner.fail_on) == (
        (tmp_path / "sub").resolve(),
        "other",
        FailOn.ERROR,
    )


def test_reviewbot_toml_wins_over_pyproject(
    tmp_path: Path, small_catalog: RuleCatalog, preset_dir: Path
) -> None:
    write(tmp_path / "pyproject.toml", '[tool.reviewbot]\npreset = "other"\n')
    write(tmp_path / ".reviewbot.toml", 'preset = "base"\n')
    policy = _load(tmp_path, small_catalog, preset_dir)
    assert policy.config_path == (tmp_path / ".reviewbot.toml").resolve()
    assert policy.preset == "base"


def test_config_option(tmp_path: Path, small_catalog: RuleCatalog, preset_dir: Path) -> None:
    write(tmp_path / "project" / ".reviewbot.toml", 'preset = "base"\n')
    chosen = write(tmp_path / "ci" / "review.toml", 'preset = "other"\n')
    policy = _load(tmp_path / "project", small_catalog, preset_dir, config_file=chosen)
    assert (policy.preset, policy.config_path, policy.root) == (
        "other",
        chosen.resolve(),
        chosen.parent.resolve(),
    )


def test_isolated_uses_preset_defaults_only(
    tmp_path: Path, small_catalog: RuleCatalog, preset_dir: Path
) -> None:
    write(tmp_path / ".reviewbot.toml", 'preset = "other"\nfail-on = "never"\n')
    policy = _load(
        tmp_path, small_catalog, preset_dir, isolated=True, cli=CliOverrides(preset="base")
    )
    assert (policy.config_path, policy.preset, policy.fail_on) == (None, "base", FailOn.ERROR)
    assert policy.root == tmp_path.resolve()
    assert policy.explain()[0] == ProvenanceLine(
        "config", "none", "--isolated: no config file, preset defaults only"
    )


def test_default_preset_is_recommended(
    tmp_path: Path, small_catalog: RuleCatalog, preset_dir: Path
) -> None:
    write(preset_dir / "recommended.toml", (preset_dir / "base.toml").read_text())
    write(tmp_path / "project" / "a.py", "")
    policy = _load(tmp_path / "project" / "a.py", small_catalog, preset_dir)
    assert policy.preset == "recommended"
    assert policy.root == (tmp_path / "project").resolve()


def test_exclude_is_anchored_at_the_config_folder(policy_for: LoadPolicy, tmp_path: Path) -> None:
    policy = policy_for('exclude = ["build/", "**/migrations/*.py"]\n')
    assert policy.exclude == ("build/", "**/migrations/*.py")
    assert policy.root == (tmp_path / "project").resolve()
    # as the session applies it (Session.excluded), to paths relative to the root
    assert any_glob_match(policy.exclude, "build/lib/a.py")
    assert any_glob_match(policy.exclude, "app/migrations/0001_initial.py")
    assert not any_glob_match(policy.exclude, "app/models.py")


# --- file policies ----------------------------------------------------------------------


def test_file_policy_record(policy_for: LoadPolicy) -> None:
    file_policy = policy_for().for_path("src/a.py")
    assert file_policy.rules["F401"] == RuleSettings("F401", Category.CORRECTNESS, Severity.ERROR)
    assert file_policy.rules["PERF401"] == RuleSettings(
        "PERF401", Category.PERFORMANCE, Severity.INFO
    )
    assert file_policy.rules["RB201"] == RuleSettings(
        "RB201", Category.COMPLEXITY, Severity.WARNING
    )
    assert file_policy.thresholds == Thresholds()
    assert file_policy.fail_on is FailOn.ERROR
    assert file_policy.enabled("B006") and not file_policy.enabled("B007")


def test_overrides_apply_by_glob_in_order(policy_for: LoadPolicy) -> None:
    policy = policy_for(
        """
        [[overrides]]
        paths = ["tests/**", "*_test.py"]
        ignore = ["F841"]
        fail-on = "never"
        [overrides.thresholds]
        nesting = 8

        [[overrides]]
        paths = ["tests/legacy/"]
        extend-select = ["F841", "T20"]
        """
    )
    src, test, legacy = (
        policy.for_path(p) for p in ("src/a.py", "tests/test_a.py", "tests/legacy/test_b.py")
    )
    assert "F841" in src.rules and "F841" not in test.rules and "F841" in legacy.rules
    assert "T201" in legacy.rules and "T201" not in test.rules
    assert "F841" not in policy.for_path("pkg/a_test.py").rules
    assert (src.thresholds.nesting, test.thresholds.nesting, legacy.thresholds.nesting) == (4, 8, 8)
    assert (src.fail_on, test.fail_on) == (FailOn.ERROR, FailOn.NEVER)
    assert policy.fail_on is FailOn.ERROR


def test_override_order_matters(policy_for: LoadPolicy) -> None:
    first_ignores = policy_for(
        '[[overrides]]\npaths = ["a/"]\nignore = ["F401"]\n'
        '[[overrides]]\npaths = ["a/b/"]\nextend-select = ["F401"]\n'
    )
    first_selects = policy_for(
        '[[overrides]]\npaths = ["a/b/"]\nextend-select = ["F401"]\n'
        '[[overrides]]\npaths = ["a/"]\nignore = ["F401"]\n'
    )
    assert "F401" in first_ignores.for_path("a/b/c.py").rules
    assert "F401" not in first_selects.for_path("a/b/c.py").rules


def test_override_select_replaces_for_those_files(policy_for: LoadPolicy) -> None:
    policy = policy_for('[[overrides]]\npaths = ["scripts/"]\nselect = ["T20"]\n')
    assert set(policy.for_path("scripts/run.py").rules) == {"T201"}


def test_preset_override_applies_after_the_config_base(policy_for: LoadPolicy) -> None:
    # the base preset ignores S101 under tests/, even when the config selects it everywhere
    policy = policy_for('extend-select = ["S101"]\n')
    assert "S101" in policy.for_path("src/a.py").rules
    assert "S101" not in policy.for_path("tests/test_a.py").rules
    # ... and the config's own override can bring it back
    policy = policy_for(
        'extend-select = ["S101"]\n[[overrides]]\npaths = ["tests/"]\nextend-select = ["S101"]\n'
    )
    assert "S101" in policy.for_path("tests/test_a.py").rules


def test_resolution_is_memoised_per_set_of_matching_overrides(policy_for: LoadPolicy) -> None:
    policy = policy_for('[[overrides]]\npaths = ["tests/"]\nignore = ["F841"]\n')
    assert policy.resolution("src/a.py") is policy.resolution("lib/deep/b.py")
    assert policy.resolution("src/a.py") is policy.resolution(None)
    assert policy.resolution("tests/a.py") is policy.resolution("tests/unit/b.py")
    assert policy.resolution("tests/a.py") is not policy.resolution("src/a.py")


def test_cli_fail_on_wins_over_file_and_overrides(policy_for: LoadPolicy) -> None:
    policy = policy_for(
        'fail-on = "warning"\n[[overrides]]\npaths = ["tests/"]\nfail-on = "never"\n',
        cli=CliOverrides(fail_on=FailOn.INFO),
    )
    assert policy.fail_on is FailOn.INFO
    assert policy.for_path("tests/a.py").fail_on is FailOn.INFO


def test_cli_preset_wins_over_file(policy_for: LoadPolicy) -> None:
    policy = policy_for(cli=CliOverrides(preset="other"))
    assert policy.preset == "other"
    assert set(policy.for_path("a.py").rules) == {"F401", "F841"}


# --- severity ---------------------------------------------------------------------------


def severities(policy: Policy, path: str = "src/a.py") -> dict[str, Severity]:
    return {code: rule.severity for code, rule in policy.for_path(path).rules.items()}


def test_severity_defaults(policy_for: LoadPolicy) -> None:
    levels = severities(policy_for('extend-select = ["C4", "T20", "S101", "PLR0911"]\n'))
    assert levels["F401"] is Severity.ERROR  # correctness default
    assert levels["PERF402"] is Severity.WARNING  # performance default
    assert levels["PERF401"] is Severity.INFO  # the preset's [severity]
    assert levels["C400"] is Severity.WARNING  # C4 is performance
    assert levels["PLR0911"] is Severity.WARNING  # complexity
    assert levels["T201"] is Severity.INFO  # listed nowhere: "ALL" -> convention
    assert levels["S101"] is Severity.ERROR
    assert levels["RB101"] is Severity.INFO  # the rule's own default
    assert levels["RB201"] is Severity.WARNING


def test_user_severity_longest_selector_wins(policy_for: LoadPolicy) -> None:
    levels = severities(policy_for('[severity]\nF = "warning"\nF401 = "info"\nRB2 = "error"\n'))
    assert (levels["F401"], levels["F841"], levels["RB201"]) == (
        Severity.INFO,
        Severity.WARNING,
        Severity.ERROR,
    )


def test_user_severity_beats_preset_severity_even_if_shorter(policy_for: LoadPolicy) -> None:
    assert severities(policy_for('[severity]\nPERF = "error"\n'))["PERF401"] is Severity.ERROR


def test_override_severity_beats_base(policy_for: LoadPolicy) -> None:
    policy = policy_for(
        '[severity]\nF401 = "info"\n[[overrides]]\npaths = ["app/"]\nseverity = {F = "warning"}\n'
    )
    assert severities(policy, "lib/a.py")["F401"] is Severity.INFO
    assert severities(policy, "app/a.py")["F401"] is Severity.WARNING


def test_categories_longest_selector_wins(
    ruff_rules: object, catalog: RuleCatalog, tmp_path: Path
) -> None:
    from reviewbot.config.presets import load_preset
    from reviewbot.config.resolve import category_of

    preset = load_preset("recommended", catalog)
    assert category_of("E722", preset, catalog) is Category.CORRECTNESS  # E722 beats E
    assert category_of("E501", preset, catalog) is Category.CONVENTION
    assert category_of("PLR2004", preset, catalog) is Category.CONVENTION
    assert category_of("PLR1714", preset, catalog) is Category.CONVENTION  # a simplification
    assert category_of("PERF401", preset, catalog) is Category.PERFORMANCE
    assert category_of("RB201", preset, catalog) is Category.COMPLEXITY  # the rule's own


# --- ruff codes and cache key -----------------------------------------------------------


def test_ruff_codes_cover_every_file(policy_for: LoadPolicy) -> None:
    policy = policy_for('[[overrides]]\npaths = ["scripts/"]\nextend-select = ["T20"]\n')
    assert policy.ruff_codes() == {"B006", "E722", "F401", "F841", "PERF401", "PERF402", "T201"}


def test_ruff_codes_after_cli(policy_for: LoadPolicy) -> None:
    policy = policy_for(
        '[[overrides]]\npaths = ["scripts/"]\nextend-select = ["T20"]\n',
        cli=CliOverrides(ignore=("T20", "F")),
    )
    assert policy.ruff_codes() == {"B006", "E722", "PERF401", "PERF402"}
    assert policy_for(cli=CliOverrides(select=("E501", "RB"))).ruff_codes() == {"E501"}


# --- provenance -------------------------------------------------------------------------


def test_explain(policy_for: LoadPolicy, tmp_path: Path) -> None:
    policy = policy_for(
        """
        fail-on = "warning"
        extend-select = ["T20"]
        [severity]
        F401 = "info"
        [[overrides]]
        paths = ["tests/"]
        ignore = ["F841"]
        thresholds = {nesting = 6}
        """,
        cli=CliOverrides(ignore=("E722",)),
    )
    lines = {line.key: line for line in policy.explain("tests/test_a.py")}
    project = tmp_path / "project"
    assert lines["config"] == ProvenanceLine(
        "config",
        str((project / ".reviewbot.toml").resolve()),
        f"nearest config at or above {project}",
    )
    assert lines["preset"] == ProvenanceLine("preset", "base", ".reviewbot.toml: preset")
    assert lines["exclude"] == ProvenanceLine("exclude", "(none)", "default")
    assert lines["fail-on"] == ProvenanceLine("fail-on", "warning", ".reviewbot.toml: fail-on")
    assert lines["thresholds.nesting"] == ProvenanceLine(
        "thresholds.nesting", "6", ".reviewbot.toml: overrides[0].thresholds.nesting"
    )
    assert lines["thresholds.maintainability"] == ProvenanceLine(
        "thresholds.maintainability", "10", "preset base: thresholds.maintainability"
    )
    assert lines["rules.F401"] == ProvenanceLine(
        "rules.F401",
        "info (correctness)",
        "selected by 'F' (preset base: select); severity from .reviewbot.toml: severity.F401",
    )
    assert lines["rules.T201"] == ProvenanceLine(
        "rules.T201",
        "info (convention)",
        "selected by 'T20' (.reviewbot.toml: extend-select);"
        " severity from preset base: default-severity.convention",
    )
    assert (
        lines["rules.RB101"].source
        == "selected by 'RB' (preset base: select); severity from the rule's default"
    )
    assert "rules.F841" not in lines and "rules.E722" not in lines
    overrides = [line for line in policy.explain("tests/test_a.py") if line.key == "override"]
    assert overrides == [
        ProvenanceLine("override", "tests/", "preset base: overrides[0]"),
        ProvenanceLine("override", "tests/", ".reviewbot.toml: overrides[0]"),
    ]


def test_explain_cli_sources(policy_for: LoadPolicy) -> None:
    policy = policy_for(
        cli=CliOverrides(preset="base", extend_select=("T201",), fail_on=FailOn.NEVER)
    )
    lines = {line.key: line for line in policy.explain()}
    assert lines["preset"].source == "command line: --preset"
    assert lines["fail-on"].source == "command line: --fail-on"
    assert lines["rules.T201"].source.startswith(
        "selected by 'T201' (command line: --extend-select)"
    )
    assert str(lines["fail-on"]) == "fail-on = never  (command line: --fail-on)"


def test_pyproject_provenance_names_the_table(
    tmp_path: Path, small_catalog: RuleCatalog, preset_dir: Path
) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[tool.reviewbot]\npreset = "base"\n[tool.reviewbot.thresholds]\ncognitive = 9\n',
    )
    lines = {line.key: line for line in _load(tmp_path, small_catalog, preset_dir).explain()}
    assert (
        lines["thresholds.cognitive"].source
        == "pyproject.toml: tool.reviewbot.thresholds.cognitive"
    )


@pytest.mark.parametrize("maintainability", ["12", "12.5"])
def test_maintainability_accepts_numbers(policy_for: LoadPolicy, maintainability: str) -> None:
    policy = policy_for(f"[thresholds]\nmaintainability = {maintainability}\n")
    assert policy.for_path("a.py").thresholds.maintainability == float(maintainability)


def test_policies_pickle_for_worker_processes(policy_for: LoadPolicy) -> None:
    policy = policy_for('[[overrides]]\npaths = ["tests/"]\nignore = ["F841"]\n')
    file_policy = policy.for_path("tests/a.py")
    assert pickle.loads(pickle.dumps(file_policy)) == file_policy
    copy = pickle.loads(pickle.dumps(policy))
    assert copy.for_path("tests/a.py") == file_policy
