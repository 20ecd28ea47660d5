"""``reviewbot baseline``: accept today's findings, or (``--check``) list entries paid off since.

Writing audits like ``check`` (ignoring any existing baseline) and records every finding. With
PATHS, only entries under PATHS are rewritten; the file's other entries are kept. ``--check``
lists the entries no finding matches any more (stale), one per line, and exits 1 if there are
any, so the file shrinks as debt is paid.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import click

from reviewbot.cli.options import analysis_options, debug_option
from reviewbot.errors import UsageError
from reviewbot.pipeline.audit import CheckOptions, check_in_session
from reviewbot.pipeline.baseline import (
    BaselineEntry,
    apply_baseline,
    baseline_location,
    entries_for,
    read_baseline,
    write_baseline,
)
from reviewbot.pipeline.result import CheckResult
from reviewbot.pipeline.session import open_session


@click.command("baseline")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    help="The baseline file (default: the config's baseline key, else "
    "reviewbot-baseline.json at the repository root).",
)
@click.option(
    "--check",
    "check_stale",
    is_flag=True,
    help="List entries no finding matches any more; exit 1 if there are any.",
)
@analysis_options(baseline=False)
@debug_option
@click.pass_context
def baseline_command(
    ctx: click.Context,
    /,
    paths: tuple[Path, ...],
    *,
    output: Path | None,
    check_stale: bool,
    analysis: CheckOptions,
) -> None:
    """Write the baseline of today's findings, so check and review report only new ones."""
    options = replace(analysis, paths=paths, use_baseline=False)
    session = open_session(options.paths, options.config_file, options.isolated, options.overrides)
    result = check_in_session(session, options)
    root = Path(result.root)
    location = (
        output if output is not None else baseline_location(session.policy.baseline_path, root)
    )
    in_scope = _scope(root, paths)
    if check_stale:
        ctx.exit(_report_stale(result, location, in_scope, _rewrite_command(paths, output)))
    kept = _kept_entries(location, in_scope) if paths else []
    entries = sorted({*kept, *entries_for(result.findings, _line_reader(root))})
    write_baseline(location, entries)
    files = len({entry.path for entry in entries})
    click.echo(
        f"reviewbot: wrote {_count(len(entries), 'entry')} ({_count(files, 'file')}) "
        f"to {_shown(location)}"
    )
    ctx.exit(0)


def _report_stale(
    result: CheckResult, location: Path, in_scope: Callable[[str], bool], rewrite: str
) -> int:
    """Print stale entries one per line and a closing note; 1 if any, else 0."""
    if not location.is_file():
        raise UsageError(f"no baseline at {_shown(location)}; write one with: {rewrite}")
    baseline = read_baseline(location)
    root = Path(result.root)

    def audited(path: str) -> bool:  # entries of deleted files are stale too
        return in_scope(path) or not (root / path).exists()

    stale = apply_baseline(result.findings, baseline, audited).stale
    for entry in stale:
        click.echo(f"{entry.path}: {entry.rule} {entry.fingerprint}  {entry.snippet}".rstrip())
    if stale:
        click.echo(
            f"reviewbot: {_count(len(stale), 'stale entry')} in {_shown(location)} "
            f"(fixed since); shrink the baseline with: {rewrite}"
        )
        return 1
    click.echo(
        f"reviewbot: {_shown(location)}: {_count(len(baseline.entries), 'entry')}, none stale"
    )
    return 0


def _kept_entries(location: Path, in_scope: Callable[[str], bool]) -> list[BaselineEntry]:
    """The existing file's entries outside PATHS (kept when only PATHS are re-baselined)."""
    if not location.is_file():
        return []
    return [entry for entry in read_baseline(location).entries if not in_scope(entry.path)]


def _scope(root: Path, paths: Sequence[Path]) -> Callable[[str], bool]:
    """Whether a root-relative path is under PATHS (every path when none were given)."""
    targets = [path.resolve() for path in paths]

    def in_scope(relative: str) -> bool:
        if not targets:
            return True
        absolute = (root / relative).resolve()
        return any(absolute == t or absolute.is_relative_to(t) for t in targets)

    return in_scope


def _line_reader(root: Path) -> Callable[[str, int], str]:
    """``line_of(path, line)``: a line's text from the working tree ("" when unreadable)."""
    cache: dict[str, list[str]] = {}

    def line_of(path: str, line: int) -> str:
        if path not in cache:
            try:
                text = (root / path).read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
            cache[path] = text.splitlines()
        lines = cache[path]
        return lines[line - 1] if 0 < line <= len(lines) else ""

    return line_of


def _rewrite_command(paths: Sequence[Path], output: Path | None) -> str:
    words = ["reviewbot", "baseline", *(str(p) for p in paths)]
    if output is not None:
        words += ["--output", str(output)]
    return shlex.join(words)


def _shown(path: Path) -> str:
    """``path`` relative to the current folder when inside it."""
    here, absolute = Path.cwd().resolve(), path.resolve()
    if absolute.is_relative_to(here):
        return absolute.relative_to(here).as_posix()
    return str(path)


def _count(number: int, noun: str) -> str:
    if number == 1:
        return f"1 {noun}"
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{number} {plural}"
