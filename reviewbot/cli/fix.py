"""``reviewbot fix``: apply safe fixes (``--unsafe`` adds unsafe ones, ``--diff`` previews)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from reviewbot.cli.options import analysis_options
from reviewbot.control_chars import visible
from reviewbot.fix.run import FixOptions, FixReport, fix_files
from reviewbot.pipeline.audit import CheckOptions
from reviewbot.report.wording import plural


@click.command("fix")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--diff", "preview", is_flag=True, help="Print the fixes as a unified diff; write nothing."
)
@click.option(
    "--unsafe", is_flag=True, help="Also apply fixes marked unsafe (they may change behaviour)."
)
@analysis_options(baseline=False)
@click.pass_context
def fix_command(
    ctx: click.Context,
    /,
    paths: tuple[Path, ...],
    *,
    preview: bool,
    unsafe: bool,
    analysis: CheckOptions,
) -> None:
    """Apply every safe fix to PATHS (default: the repository).

    Exit 1 when findings at or above --fail-on remain, or when a fix was refused or dropped
    (it would break the file; the file's other fixes are applied); else 0. Writes stay inside
    the checked tree: a file that is a symlink to outside it is refused.
    """
    check = replace(analysis, paths=paths)
    report = fix_files(FixOptions(check, unsafe=unsafe, preview=preview))
    for refusal in report.refused:
        click.echo(
            f"reviewbot: refused to fix {visible(refusal.path)}: {visible(refusal.reason)}",
            err=True,
        )
    for dropped in report.dropped:
        click.echo(
            f"reviewbot: dropped a fix in {visible(dropped.path)}:{dropped.line} ({dropped.rule}: "
            f"{dropped.description}): {dropped.reason}; the file's other fixes were kept",
            err=True,
        )
    if preview:
        click.echo("".join(report.diffs), nl=False)
    else:
        for item in report.fixed:
            click.echo(f"{visible(item.path)}: fixed {item.count} ({', '.join(item.rules)})")
    click.echo(fix_summary(report), err=preview)
    ctx.exit(1 if report.blocking or report.refused or report.dropped else 0)


def fix_summary(report: FixReport) -> str:
    """``Fixed 3 findings in 2 files; 7 remain (2 blocking at --fail-on error).``"""
    verb, remain = ("Would fix", "would remain") if report.preview else ("Fixed", "remain")
    fixed = f"{verb} {plural(report.fixed_count, 'finding')} in {plural(len(report.fixed), 'file')}"
    if not report.remaining:
        return f"{fixed}; none {remain}."
    blocking = len(report.blocking)
    gate = f"{blocking or 'none'} blocking at --fail-on {report.fail_on.value}"
    return f"{fixed}; {len(report.remaining)} {remain} ({gate})."
