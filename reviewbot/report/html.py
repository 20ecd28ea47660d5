"""The HTML report: one self-contained page (inline CSS and SVG, no scripts, no network).

Counts, charts of findings by category and by rule, the complexity hotspots, the trend against a
baseline when there is one, and every file's findings with the code around them. Everything
that comes from the audited code or the rules is escaped.
"""

from __future__ import annotations

import re
from collections import Counter
from html import escape
from pathlib import PurePath

from reviewbot.control_chars import visible
from reviewbot.findings import Finding, Severity
from reviewbot.pipeline.result import CheckResult, Hotspot, excerpt_key
from reviewbot.report.html_charts import Bar, bar_chart
from reviewbot.report.html_style import CATEGORY_COLORS, STYLESHEET
from reviewbot.report.ordering import (
    CATEGORY_ORDER,
    SEVERITY_ORDER,
    findings_by_file,
    sorted_findings,
)
from reviewbot.report.wording import plural

MAX_FINDINGS = 1000
MAX_RULE_BARS = 12
_CODE_SPAN = re.compile(r"`([^`\n]+)`")
# Content-Security-Policy: nothing may load; only the inline stylesheet applies.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
# Hotspot meter colours by cognitive complexity (15 is the recommended preset's limit).
_HEAT = ((25, "#d1495b"), (15, "#e09f3e"), (0, "#1b998b"))
_TREND_LABELS = {
    "new": "new findings",
    "fixed": "baseline entries fixed",
    "hidden": "accepted by the baseline",
    "baseline": "entries in the baseline",
}


def render(result: CheckResult, *, color: bool = False) -> str:
    """The whole page; ``color`` is ignored (the page has its own colours)."""
    body = [
        _header(result),
        '<main class="wrap">',
        _cards(result),
        _charts(result),
        _hotspots(result.hotspots),
        _trend(result),
        _files(result),
        "</main>",
        _footer(result),
    ]
    return "\n".join([_head(result), *(part for part in body if part), "</body>\n</html>\n"])


def _head(result: CheckResult) -> str:
    title = f"reviewbot report: {_project(result)}"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<link rel="icon" href="data:,">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLESHEET}</style>\n</head>\n<body>"
    )


def _header(result: CheckResult) -> str:
    versions = " · ".join(
        f"{escape(k)} {escape(v)}" for k, v in sorted(result.tool_versions.items())
    )
    blocking = len(result.blocking)
    gate = f"--fail-on {escape(result.fail_on.value)}"
    verdict = (
        f'<div class="verdict fail">✗ {plural(blocking, "blocking finding")} at {gate}</div>'
        if blocking
        else f'<div class="verdict pass">✓ No blocking findings at {gate}</div>'
    )
    return (
        '<header class="top"><div class="wrap"><div class="brand">reviewbot audit</div>'
        f"<h1>Code review report for <code>{escape(_project(result))}</code></h1>"
        f'<p class="meta">{plural(result.files_checked, "file")} checked · {versions}</p>'
        f"{verdict}</div></header>"
    )


def _cards(result: CheckResult) -> str:
    counts = result.count_by_severity()
    blocking = len(result.blocking)
    cards = [
        ("files", result.files_checked, "files checked"),
        ("total", len(result.findings), "findings"),
        *(
            (s.value, counts[s], s.value if s is Severity.INFO else f"{s.value}s")
            for s in SEVERITY_ORDER
        ),
        ("blocking" + ("" if blocking else " none"), blocking, "blocking"),
        ("suppressed", result.suppressed, "suppressed"),
    ]
    items = "\n".join(
        f'<div class="card {kind}"><div class="value">{value}</div>'
        f'<div class="label">{label}</div></div>'
        for kind, value, label in cards
    )
    return f'<section class="cards" aria-label="Counts">{items}</section>'


def _charts(result: CheckResult) -> str:
    by_category = result.count_by_category()
    category_bars = [
        Bar(category.value, by_category[category], CATEGORY_COLORS[category])
        for category in CATEGORY_ORDER
        if by_category[category]
    ]
    by_rule = bar_chart(_rule_bars(result), "Findings by rule") + _rule_overflow(result)
    return (
        '<section class="charts">'
        + _panel(
            "by-category",
            "Findings by category",
            bar_chart(category_bars, "Findings by category"),
            "div",
        )
        + _panel("by-rule", "Findings by rule", by_rule, "div")
        + "</section>"
    )


def _rule_bars(result: CheckResult) -> list[Bar]:
    counts = Counter(finding.rule for finding in result.findings)
    first = {finding.rule: finding for finding in reversed(result.findings)}
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:MAX_RULE_BARS]
    bars = []
    for code, count in ranked:
        info = result.rules.get(code)
        name = f"{code} {info.name}" if info and info.name != code else code
        tooltip = f"{code}: {info.summary}" if info else code
        bars.append(Bar(name, count, CATEGORY_COLORS[first[code].category], f"{tooltip} ({count})"))
    return bars


def _rule_overflow(result: CheckResult) -> str:
    rules = len({finding.rule for finding in result.findings})
    if rules <= MAX_RULE_BARS:
        return ""
    return f'<p class="overflow">The {MAX_RULE_BARS} most frequent of {rules} rules.</p>'


def _hotspots(hotspots: tuple[Hotspot, ...]) -> str:
    if not hotspots:
        empty = '<p class="empty">No functions with cognitive complexity above zero.</p>'
        return _panel("hotspots", "Complexity hotspots", empty)
    peak = max(spot.cognitive for spot in hotspots)
    rows = "\n".join(_hotspot(spot, peak) for spot in hotspots)
    return _panel("hotspots", "Complexity hotspots", f'<ol class="hotspots">{rows}</ol>')


