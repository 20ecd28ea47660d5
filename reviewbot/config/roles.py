"""File roles as the config speaks of them: the ``[roles]`` and ``[role-ignores]`` tables.

A file's role says what kind of code it is (a test, an example, a one-off script, a migration,
generated or vendored code); :mod:`reviewbot.roles` infers it. ``[roles]`` assigns roles by path,
ahead of inference (``source`` puts a path back among ordinary code). ``[role-ignores]`` is each
role's stance: the rules whose findings are not reported in files of that role. The presets set
every role's stance; a config's entry for a role replaces the preset's for that role.

Unlike an ``[[overrides]]`` ``ignore``, which turns a rule off for some paths, a role's stance
drops the rule's findings after the analysis and counts them, so ``--show-dropped`` can answer
"why was this not reported?".
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from reviewbot.config.catalog import RuleCatalog


class Role(str, enum.Enum):
    """What kind of code a file holds."""

    SOURCE = "source"
    TEST = "test"
    EXAMPLE = "example"  # examples and documentation
    SCRIPT = "script"  # scripts, command-line entry points, management commands
    MIGRATION = "migration"
    GENERATED = "generated"
    VENDORED = "vendored"

    @property
    def noun(self) -> str:
        """How a sentence names a file of this role: ``a test file``."""
        return _NOUNS[self]

    @property
    def where(self) -> str:
        """Where findings of this role are: ``in tests``."""
        return _PLACES[self]


_NOUNS = {
    Role.SOURCE: "a source file",
    Role.TEST: "a test file",
    Role.EXAMPLE: "an example or documentation file",
    Role.SCRIPT: "a script or command-line entry point",
    Role.MIGRATION: "a migration",
    Role.GENERATED: "a generated file",
    Role.VENDORED: "a vendored file",
}

_PLACES = {
    Role.SOURCE: "in source files",
    Role.TEST: "in tests",
    Role.EXAMPLE: "in examples and docs",
    Role.SCRIPT: "in scripts",
    Role.MIGRATION: "in migrations",
    Role.GENERATED: "in generated code",
    Role.VENDORED: "in vendored code",
}

ROLE_NAMES = tuple(role.value for role in Role)


@dataclass(frozen=True)
class RoleSettings:
    """Roles assigned by path and each role's stance (selectors whose findings it drops)."""

    paths: Mapping[Role, tuple[str, ...]] = field(default_factory=dict)
    ignores: Mapping[Role, tuple[str, ...]] = field(default_factory=dict)

    def layered(self, later: RoleSettings) -> RoleSettings:
        """These settings with ``later``'s entries replacing them role by role."""
        return RoleSettings({**self.paths, **later.paths}, {**self.ignores, **later.ignores})


@dataclass(frozen=True)
class RoleStances:
    """Each role's stance expanded to concrete codes: what a finding's code meets in a file."""

    dropped: Mapping[Role, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def expand(cls, settings: RoleSettings, catalog: RuleCatalog) -> RoleStances:
        """Expand each role's selectors against the catalog (``ALL``, linters, prefixes)."""
        return cls(
            {
                role: frozenset(code for text in texts for code in catalog.expand(text))
                for role, texts in settings.ignores.items()
            }
        )

    def drops(self, role: Role, code: str) -> bool:
        """Whether findings of ``code`` are dropped in files of ``role``."""
        return code in self.dropped.get(role, frozenset())

    def roles_dropping(self, code: str) -> tuple[Role, ...]:
        """The roles in whose files ``code`` is not reported (for ``explain``)."""
        return tuple(role for role in Role if self.drops(role, code))
