"""Run the enabled libcst rules over one parsed module and turn their reports into Findings."""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Mapping, Sequence

import libcst as cst
from libcst.metadata import MetadataWrapper

from reviewbot.config.model import LoopSizes, RuleSettings, Thresholds
from reviewbot.engine.context import PendingReport, Replacement, RuleContext
from reviewbot.engine.loop_facts import LoopJudge
from reviewbot.engine.positions import LazyPositions
from reviewbot.engine.walker import Walker
from reviewbot.findings import Category, Edit, Finding, Fix, Location, Severity, loop_extra
from reviewbot.fingerprint import node_fingerprint, normalise_source
from reviewbot.ruleset.api import NodeRule
from reviewbot.ruleset.internal_codes import RULE_CRASHED


def run_node_rules(
    module: cst.Module,
    source: str,
    path: str,
    rules: Sequence[NodeRule],
    settings: Mapping[str, RuleSettings],
    thresholds: Thresholds,
    tree: ast.Module | None,
    facts: Mapping[str, object] | None = None,
    loop_sizes: LoopSizes | None = None,
) -> list[Finding]:
    """All findings of ``rules`` on ``module``; a rule that crashes becomes an error finding.

    ``facts`` are the facts that span files which the rules declare (``Rule.uses_facts``);
    ``loop_sizes`` the collections the team declares large or small (``[loops]``).
    """
    if not rules:
        return []
    crashes: list[Finding] = []
    judge = LoopJudge(loop_sizes)
    ctx = RuleContext(module, path, thresholds, _metadata(module, rules), facts, judge)

    def on_crash(rule: NodeRule, node: cst.CSTNode, error: Exception) -> None:
        crashes.append(_crash_finding(rule, path, error))

    Walker(ctx, rules, on_crash).run(module)
    positions = LazyPositions(module, source, tree)
    reports = [report for report in ctx.reports if _still_valid(report)]
    return [*_to_findings(reports, module, positions, path, settings), *crashes]


def _metadata(module: cst.Module, rules: Sequence[NodeRule]) -> object:
    """Resolve libcst metadata only when an enabled rule asked for it."""
    providers = {provider for rule in rules for provider in rule.metadata}
    if not providers:
        return None
    return MetadataWrapper(module, unsafe_skip_copy=True).resolve_many(providers)


def _still_valid(report: PendingReport) -> bool:
    """Drop reports whose binding answers changed once the whole file was walked."""
    for query in report.queries:
        found = query.scope.binding(query.name)
        if (found.kinds if found else None) != query.kinds:
            return False
    return True


def _to_findings(
    reports: list[PendingReport],
    module: cst.Module,
    positions: LazyPositions,
    path: str,
    settings: Mapping[str, RuleSettings],
) -> list[Finding]:
    located = [(positions.locate(r.node, r.path), r) for r in reports]
    located.sort(key=lambda pair: (pair[0], pair[1].rule.code))
    seen: Counter[tuple[str, str, str]] = Counter()
    findings = []
    for location, report in located:
        text = normalise_source(module.code_for_node(report.node))
        key = (report.rule.code, report.scope, text)
        fingerprint = node_fingerprint(key[0], path, key[1], text, seen[key])
        seen[key] += 1
        findings.append(_finding(report, location, fingerprint, path, settings, module, positions))
    return findings


def _finding(
    report: PendingReport,
    location: Location,
    fingerprint: str,
    path: str,
    settings: Mapping[str, RuleSettings],
    module: cst.Module,
    positions: LazyPositions,
) -> Finding:
    rule = report.rule
    setting = settings.get(rule.code)
    return Finding(
        rule=rule.code,
        category=setting.category if setting else rule.category,
        severity=setting.severity if setting else rule.severity,
        path=path,
        location=location,
        message=report.message,
        rationale=report.rationale or " ".join(rule.doc.why.split()),
        fix=_fix(report, module, positions),
        fingerprint=fingerprint,
        extra=loop_extra(report.loop.reason, report.loop.because) if report.loop else {},
    )


def _fix(report: PendingReport, module: cst.Module, positions: LazyPositions) -> Fix | None:
    if not report.replacements:
        return None
    edits = tuple(_edit(r, report.path, module, positions) for r in report.replacements)
    description = report.fix_description or f"Apply {report.rule.code}'s fix"
    return Fix(description=description, edits=edits, safe=report.fix_safe)


def _edit(
    replacement: Replacement,
    path: tuple[cst.CSTNode, ...],
    module: cst.Module,
    positions: LazyPositions,
) -> Edit:
    where = positions.locate(replacement.target, path)
    new = replacement.new
    text = new if isinstance(new, str) else module.code_for_node(new)
    return Edit(
        where.line, where.column, where.end_line, where.end_column, _reindent(text, where.column)
    )


def _reindent(text: str, column: int) -> str:
    """Indent the continuation lines of generated code to where the replaced node starts."""
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    pad = " " * (column - 1)
    return "\n".join([lines[0], *(pad + line if line else line for line in lines[1:])])


def _crash_finding(rule: NodeRule, path: str, error: Exception) -> Finding:
    detail = f"{type(error).__name__}: {error}".splitlines()[0]
    return Finding(
        rule=RULE_CRASHED,
        category=Category.ERROR,
        severity=Severity.ERROR,
        path=path,
        location=Location(1, 1, 1, 1),
        message=f"rule {rule.code} ({rule.name}) crashed on this file: {detail}",
        rationale="The rule stopped on this file, so its findings here are incomplete. "
        "Report this with the file attached; the rest of the run went on.",
        fingerprint=f"{RULE_CRASHED}:{rule.code}:{path}",
    )
