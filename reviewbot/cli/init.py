"""``reviewbot init [PATH]``: write a commented starter config and say why each value was chosen."""

from __future__ import annotations

from pathlib import Path

import click

from reviewbot.atomic_file import write_atomically
from reviewbot.change.git import repository_root
from reviewbot.init.decide import FILE_CHOICES, InitOptions, plan_init


@click.command("init")
@click.argument("path", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option("--preset", help="Preset to start from (default: recommended).")
@click.option("--force", is_flag=True, help="Replace an existing reviewbot config.")
@click.option(
    "--file",
    "file_kind",
    type=click.Choice(FILE_CHOICES),
    help="Where to write: [tool.reviewbot] in pyproject.toml, or .reviewbot.toml "
    "(default: pyproject.toml when there is one).",
)
def init_command(
    path: Path | None, preset: str | None, *, force: bool, file_kind: str | None
) -> None:
    """Inspect the repository at PATH (default: the one you are in) and write a starter config."""
    root = path or repository_root(Path.cwd()) or Path.cwd()
    plan = plan_init(InitOptions(root=root, preset=preset, force=force, file=file_kind))
    for decision in plan.decisions:
        click.echo(str(decision))
    write_atomically(plan.path, plan.text.encode("utf-8"))
    click.echo(f"Wrote {plan.path}. Next: `reviewbot check` to see today's findings.")
