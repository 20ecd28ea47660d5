"""Render a rule's documentation as Markdown (``reviewbot explain``, SARIF help, the reference)."""

from __future__ import annotations

from reviewbot.ruleset.api import Rule


def rule_markdown(rule: type[Rule], heading_level: int = 1) -> str:
    """The full documentation page of one rule, ruff-style sections."""
    mark = "#" * heading_level
    sub = "#" * (heading_level + 1)
    doc = rule.doc
    parts = [
        f"{mark} {rule.code} {rule.name}",
        f"Category: {rule.category.value} · default severity: {rule.severity.value}"
        + (" · fix available" if rule.fixable else ""),
        f"{sub} What it does\n\n{doc.what.strip()}",
        f"{sub} Why is this bad?\n\n{doc.why.strip()}",
        f"{sub} Example\n\n```python\n{doc.example.rstrip()}\n```",
        f"{sub} Use instead\n\n```python\n{doc.use_instead.rstrip()}\n```",
    ]
    if doc.fix_safety:
        parts.append(f"{sub} Fix safety\n\n{doc.fix_safety.strip()}")
    options = doc.options.strip() or _threshold_options(rule)
    if options:
        parts.append(f"{sub} Options\n\n{options}")
    if rule.noqa_equivalents:
        codes = " or ".join(f"`# noqa: {code}`" for code in rule.noqa_equivalents)
        parts.append(
            f"{sub} Suppression\n\nBesides `# reviewbot: ignore[{rule.code}]`, ruff's {codes} "
            "(or a bare `# noqa`) on the reported line silences it: the same decision, made "
            "once for ruff."
        )
    return "\n\n".join(parts) + "\n"


def _threshold_options(rule: type[Rule]) -> str:
    keys = getattr(rule, "thresholds_used", ())
    return "\n".join(f"- `thresholds.{key.replace('_', '-')}`" for key in keys)
