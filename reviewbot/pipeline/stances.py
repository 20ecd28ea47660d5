"""Each rule's stance on the file's role: findings of a rule a role ignores are dropped, counted.

reviewbot's own errors (a file it could not read or parse, a budget it skipped) are never
dropped: they say the analysis did not happen, whatever kind of file it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from reviewbot.config.roles import Role, RoleStances
from reviewbot.dropped import Dropped
from reviewbot.findings import Category, Finding
from reviewbot.roles.classify import RoleVerdict


def apply_stances(
    findings: Iterable[Finding], roles: Mapping[str, RoleVerdict], stances: RoleStances
) -> tuple[list[Finding], list[Dropped]]:
    """``findings`` split into those reported and those their file's role drops."""
    kept: list[Finding] = []
    dropped: list[Dropped] = []
    for finding in findings:
        verdict = roles.get(finding.path)
        if verdict is None or not _dropped(finding, verdict.role, stances):
            kept.append(finding)
            continue
        because = f"{verdict.role.noun} ({verdict.reason})"
        dropped.append(Dropped(finding, f"role:{verdict.role.value}", because))
    return kept, dropped


def _dropped(finding: Finding, role: Role, stances: RoleStances) -> bool:
    return finding.category is not Category.ERROR and stances.drops(role, finding.rule)