def _hotspot(spot: Hotspot, peak: int) -> str:
    share = 100 * spot.cognitive / peak
    colour = next(colour for limit, colour in _HEAT if spot.cognitive >= limit)
    meter = f'<span style="width:{share:.0f}%;background:{colour}"></span>'
    return (
        f'<li><span class="spot-name"><code>{escape(visible(spot.function))}()</code></span>'
        f'<span class="spot-where mono">{escape(visible(spot.path))}:{spot.line}</span>'
        f'<span class="spot-bar"><span class="spot-meter">{meter}</span>'
        f'<span class="spot-numbers">cognitive {spot.cognitive} · cyclomatic '
        f"{spot.cyclomatic} · {spot.length} lines</span></span></li>"
    )


def _trend(result: CheckResult) -> str:
    delta = result.baseline_delta
    if delta is None:
        return ""
    keys = [key for key in _TREND_LABELS if key in delta] + sorted(set(delta) - set(_TREND_LABELS))
    items = "".join(
        f'<div class="card {escape(key)}"><div class="delta">{int(delta[key])}</div>'
        f'<div class="label">{escape(_TREND_LABELS.get(key, key))}</div></div>'
        for key in keys
    )
    return _panel("trend", "Against the baseline", f'<div class="trend">{items}</div>')


def _files(result: CheckResult) -> str:
    if not result.findings:
        return _panel("files", "Findings by file", '<p class="empty">No findings.</p>')
    shown = sorted_findings(result.findings)[:MAX_FINDINGS]
    groups = findings_by_file(shown)
    toc = "\n".join(
        f'<li><a href="#file-{index}">{escape(visible(path) or "(pull request)")}</a>'
        f'<span class="n">{len(findings)}</span></li>'
        for index, (path, findings) in enumerate(groups)
    )
    articles = "\n".join(
        _file(result, index, path, findings) for index, (path, findings) in enumerate(groups)
    )
    hidden = len(result.findings) - len(shown)
    overflow = (
        f'<p class="overflow">{plural(hidden, "more finding")} not listed.</p>' if hidden else ""
    )
    return (
        '<section id="files"><div class="panel"><h2>Findings by file</h2>'
        f'<nav><ul class="files">\n{toc}\n</ul></nav></div>\n{articles}\n{overflow}</section>'
    )


def _file(result: CheckResult, index: int, path: str, findings: list[Finding]) -> str:
    items = "\n".join(_finding(result, finding) for finding in findings)
    count = plural(len(findings), "finding")
    return (
        f'<article class="file" id="file-{index}"><h3><span class="mono">'
        f'{escape(visible(path) or "(pull request)")}</span><span class="n">{count}</span></h3>\n'
        f"{items}</article>"
    )


def _finding(result: CheckResult, finding: Finding) -> str:
    severity = finding.severity.value
    dot = CATEGORY_COLORS[finding.category]
    loc = finding.location
    parts = [
        f'<div class="finding {severity}"><div class="head">',
        f'<span class="badge {severity}">{severity}</span>{_rule_link(result, finding.rule)}',
        f'<span class="category" style="--dot:{dot}">{finding.category.value}</span>',
        f'<span class="where mono">line {loc.line}, column {loc.column}</span></div>',
        f'<p class="message">{_inline(finding.message)}</p>',
    ]
    if finding.rationale:
        parts.append(f'<p class="why">{_inline(finding.rationale)}</p>')
    if finding.fix is not None:
        kind = "fix" if finding.fix.safe else "fix unsafe"
        label = "Fix available" if finding.fix.safe else "Unsafe fix available"
        parts.append(f'<p class="{kind}">{label}: {_inline(finding.fix.description)}</p>')
    parts += [_excerpt(result, finding), "</div>"]
    return "\n".join(part for part in parts if part)


def _rule_link(result: CheckResult, code: str) -> str:
    info = result.rules.get(code)
    label = escape(visible(code)) + (
        f" · {escape(info.name)}" if info and info.name != code else ""
    )
    if info and info.url:
        return f'<a class="rule mono" href="{escape(info.url)}">{label}</a>'
    return f'<span class="rule mono">{label}</span>'


def _excerpt(result: CheckResult, finding: Finding) -> str:
    excerpt = result.excerpts.get(excerpt_key(finding.path, finding.line))
    if excerpt is None:
        return ""
    last_hit = max(finding.line, finding.location.end_line)
    lines = []
    for number, text in enumerate(excerpt.lines, start=excerpt.start):
        hit = " hit" if finding.line <= number <= last_hit else ""
        code = escape(visible(text, keep="\t"))
        lines.append(f'<span class="line{hit}"><span class="ln">{number}</span>{code}</span>')
    return f'<pre class="excerpt"><code>{"".join(lines)}</code></pre>'


def _panel(anchor: str, title: str, content: str, tag: str = "section") -> str:
    """A titled white box; ``content`` is already HTML."""
    return f'<{tag} class="panel" id="{anchor}"><h2>{title}</h2>{content}</{tag}>'


def _inline(text: str) -> str:
    """Escaped text with Markdown code spans (the rules' messages use them) as ``<code>``."""
    return _CODE_SPAN.sub(r"<code>\1</code>", escape(visible(text)))


def _footer(result: CheckResult) -> str:
    version = result.tool_versions.get("reviewbot", "")
    return f"<footer>Generated by reviewbot {escape(version)}.</footer>"


def _project(result: CheckResult) -> str:
    return result.project or PurePath(result.root).name or result.root
