"""The ``[review]`` and ``[policy]`` tables: defaults, values, and one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewbot.config.catalog import RuleCatalog
from reviewbot.config.cli_overrides import CliOverrides
from reviewbot.config.policy import load_policy
from reviewbot.config.review_settings import (
    DEFAULT_LOCKFILES,
    PrPolicySettings,
    ReviewSettings,
    lockfile_paths,
)
from reviewbot.config.run_config import read_run_config
from reviewbot.errors import ConfigError
from tests.config.conftest import LoadPolicy, write


def test_defaults_without_the_tables(policy_for: LoadPolicy) -> None:
    policy = policy_for()
    assert policy.review == ReviewSettings(
        max_comments=25, request_changes=True, approve=False, complexity_increase=5
    )
    assert policy.pr_policy == PrPolicySettings()
    assert policy.pr_policy.pr_size_lines == 400
    assert policy.pr_policy.lockfiles_for("pyproject.toml") == (
        "poetry.lock",
        "uv.lock",
        "pdm.lock",
    )


def test_values_and_switches(policy_for: LoadPolicy) -> None:
    policy = policy_for(
        """
        [review]
        max-comments = 0
        request-changes = false
        approve = true
        complexity-increase = 0

        [policy]
        pr-size-lines = false
        tests-required = false
        source-patterns = ["src/"]
        test-patterns = ["spec/"]
        description-min-length = false
        migrations = false
        migration-patterns = ["db/versions/*.py"]
        todos = false

        [policy.lockfiles]
        "setup.cfg" = "constraints.txt"
        Pipfile = []
        """
    )
    assert policy.review == ReviewSettings(0, False, True, 0)
    pr = policy.pr_policy
    assert (pr.pr_size_lines, pr.tests_required, pr.description_min_length) == (None, False, 0)
    assert (pr.source_patterns, pr.test_patterns) == (("src/",), ("spec/",))
    assert (pr.migrations, pr.migration_patterns, pr.todos) == (False, ("db/versions/*.py",), False)
    assert pr.lockfiles_for("setup.cfg") == ("constraints.txt",)
    assert pr.lockfiles_for("Pipfile") == ()
    assert pr.lockfiles_for("requirements.in") == ("requirements.txt",)


def test_lockfiles_false_turns_the_check_off(policy_for: LoadPolicy) -> None:
    assert policy_for("[policy]\nlockfiles = false\n").pr_policy.lockfiles == ()
    assert policy_for().pr_policy.lockfiles == DEFAULT_LOCKFILES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "[review]\nmax-coments = 3\n",
            "review.max-coments: unknown key; did you mean 'max-comments'?",
        ),
        (
            "[review]\nmax-comments = -1\n",
            "review.max-comments: expected an integer of at least 0, got -1",
        ),
        ('[review]\napprove = "yes"\n', "review.approve: expected true or false, got a string"),
        (
            "[policy]\npr-size-lines = true\n",
            "policy.pr-size-lines: expected a positive integer or false, got a boolean",
        ),
        (
            "[policy]\npr-size-lines = 0\n",
            "policy.pr-size-lines: expected a positive integer or false, got 0",
        ),
        (
            '[policy]\ntest-patterns = "tests/"\n',
            "policy.test-patterns: expected an array of strings, got a string",
        ),
        (
            '[policy.lockfiles]\n"pyproject.toml" = 3\n',
            'policy.lockfiles."pyproject.toml": expected an array of strings, got an integer',
        ),
        ("[policy]\ntodo = false\n", "policy.todo: unknown key; did you mean 'todos'?"),
        ("review = 3\n", "review: expected a table, got an integer"),
        (
            '[[overrides]]\npaths = ["a/"]\n[overrides.review]\nmax-comments = 1\n',
            "overrides[0].review: cannot be set per path",
        ),
    ],
)
def test_errors_name_the_file_and_key(
    tmp_path: Path, small_catalog: RuleCatalog, preset_dir: Path, text: str, expected: str
) -> None:
    path = write(tmp_path / "project" / ".reviewbot.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_policy(
            read_run_config(path.parent, config_file=None, isolated=False),
            cli=CliOverrides(),
            catalog=small_catalog,
            preset_dir=preset_dir,
        )
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: {expected}")


def test_pyproject_table(tmp_path: Path, small_catalog: RuleCatalog, preset_dir: Path) -> None:
    path = write(
        tmp_path / "project" / "pyproject.toml",
        '[tool.reviewbot]\npreset = "base"\n\n[tool.reviewbot.review]\nmax-comments = 7\n',
    )
    policy = load_policy(
        read_run_config(path.parent, config_file=None, isolated=False),
        cli=CliOverrides(),
        catalog=small_catalog,
        preset_dir=preset_dir,
    )
    assert policy.review.max_comments == 7


def test_lockfile_paths_sit_next_to_the_manifest(policy_for: LoadPolicy) -> None:
    default = policy_for().pr_policy
    assert lockfile_paths("svc/pyproject.toml", default) == [
        "svc/poetry.lock",
        "svc/uv.lock",
        "svc/pdm.lock",
    ]
    assert lockfile_paths("requirements/dev.in", default) == ["requirements/dev.txt"]
    assert lockfile_paths("setup.cfg", default) == []
    dropped = policy_for('[policy.lockfiles]\n"requirements-dev.in" = []\n').pr_policy
    assert lockfile_paths("requirements-dev.in", dropped) == []
    assert lockfile_paths("requirements-test.in", dropped) == ["requirements-test.txt"]
    off = policy_for("[policy]\nlockfiles = false\n").pr_policy
    assert lockfile_paths("requirements-dev.in", off) == []
