"""The project's own ruff selection wins over the preset's convention rules.

A project that configures ruff has chosen its conventions: werkzeug selects no ``RUF`` or ``PIE``
rules, django-cms no ``pep8-naming``. A convention finding of a ruff rule that only reviewbot's
preset turned on, on a file whose ruff configuration does not select it, is not commented: it is
counted as dropped, with the configuration named. A rule the team's reviewbot configuration
selects itself is always reported, as is any rule when the project has no ruff configuration or
one that keeps ruff's own selection (a ``line-length`` is not a choice of conventions; the
defaults are read with ``--isolated``, as they change between ruff versions).

ruff resolves a configuration per folder, so it is asked once per folder of the new findings
(``ruff check --show-settings``), a handful of calls per review.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reviewbot.dropped import Dropped
from reviewbot.findings import Finding
from reviewbot.pipeline.session import Session
from reviewbot.review.conventions import learnable

_SETTINGS_PATH = re.compile(r'^Settings path: "(?P<path>.*)"$', re.MULTILINE)
_ENABLED = re.compile(r"^linter\.rules\.enabled = \[\n(?P<body>.*?)^\]", re.MULTILINE | re.DOTALL)
_CODE = re.compile(r"\(([A-Z]+[0-9]+)\)")


@dataclass(frozen=True)
class RuffSelection:
    """What a folder's ruff configuration selects: its file and its enabled codes."""

    config: Path
    codes: frozenset[str]


def hold_back_unselected(
    session: Session, root: Path, new: Sequence[Finding]
) -> tuple[tuple[Finding, ...], tuple[Dropped, ...]]:
    """``new`` without the preset's convention findings the project's ruff config leaves out."""
    candidates = [f for f in new if _from_preset_convention(session, f)]
    if not candidates:
        return tuple(new), ()
    folders = {str(Path(f.path).parent) for f in candidates}
    binary = session.ruff_binary
    selections = {folder: project_selection(binary, root, folder) for folder in folders}
    defaults = _ruff_defaults(binary, root, next(iter(folders)))
    dropped: list[Dropped] = []
    for finding in candidates:
        selection = selections[str(Path(finding.path).parent)]
        if selection is None or selection.codes == defaults:
            continue  # no configuration, or ruff's own selection: no choice of conventions
        if finding.rule not in selection.codes:
            dropped.append(_dropped(finding, selection, root))
    held = {id(d.finding) for d in dropped}
    return tuple(f for f in new if id(f) not in held), tuple(dropped)


def _from_preset_convention(session: Session, finding: Finding) -> bool:
    if not learnable(finding, session):
        return False
    rule = session.policy.resolution(finding.path).rules.get(finding.rule)
    return rule is not None and rule.enabled_by.origin.source.startswith("preset ")


def _ruff_defaults(binary: str, root: Path, folder: str) -> frozenset[str] | None:
    """The codes ruff enables with no configuration (they change between ruff versions)."""
    text = _show_settings(binary, root, folder, "--isolated")
    enabled = _ENABLED.search(text)
    return frozenset(_CODE.findall(enabled["body"])) if enabled else None


def project_selection(binary: str, root: Path, folder: str) -> RuffSelection | None:
    """The ruff configuration that governs ``folder`` and the codes it enables, or None when the
    project has no ruff configuration there (or ruff cannot say)."""
    return parse_settings(_show_settings(binary, root, folder))


def _show_settings(binary: str, root: Path, folder: str, *flags: str) -> str:
    """``ruff check --show-settings`` for the folder's first file; "" when ruff cannot say."""
    try:
        done = subprocess.run(
            [binary, "check", "--show-settings", *flags, str(root / folder)],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout


def parse_settings(text: str) -> RuffSelection | None:
    """The configuration file and enabled codes in ``ruff check --show-settings`` output."""
    path = _SETTINGS_PATH.search(text)
    enabled = _ENABLED.search(text)
    if path is None or enabled is None:
        return None
    return RuffSelection(Path(path["path"]), frozenset(_CODE.findall(enabled["body"])))


def _dropped(finding: Finding, selection: RuffSelection, root: Path) -> Dropped:
    try:
        config = selection.config.relative_to(root).as_posix()
    except ValueError:
        config = selection.config.name
    because = f"the project's ruff configuration ({config}) does not select {finding.rule}"
    return Dropped(finding, f"ruff-config:{finding.rule}", because)
