"""A session: what every command needs once per run — rules, ruff, the policy and versions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from reviewbot import __version__
from reviewbot.config.catalog import RuleCatalog
from reviewbot.config.globs import any_glob_match
from reviewbot.config.model import FilePolicy
from reviewbot.config.policy import CliOverrides, Policy, load_policy
from reviewbot.config.ruff_binary import ruff_binary, ruff_version
from reviewbot.config.ruff_rules import RuffRules, read_ruff_rules
from reviewbot.config.run_config import read_run_config
from reviewbot.roles.classify import HEAD_CHARS, RoleVerdict, classify
from reviewbot.ruleset.plugins import load_team_rules
from reviewbot.ruleset.registry import Registry


@dataclass(frozen=True)
class Session:
    """The rule registry, the ruff binary and its rules, and the effective policy."""

    registry: Registry
    ruff_binary: str
    ruff: RuffRules
    catalog: RuleCatalog
    policy: Policy
    versions: dict[str, str]

    @cached_property
    def version_key(self) -> str:
        """Versions that invalidate cached results when they change."""
        return ";".join(f"{name}={value}" for name, value in sorted(self.versions.items()))

    def excluded(self, path: Path) -> bool:
        """Whether the policy's ``exclude`` removes ``path`` from the audit."""
        relative = self.policy_path(path)
        return relative is not None and any_glob_match(self.policy.exclude, relative)

    def policy_path(self, path: Path) -> str | None:
        """``path`` relative to the policy root (where globs are anchored), or None outside."""
        try:
            return _link_resolved(path).relative_to(self.policy.root).as_posix()
        except ValueError:
            return None

    def file_role(self, path: Path, fallback: str, head: str) -> RoleVerdict:
        """The role of the file at ``path`` (``fallback`` names it when it lies outside the
        policy root) from that path anchored where the config's globs are, as ``exclude`` and
        ``[[overrides]]`` anchor it, and its first characters ``head``."""
        anchored = self.policy_path(path) or fallback
        return classify(anchored, head[:HEAD_CHARS], self.policy.roles.paths)

    def file_policy(self, workspace_root: Path) -> Callable[[str], FilePolicy]:
        """A memoised lookup from a workspace-relative path to its effective policy."""
        same_root = workspace_root.resolve() == self.policy.root
        known: dict[str, FilePolicy] = {}

        def policy_for(relative: str) -> FilePolicy:
            found = known.get(relative)
            if found is None:
                anchored = relative if same_root else self.policy_path(workspace_root / relative)
                found = self.policy.for_path(anchored if anchored is not None else relative)
                known[relative] = found
            return found

        return policy_for


def open_session(
    paths: Sequence[Path], config_file: Path | None, isolated: bool, overrides: CliOverrides
) -> Session:
    """Load everything a command needs; raises ConfigError/ToolError/UsageError on problems.

    The config (file and environment) is read first and once; team rules, the catalog and the
    policy all take their settings from it.
    """
    target = paths[0] if paths else Path.cwd()
    config = read_run_config(target, config_file=config_file, isolated=isolated)
    binary = ruff_binary()
    ruff = read_ruff_rules(binary)
    team = load_team_rules(config.plugins, ruff.prefixes)
    registry = team.registry
    catalog = RuleCatalog.build(
        rb_rules=registry.defaults(),
        ruff_codes=ruff.codes,
        ruff_prefixes=ruff.prefixes,
        unavailable=ruff.unavailable,
    )
    policy = load_policy(config, cli=overrides, catalog=catalog, team_selectors=team.selectors())
    versions = {
        "reviewbot": __version__,
        "ruff": ruff_version(binary),
        "libcst": _version_of("libcst"),
        "radon": _version_of("radon"),
        **team.versions(),
    }
    return Session(registry, binary, ruff, catalog, policy, versions)


def _version_of(distribution: str) -> str:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return "unknown"


def _link_resolved(path: Path) -> Path:
    """``path`` with symlinks resolved; a link in a loop keeps its own name (it is reported as
    unreadable, as a dangling link is, rather than stopping the run)."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # a loop: RuntimeError before Python 3.13, ELOOP after
        return path.parent.resolve() / path.name
