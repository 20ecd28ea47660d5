"""``reviewbot test-rules [PATH]``: run the VALID/INVALID examples of the team's own rules."""

from __future__ import annotations

from pathlib import Path

import click

from reviewbot.config.ruff_binary import ruff_binary
from reviewbot.config.ruff_rules import read_ruff_rules
from reviewbot.config.run_config import read_run_config
from reviewbot.pipeline.team_examples import ExampleOutcome, example_outcomes
from reviewbot.report.wording import plural
from reviewbot.ruleset.plugins import TeamRules, iter_team_rules, load_team_rules

NO_TEAM_RULES = (
    'No team rules in effect for {target}: add `plugins = ["tools/review_rules"]` to its '
    "config, or install a package with a `reviewbot.rules` entry point."
)


@click.command("test-rules")
@click.argument("path", required=False, type=click.Path(path_type=Path, exists=True))
@click.option(
    "--config", "config_file", type=click.Path(path_type=Path), help="Use this config file."
)
@click.pass_context
def test_rules_command(ctx: click.Context, path: Path | None, config_file: Path | None) -> None:
    """Run the examples of the team rules in effect for PATH (default: here)."""
    target = path or Path.cwd()
    config = read_run_config(target, config_file=config_file, isolated=False)
    team = load_team_rules(config.plugins, read_ruff_rules(ruff_binary()).prefixes)
    if not team.sources:
        click.echo(NO_TEAM_RULES.format(target=target))
        return
    outcomes = run_team_examples(team)
    click.echo(examples_report(team, outcomes), nl=False)
    ctx.exit(0 if all(outcome.passed for outcome in outcomes) else 1)


def run_team_examples(team: TeamRules) -> list[ExampleOutcome]:
    """The outcome of every example of every team rule, in load order."""
    return [
        outcome
        for _origin, rule in iter_team_rules(team)
        for outcome in example_outcomes(rule, team.registry)
    ]


def examples_report(team: TeamRules, outcomes: list[ExampleOutcome]) -> str:
    """A header per rule, one PASS/FAIL line per example, then the totals."""
    lines: list[str] = []
    for origin, rule in iter_team_rules(team):
        lines.append(f"{rule.code} {rule.name} ({origin})")
        lines += [_outcome_line(o) for o in outcomes if o.rule == rule.code]
    failed = sum(1 for outcome in outcomes if not outcome.passed)
    total = plural(len(outcomes), "example")
    lines.append(f"{total}: {len(outcomes) - failed} passed, {failed} failed.")
    return "\n".join(lines) + "\n"


def _outcome_line(outcome: ExampleOutcome) -> str:
    note = f" ({outcome.note})" if outcome.note else ""
    if outcome.passed:
        return f"  PASS {outcome.label}{note}"
    return f"  FAIL {outcome.label}{note}: {'; '.join(outcome.problems)}"
