"""The informational commands: ``rules``, ``explain CODE`` and ``config [PATH]``."""

from __future__ import annotations

import difflib
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path

import click

from reviewbot.cli.rules_table import DEFAULT_WIDTH, render_rules, rule_rows
from reviewbot.config.catalog import RuleCatalog
from reviewbot.config.policy import CliOverrides, Policy
from reviewbot.config.preset_rules import presets_enabling
from reviewbot.config.render import render_policy
from reviewbot.config.ruff_binary import run_ruff
from reviewbot.errors import UsageError
from reviewbot.pipeline.ruff_judgement import JUDGEMENT_NOTES
from reviewbot.pipeline.session import open_session
from reviewbot.ruleset.api import Rule
from reviewbot.ruleset.docs import rule_markdown
from reviewbot.ruleset.internal_codes import INTERNAL_RULES
from reviewbot.ruleset.registry import Registry, builtin_registry


@click.command("rules")
def rules_command() -> None:
    """List every reviewbot rule, with the presets that enable it."""
    session = open_session((), None, isolated=True, overrides=_no_overrides())
    rows = rule_rows(builtin_registry(), presets_enabling(session.catalog))
    click.echo(render_rules(rows, _terminal_width()), nl=False)


def _terminal_width() -> int:
    """The terminal's width when stdout is one, else the table's default of 80 columns."""
    if not sys.stdout.isatty():
        return DEFAULT_WIDTH
    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns


def explain(
    code: str,
    registry: Registry,
    catalog: RuleCatalog | None,
    ruff_binary: str | None,
    policy: Policy | None = None,
) -> str:
    """The documentation of ``code``: a reviewbot rule, an internal code or a ruff rule.

    With ``policy``, a rule's page also says the severity that policy gives it.
    """
    wanted = code.strip().upper()
    if wanted in registry:
        rule = registry.get(wanted)
        head, category, rest = rule_markdown(rule).split("\n\n", 2)
        notes = (
            *_severity_note(wanted, policy),
            *_stance_note(wanted, policy),
            *_loop_note(rule, policy),
        )
        return "\n\n".join((head, category, *notes, rest))
    if wanted in INTERNAL_RULES:
        info = INTERNAL_RULES[wanted]
        return f"# {info.code} {info.name}\n\n{info.help_markdown}\n"
    if catalog is not None and ruff_binary is not None and catalog.is_ruff(wanted):
        page = run_ruff(ruff_binary, ["rule", wanted])
        judged = (JUDGEMENT_NOTES[wanted],) if wanted in JUDGEMENT_NOTES else ()
        notes = (*judged, *_severity_note(wanted, policy), *_stance_note(wanted, policy))
        return "\n".join((page.rstrip("\n"), "", *notes, ""))
    known = [*registry.rules, *INTERNAL_RULES]
    everything = {*known, *(catalog.codes if catalog is not None else ())}
    suggestion = close_code(wanted, everything)
    hint = f"; did you mean {suggestion}?" if suggestion else f" (known: {', '.join(known)})"
    raise UsageError(f"unknown rule code {code!r}{hint}")


def close_code(wanted: str, codes: Iterable[str]) -> str | None:
    """A known code that ``wanted`` is plausibly a typo of: same family (letters), close digits.

    ``RB999`` suggests nothing rather than an unrelated ruff rule such as ``N999``.
    """
    family = _family(wanted)
    same_family = sorted(code for code in codes if _family(code) == family)

    def closeness(code: str) -> tuple[float, int]:
        ratio = difflib.SequenceMatcher(None, wanted, code).ratio()
        return ratio, sum(a == b for a, b in zip(wanted, code, strict=False))  # ties: same places first

    scored = [(closeness(code), code) for code in same_family]
    near = [(score, code) for score, code in scored if score[0] >= _CLOSE_ENOUGH]
    return max(near, key=lambda item: item[0])[1] if near else None


_CLOSE_ENOUGH = 0.8


def _family(code: str) -> str:
    """A code's leading letters: ``RB`` for ``RB301`` (and for the typo ``RB3O1``)."""
    return code[: len(code) - len(code.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))]


def _severity_note(code: str, policy: Policy | None) -> tuple[str, ...]:
    """The severity ``policy`` gives ``code``, where it comes from, and what selects the rule.

    The severity is the same whether the preset selects the rule or a config or a flag switches
    it on (:func:`reviewbot.config.resolve.rule_severity`).
    """
    if policy is None:
        return ()
    scope = (
        f"the default policy (preset {policy.preset}, no config file)"
        if policy.config_path is None
        else f"the policy of {policy.config_path} (preset {policy.preset})"
    )
    level = policy.rule_severity(code)
    note = f"Severity in {scope}: {level.severity.value}, from {level.origin}."
    enabled = policy.resolution().rules.get(code)
    if enabled is not None:
        return (f"{note} Selected there by {enabled.enabled_by}.",)
    switched_on = (
        "the same severity applies when a config's `select` or `extend-select`, or `--select` "
        "or `--extend-select`, switches it on"
    )
    return (f"{note} Not selected there; {switched_on}.",)


def _stance_note(code: str, policy: Policy | None) -> tuple[str, ...]:
    """The kinds of file in which ``policy`` does not report ``code`` (its ``[role-ignores]``)."""
    if policy is None:
        return ()
    roles = policy.stances.roles_dropping(code)
    if not roles:
        return ("Reported in every kind of file: no role's `[role-ignores]` lists it.",)
    places = ", ".join(role.where.removeprefix("in ") for role in roles)
    return (
        f"Not reported in {places} (the preset's `[role-ignores]`); counted instead, and "
        "listed by `--show-dropped`. A config's `[role-ignores]` entry for a role replaces it.",
    )


def _loop_note(rule: type[Rule], policy: Policy | None) -> tuple[str, ...]:
    """For a rule that reports a cost per iteration: in which loops ``policy`` reports it."""
    if policy is None or not getattr(rule, "per_iteration", False):
        return ()
    walks = ", ".join(f"`{walk}`" for walk in policy.loops_report) or "none"
    return (
        f"Reported only in loops that walk {walks} (the preset's `[loops] report`), and only "
        "when the statement runs on every iteration; the others are counted, and listed by "
        "`--show-dropped` with what the loop walks.",
        "A config's `[loops] large` and `[loops] small` declare collections data-sized or a "
        "handful of items, whatever reviewbot infers (see the README's \"What a loop walks\").",
    )


@click.command("explain")
@click.argument("code")
def explain_command(code: str) -> None:
    """Print a rule's full documentation."""
    session = open_session((), None, True, _no_overrides())
    page = explain(code, session.registry, session.catalog, session.ruff_binary, session.policy)
    click.echo(page, nl=False)


@click.command("config")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="Use this config file.")
@click.option("--isolated", is_flag=True, help="Ignore all config files.")
def config_command(path: Path | None, config_file: Path | None, isolated: bool) -> None:
    """Print the effective policy for PATH and where each value came from."""
    target = path or Path.cwd()
    if not target.exists():
        raise UsageError(f"path does not exist: {target}")
    session = open_session((target,), config_file, isolated, _no_overrides())
    relative = session.policy_path(target) if target.is_file() else None
    click.echo(render_policy(session.policy, relative), nl=False)


def _no_overrides() -> CliOverrides:
    return CliOverrides()
