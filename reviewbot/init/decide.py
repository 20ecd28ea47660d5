"""``reviewbot init``: decide a starter config from what the repository looks like.

:func:`plan_init` inspects the repository, decides each setting with a one-line reason, renders
the commented config and checks that it loads; the command prints the decisions and writes the
file. Nothing here writes.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewbot.config.catalog import RuleCatalog
from reviewbot.config.files import PYPROJECT_TABLE, PYPROJECT_TOML, REVIEWBOT_TOML, read_toml
from reviewbot.config.presets import DEFAULT_PRESET, preset_directory, preset_names
from reviewbot.config.ruff_binary import ruff_binary
from reviewbot.config.ruff_rules import read_ruff_rules
from reviewbot.config.schema import parse_config
from reviewbot.config.toml_values import KeyPath
from reviewbot.errors import ConfigError, UsageError
from reviewbot.init.repo_facts import RepoFacts, inspect_repository
from reviewbot.init.toml_text import (
    ConfigChoices,
    has_reviewbot_table,
    render_config,
    splice_pyproject,
)
from reviewbot.ruleset.registry import builtin_registry

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

FILE_CHOICES = ("pyproject", "reviewbot-toml")
_TEST_GLOBS = ("tests/", "test/", "test_*.py", "*_test.py", "conftest.py")


@dataclass(frozen=True)
class InitOptions:
    """``reviewbot init [PATH] [--preset NAME] [--force] [--file pyproject|reviewbot-toml]``."""

    root: Path
    preset: str | None = None
    force: bool = False
    file: str | None = None  # one of FILE_CHOICES; None: pyproject.toml when there is one


@dataclass(frozen=True)
class Decision:
    """One setting ``init`` chose and why."""

    topic: str
    choice: str
    reason: str

    def __str__(self) -> str:
        return f"{self.topic}: {self.choice} ({self.reason})"


@dataclass(frozen=True)
class InitPlan:
    """The file to write, its full new text, and the decisions behind it."""

    path: Path
    text: str
    decisions: tuple[Decision, ...]


def plan_init(options: InitOptions) -> InitPlan:
    """Decide and render the config for ``options.root``; raise UsageError if one exists."""
    if not options.root.is_dir():
        raise UsageError(f"not a folder: {options.root}")
    names = preset_names()
    preset = options.preset or DEFAULT_PRESET
    if preset not in names:
        raise UsageError(
            f"--preset: unknown preset '{preset}' (expected one of {', '.join(names)})"
        )
    facts = inspect_repository(options.root)
    path, file_decision = _target_file(options, facts)
    _refuse_existing(options.root, path, force=options.force)
    choices, decisions = decide(facts, preset, preset_given=options.preset is not None)
    table = PYPROJECT_TABLE if path.name == PYPROJECT_TOML else ""
    section = render_config(choices, table)
    text = splice_pyproject(_read(path), section) if table else section
    check_written_config(path, text, _read(path) if table else None)
    return InitPlan(path, text, (file_decision, *decisions))


def decide(
    facts: RepoFacts, preset: str, *, preset_given: bool
) -> tuple[ConfigChoices, list[Decision]]:
    """The settings for ``facts`` and one decision line per setting."""
    raw = read_toml(preset_directory() / f"{preset}.toml")
    why_preset = (
        "--preset"
        if preset_given
        else (
            "the default: quiet on existing code, only bugs and clear performance smells block; "
            "--preset strict for more"
        )
    )
    decisions = [
        Decision("preset", preset, why_preset),
        Decision("fail-on", "error", "only errors block; warnings and info are reported"),
        _python_decision(facts),
        _ruff_decision(facts),
    ]
    tests, override_paths = _tests_decision(facts)
    django, exclude, extend = _django_decision(facts)
    choices = ConfigChoices(
        preset=preset,
        fail_on="error",
        exclude=exclude,
        extend_select=extend,
        test_override_paths=override_paths,
        test_override_ignore=_test_ignores(raw) if override_paths else (),
        thresholds=dict(raw.get("thresholds", {})),
        ruff_selected=facts.ruff.selected if facts.ruff else (),
        models=facts.models,
    )
    loops = [_models_decision(facts)] if facts.models else []
    return choices, [*decisions, tests, django, *loops]


def _target_file(options: InitOptions, facts: RepoFacts) -> tuple[Path, Decision]:
    kind = options.file or ("pyproject" if facts.has_pyproject else "reviewbot-toml")
    if kind not in FILE_CHOICES:
        raise UsageError(f"--file: expected one of {', '.join(FILE_CHOICES)}, got '{kind}'")
    if kind == "pyproject":
        return options.root / PYPROJECT_TOML, _pyproject_decision(chosen=options.file is not None)
    return options.root / REVIEWBOT_TOML, _dotfile_decision(options, facts)


def _pyproject_decision(*, chosen: bool) -> Decision:
    reason = (
        "--file pyproject"
        if chosen
        else (f"{PYPROJECT_TOML} exists; --file reviewbot-toml writes {REVIEWBOT_TOML} instead")
    )
    return Decision("config", f"[{PYPROJECT_TABLE}] in {PYPROJECT_TOML}", reason)


def _dotfile_decision(options: InitOptions, facts: RepoFacts) -> Decision:
    reason = "--file reviewbot-toml" if options.file else f"no {PYPROJECT_TOML} here"
    if facts.has_pyproject and has_reviewbot_table(_read(options.root / PYPROJECT_TOML)):
        reason += f"; it takes precedence: remove [{PYPROJECT_TABLE}] from {PYPROJECT_TOML}"
    return Decision("config", REVIEWBOT_TOML, reason)


def _refuse_existing(root: Path, path: Path, *, force: bool) -> None:
    """Refuse to replace an existing reviewbot config unless ``force``."""
    if force:
        return
    dotfile, pyproject = root / REVIEWBOT_TOML, root / PYPROJECT_TOML
    if dotfile.is_file():
        raise UsageError(f"{dotfile} already exists; rerun with --force to replace it")
    if pyproject.is_file() and has_reviewbot_table(_read(pyproject)):
        what = (
            "replace it"
            if path == pyproject
            else f"write {path.name} (which would take precedence)"
        )
        raise UsageError(
            f"{pyproject} already has a [{PYPROJECT_TABLE}] table; rerun with --force to {what}"
        )


def _python_decision(facts: RepoFacts) -> Decision:
    if facts.python is None:
        return Decision(
            "python",
            "not declared",
            "no requires-python or ruff target-version; ruff assumes its default, so declare "
            "requires-python to match version-specific rules to your runtime",
        )
    return Decision(
        "python",
        facts.python.version,
        f"{facts.python.source}; ruff's version-specific rules follow it",
    )


def _ruff_decision(facts: RepoFacts) -> Decision:
    ruff = facts.ruff
    if ruff is None:
        return Decision(
            "ruff", "no ruff config", "ruff runs with its defaults; nothing to carry over"
        )
    kept = [f"line-length {ruff.line_length}"] if ruff.line_length else []
    kept += [f"target-version {ruff.target_version}"] if ruff.target_version else []
    settings = ", ".join(kept) or "its settings"
    note = "; your ruff select is listed in a comment to carry over" if ruff.selected else ""
    return Decision(
        "ruff",
        f"keeping {settings} from {ruff.file}",
        f"reviewbot runs ruff with your settings and only chooses which rules run{note}",
    )


def _tests_decision(facts: RepoFacts) -> tuple[Decision, tuple[str, ...]]:
    layout = facts.tests
    modules = layout.tests_modules
    if modules:
        reason = f"{len(modules)} Django-style tests.py module(s), e.g. {modules[0]}"
        return Decision(
            "tests", "added an override for tests.py", f"{reason}; assert is how they check"
        ), ("tests.py",)
    if layout.folders or layout.test_files:
        where = ", ".join(f"{folder}/" for folder in layout.folders) or "test_*.py modules"
        found = f"{where} with {layout.test_files} test module(s)"
        return Decision(
            "tests", found, "the preset's [[overrides]] already relax rules for tests there"
        ), ()
    return Decision("tests", "none found", "add tests/ and the preset relaxes rules there"), ()


def _django_decision(facts: RepoFacts) -> tuple[Decision, dict[str, str], dict[str, str]]:
    if not facts.django:
        return Decision("django", "no", "no django dependency and no manage.py"), {}, {}
    exclude = {"migrations/": "generated by Django"}
    extend = {"DJ": "flake8-django: model and form pitfalls"}
    evidence = ", ".join(facts.django)
    choice = "yes: excluding migrations/ and selecting DJ (flake8-django)"
    return Decision("django", choice, evidence), exclude, extend


def _models_decision(facts: RepoFacts) -> Decision:
    guessed = {size: sum(1 for m in facts.models if m.size == size) for size in ("large", "small")}
    choice = (
        f"{len(facts.models)} Django model(s) listed, commented out, in [loops] "
        f"({guessed['large']} guessed large, {guessed['small']} small)"
    )
    return Decision("loops", choice, "nothing is declared until you uncomment a line")


def _test_ignores(preset: Mapping[str, Any]) -> tuple[str, ...]:
    """What the preset ignores for tests (its override whose paths are the test globs)."""
    for override in preset.get("overrides", []):
        if tuple(override.get("paths", ())) == _TEST_GLOBS:
            return tuple(override.get("ignore", ()))
    return ("S101",)


def check_written_config(path: Path, text: str, original: str | None) -> None:
    """Fail unless ``text`` parses, leaves the rest of ``original`` alone, and validates."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            f"{path}: the config init would write is not valid TOML ({error}); edit it by hand"
        ) from error
    if original is not None and _without_reviewbot(tomllib.loads(original)) != _without_reviewbot(
        document
    ):
        raise ConfigError(
            f"{path}: cannot add [{PYPROJECT_TABLE}] without changing other settings; "
            "edit it by hand"
        )
    table = document["tool"]["reviewbot"] if original is not None else document
    key = PYPROJECT_TABLE if original is not None else ""
    parse_config(table, KeyPath(path, key), _catalog(), preset_names())


def _without_reviewbot(document: Mapping[str, Any]) -> dict[str, Any]:
    copy = dict(document)
    tool = copy.get("tool")
    if isinstance(tool, dict):
        copy["tool"] = {key: value for key, value in tool.items() if key != "reviewbot"}
        if not copy["tool"]:
            del copy["tool"]
    return copy


def _catalog() -> RuleCatalog:
    ruff = read_ruff_rules(ruff_binary())
    return RuleCatalog.build(
        rb_rules=builtin_registry().defaults(),
        ruff_codes=ruff.codes,
        ruff_prefixes=ruff.prefixes,
        unavailable=ruff.unavailable,
    )


def _read(path: Path) -> str:
    if not path.is_file():
        return ""
    try:
        with path.open(encoding="utf-8", newline="") as stream:
            return stream.read()
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from error
