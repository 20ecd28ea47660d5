"""The options that say where a report goes and how it looks, spelled as ruff spells them.

``--output-format`` (``--format`` still works), ``-o/--output-file`` (``--output`` still
works), ``--color auto|always|never`` and ``--exit-zero``, shared by ``check`` and ``review``;
the command receives them as one ``report: ReportOptions`` record.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from reviewbot.errors import UsageError
from reviewbot.findings import FailOn

F = TypeVar("F", bound=Callable[..., Any])

COLOR_CHOICES = ("auto", "always", "never")


@dataclass(frozen=True)
class ReportOptions:
    """Where the report goes, in which format, in colour or not, and whether findings fail."""

    fmt: str
    output: Path | None
    color: str
    exit_zero: bool

    def colored(
        self, *, stdout_is_terminal: bool, environ: Mapping[str, str] | None = None
    ) -> bool:
        """Whether to colour the report, as ruff decides.

        ``always`` and ``never`` win. ``auto`` colours a report written to stdout when
        ``FORCE_COLOR`` is set (non-empty), else when stdout is a terminal and ``NO_COLOR``
        is not set (non-empty); a report written to a file gets colour only with ``always``.
        """
        if self.color != "auto":
            return self.color == "always"
        env = os.environ if environ is None else environ
        if self.output is not None:
            return False
        if env.get("FORCE_COLOR"):
            return True
        return stdout_is_terminal and not env.get("NO_COLOR")


def report_options(formats: Sequence[str], default: str, format_help: str) -> Callable[[F], F]:
    """Declare the report options; the command gets them as ``report: ReportOptions``."""

    def decorate(function: F) -> F:
        @functools.wraps(function)
        def command(*args: Any, **params: Any) -> Any:  # noqa: ANN401 - click passes values untyped
            report = ReportOptions(
                fmt=params.pop("fmt"),
                output=params.pop("output"),
                color=params.pop("color"),
                exit_zero=params.pop("exit_zero"),
            )
            return function(*args, report=report, **params)

        options = [
            click.option(
                "--output-format",
                "--format",
                "fmt",
                type=click.Choice(formats),
                default=default,
                show_default=True,
                help=format_help,
            ),
            click.option(
                "-o",
                "--output-file",
                "--output",
                "output",
                type=click.Path(path_type=Path),
                metavar="FILE",
                help="Write the report to FILE instead of stdout.",
            ),
            click.option(
                "--color",
                type=click.Choice(COLOR_CHOICES),
                default="auto",
                show_default=True,
                help="Colour: auto (a terminal, unless NO_COLOR; FORCE_COLOR forces it), "
                "always or never.",
            ),
            click.option(
                "--exit-zero",
                is_flag=True,
                help="Exit 0 even when findings block (the report still says so).",
            ),
        ]
        declared: Callable[..., Any] = command
        for option in reversed(options):
            declared = option(declared)
        return cast(F, declared)

    return decorate


def refuse_exit_zero_clash(report: ReportOptions, fail_on: FailOn | None) -> None:
    """``--exit-zero`` with a ``--fail-on`` that fails: they contradict (one line, exit 2)."""
    if report.exit_zero and fail_on is not None and fail_on is not FailOn.NEVER:
        raise UsageError(
            f"--exit-zero and --fail-on {fail_on.value} contradict: "
            "exit 0 whatever is found, or fail at a severity"
        )


def exit_status(report: ReportOptions, *, blocking: bool) -> int:
    """1 when findings block, unless ``--exit-zero``; else 0."""
    return 1 if blocking and not report.exit_zero else 0
