"""A run's configuration, read once before anything runs: the config file and the environment.

:func:`read_run_config` chooses the config file (``--config``'s, none with ``--isolated``, else
the nearest one at or above the target), parses it once, and reads the settings the environment
holds, into frozen records. Everything after it takes its settings from these records: team
rules (:class:`PluginSettings`), then the rule catalog, then the policy
(:func:`reviewbot.config.policy.load_policy`). No other module opens a config file or reads the
environment for a setting.

Team rules are loaded before the rule catalog exists (their codes are part of it), so only the
``plugins`` key is validated here; the rest of the table is validated against the catalog when
the policy is built.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from reviewbot.config import toml_values as tv
from reviewbot.config.files import ConfigFile, find_config, load_config_file, resolved
from reviewbot.errors import UsageError

PLUGINS_KEY = "plugins"
BASELINE_KEY = "baseline"
#: The environment variable GitHub Actions names the triggering event in, and the event under
#: which the checkout's code (team rule plugins included) must never be executed.
EVENT_NAME_VARIABLE = "GITHUB_EVENT_NAME"
PULL_REQUEST_TARGET = "pull_request_target"


@dataclass(frozen=True)
class PluginSettings:
    """What loading team rules needs from the config file and the environment.

    ``paths`` are the config's ``plugins`` entries, resolved against the config file's folder
    and checked to exist; ``config_path`` is the file that lists them (None: no config file).
    ``pull_request_target`` says the run is a GitHub Actions ``pull_request_target`` run, in
    which those paths (the pull request's checkout) must not be imported.
    """

    paths: tuple[Path, ...] = ()
    config_path: Path | None = None
    pull_request_target: bool = False


@dataclass(frozen=True)
class RunConfig:
    """The config of a run: the parsed config file (if any), how it was chosen, the plugins.

    ``target`` is the audited path the config was looked up from; ``note`` says how the file
    was chosen (shown by ``reviewbot config``).
    """

    target: Path
    file: ConfigFile | None
    note: str
    plugins: PluginSettings = PluginSettings()

    @property
    def root(self) -> Path:
        """Where the policy's globs are anchored: the config file's folder, else the target's."""
        if self.file is not None:
            return self.file.path.parent
        target = resolved(self.target)
        return target if target.is_dir() else target.parent


def read_run_config(
    target: Path,
    *,
    config_file: Path | None,
    isolated: bool,
    environ: Mapping[str, str] | None = None,
) -> RunConfig:
    """Read the config for auditing ``target`` (a file or folder), once.

    The config is ``config_file`` if given, none if ``isolated``, else the nearest one at or
    above ``target``. ``environ`` defaults to the process environment. Raises UsageError for
    ``--config`` with ``--isolated`` and ConfigError for an unreadable file or a bad ``plugins``.
    """
    found, note = _config_source(target, config_file=config_file, isolated=isolated)
    if found is not None:
        _check_baseline(found)
    env = os.environ if environ is None else environ
    plugins = PluginSettings(
        paths=plugin_paths(found) if found is not None else (),
        config_path=found.path if found is not None else None,
        pull_request_target=env.get(EVENT_NAME_VARIABLE) == PULL_REQUEST_TARGET,
    )
    return RunConfig(target, found, note, plugins)


def plugin_paths(config: ConfigFile) -> tuple[Path, ...]:
    """The ``plugins`` entries of ``config``, resolved against its folder and checked to exist."""
    at = config.keypath
    raw = tv.table(config.raw, at)
    if PLUGINS_KEY not in raw:
        return ()
    entries = tv.string_array(raw[PLUGINS_KEY], at.child(PLUGINS_KEY))
    paths = []
    for index, entry in enumerate(entries):
        path = (config.path.parent / entry).resolve()
        if not (path.is_dir() or (path.is_file() and path.suffix == ".py")):
            problem = "is not a .py file" if path.exists() else "no such folder or .py file"
            raise at.child(PLUGINS_KEY).item(index).error(f"'{entry}': {problem} ({path})")
        paths.append(path)
    return tuple(paths)


def _check_baseline(config: ConfigFile) -> None:
    """The ``baseline`` key must name a file (it may not exist yet), never a folder.

    Its type is validated with the rest of the table; only where it points is checked here.
    """
    raw = config.raw
    entry = raw.get(BASELINE_KEY) if isinstance(raw, dict) else None
    if not isinstance(entry, str):
        return
    path = (config.path.parent / entry).resolve()
    if path.is_dir():
        at = config.keypath.child(BASELINE_KEY)
        raise at.error(f"'{entry}' is a folder, not a baseline file ({path})")


def _config_source(
    target: Path, *, config_file: Path | None, isolated: bool
) -> tuple[ConfigFile | None, str]:
    """The config file to use and a note on how it was chosen."""
    if isolated and config_file is not None:
        raise UsageError("--config and --isolated cannot be used together")
    if isolated:
        return None, "--isolated: no config file, preset defaults only"
    if config_file is not None:
        return load_config_file(config_file), "--config"
    found = find_config(target)
    if found is None:
        return None, f"no config file at or above {target}: preset defaults only"
    return found, f"nearest config at or above {target}"
