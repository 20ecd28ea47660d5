"""The command-line flags that change the policy, validated into the last settings layer."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from reviewbot.config.catalog import RuleCatalog
from reviewbot.config.settings import FailOnEntry, Origin, Selector, SettingsLayer
from reviewbot.config.toml_values import closest
from reviewbot.errors import UsageError
from reviewbot.findings import FailOn

COMMAND_LINE = "command line"


@dataclass(frozen=True)
class CliOverrides:
    """``--preset``, ``--select``, ``--extend-select``, ``--ignore`` and ``--fail-on``.

    Selector flags hold codes as given; comma-separated items are split, as ruff does. They win
    over every config file: ``select`` replaces the whole selection, overrides included.
    """

    preset: str | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    fail_on: FailOn | None = None


def check_cli_preset(cli: CliOverrides, names: Collection[str]) -> None:
    """Fail with a usage error if ``--preset`` names no preset."""
    if cli.preset is not None and cli.preset not in names:
        hint = closest(cli.preset, names)
        suffix = f"; did you mean '{hint}'?" if hint else f" (expected one of {', '.join(names)})"
        raise UsageError(f"--preset: unknown preset '{cli.preset}'{suffix}")


def cli_layer(cli: CliOverrides, catalog: RuleCatalog) -> SettingsLayer:
    """The settings layer the flags make (applied after every config layer)."""
    fail_on = None
    if cli.fail_on is not None:
        fail_on = FailOnEntry(FailOn(cli.fail_on), Origin(COMMAND_LINE, "--fail-on"))
    select = cli.select
    return SettingsLayer(
        select=None if select is None else _selectors("--select", select, catalog),
        extend_select=_selectors("--extend-select", cli.extend_select or (), catalog),
        ignore=_selectors("--ignore", cli.ignore or (), catalog),
        fail_on=fail_on,
    )


def _selectors(flag: str, values: tuple[str, ...], catalog: RuleCatalog) -> tuple[Selector, ...]:
    texts = [part.strip() for value in values for part in value.split(",") if part.strip()]
    for text in texts:
        if not catalog.is_valid(text):
            reason = catalog.unavailable.get(text)
            if reason:
                raise UsageError(f"{flag}: '{text}' {reason}")
            hint = catalog.closest(text)
            suffix = f"; did you mean '{hint}'?" if hint else ""
            raise UsageError(f"{flag}: unknown rule selector '{text}'{suffix}")
    return tuple(Selector(text, Origin(COMMAND_LINE, flag)) for text in texts)
