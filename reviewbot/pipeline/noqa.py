"""ruff's ``# noqa`` comments, honoured for the reviewbot rules that measure what a ruff rule does.

A team that marked ``def parse(...):  # noqa: C901`` has already decided that function may be
complex; RB201 saying so again is noise. A rule lists the ruff codes it answers to in
``noqa_equivalents``; a ``# noqa`` naming one of them (or a bare ``# noqa``, which silences
every ruff rule on its line) on the finding's line suppresses the finding, as ruff would.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from reviewbot.findings import Finding
from reviewbot.ruleset.registry import Registry

_NOQA = re.compile(
    r"#\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*))?\s*(?:#|$)",
    re.IGNORECASE,
)


def honour_noqa(
    findings: Iterable[Finding], texts: Mapping[str, str], registry: Registry
) -> tuple[list[Finding], int]:
    """``findings`` without those a ruff ``# noqa`` on their line silences; and how many."""
    lines: dict[str, list[str]] = {}
    kept: list[Finding] = []
    silenced = 0
    for finding in findings:
        equivalents = _equivalents(finding.rule, registry)
        if equivalents and finding.path in texts:
            if finding.path not in lines:
                lines[finding.path] = texts[finding.path].splitlines()
            if _silences(_line(lines[finding.path], finding.line), equivalents):
                silenced += 1
                continue
        kept.append(finding)
    return kept, silenced


def _equivalents(code: str, registry: Registry) -> tuple[str, ...]:
    return registry.get(code).noqa_equivalents if code in registry else ()


def _line(lines: list[str], number: int) -> str:
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _silences(line: str, equivalents: tuple[str, ...]) -> bool:
    """Whether ``line`` carries a ``# noqa`` that is bare or names one of ``equivalents``."""
    match = _NOQA.search(line)
    if match is None:
        return False
    named = match.group("codes")
    if named is None:
        return True
    codes = {code.strip().upper() for code in named.split(",")}
    return any(code in codes for code in equivalents)
