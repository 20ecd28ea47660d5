"""The HTML report's colours and stylesheet (inline: the page loads nothing)."""

from __future__ import annotations

from types import MappingProxyType

from reviewbot.findings import Category

CATEGORY_COLORS = MappingProxyType(
    {
        Category.ERROR: "#5f6b7a",
        Category.CORRECTNESS: "#d1495b",
        Category.PERFORMANCE: "#e09f3e",
        Category.COMPLEXITY: "#7b61c4",
        Category.CONVENTION: "#1b998b",
        Category.POLICY: "#3a6ea5",
    }
)
STYLESHEET = """
:root {
  --bg: #f6f7f9; --panel: #ffffff; --text: #1f2933; --muted: #616e7c; --line: #e4e7eb;
  --code-bg: #f3f4f6; --hit: #fff4d6; --accent: #3a6ea5; --pass: #1e7f4f; --fail: #c0392b;
  --error: #c0392b; --warning: #b7791f; --info: #2b6cb0;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #111418; --panel: #1a1f25; --text: #e6e9ed; --muted: #9aa5b1; --line: #2b323b;
    --code-bg: #141920; --hit: #3a3219; --accent: #7fb0e8; --pass: #4cc38a; --fail: #f07167;
    --error: #f07167; --warning: #f2b75b; --info: #72aee6;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--text);
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
code, pre, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; }
code { font-size: 0.92em; background: var(--code-bg); padding: 0.05em 0.3em; border-radius: 4px; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
.wrap { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
header.top { background: linear-gradient(135deg, #1f3b57, #2d5f8a); color: #fff; padding: 28px 0 24px; }
header.top .brand { font-weight: 700; letter-spacing: 0.08em; text-transform: uppercase; font-size: 12px; opacity: 0.8; }
header.top h1 { margin: 4px 0 6px; font-size: 28px; font-weight: 650; }
header.top h1 code { background: rgba(255,255,255,0.14); color: #fff; }
header.top .meta { margin: 0; opacity: 0.85; font-size: 13px; }
.verdict { display: inline-block; margin-top: 14px; padding: 6px 14px; border-radius: 999px; font-weight: 600; font-size: 14px; }
.verdict.pass { background: #d9f2e4; color: #14532d; }
.verdict.fail { background: #fde2e1; color: #7f1d1d; }
main.wrap { padding-top: 24px; padding-bottom: 40px; }
h2 { font-size: 18px; margin: 0 0 14px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 14px; margin-bottom: 22px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 12px; padding: 14px 16px; }
.card .value { font-size: 28px; font-weight: 700; line-height: 1.1; }
.card .label { color: var(--muted); font-size: 13px; margin-top: 4px; }
.card.error .value { color: var(--error); } .card.warning .value { color: var(--warning); }
.card.info .value { color: var(--info); } .card.blocking .value { color: var(--fail); }
.card.blocking.none .value { color: var(--pass); }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 12px; padding: 18px 20px; margin-bottom: 22px; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 22px; align-items: start; }
.charts .panel { margin-bottom: 0; }
.charts { margin-bottom: 22px; }
svg.chart { width: 100%; height: auto; display: block; }
.chart-label { font-size: 13px; fill: var(--text); font-family: ui-monospace, Menlo, Consolas, monospace; }
.chart-value { font-size: 12px; fill: var(--muted); font-weight: 600; }
.empty { color: var(--muted); margin: 0; }
ol.hotspots { list-style: none; margin: 0; padding: 0; counter-reset: spot; }
ol.hotspots li { display: grid; grid-template-columns: 32px minmax(0, 2fr) minmax(0, 2.4fr) minmax(180px, 1.3fr); gap: 14px;
  align-items: center; padding: 9px 0; border-top: 1px solid var(--line); counter-increment: spot; }
ol.hotspots li:first-child { border-top: 0; }
ol.hotspots li::before { content: counter(spot); color: var(--muted); font-weight: 700; text-align: right; }
.spot-name { overflow-wrap: anywhere; }
.spot-where { color: var(--muted); font-size: 13px; overflow-wrap: anywhere; }
.spot-bar, .spot-numbers { display: block; }
.spot-meter { display: block; position: relative; height: 8px; background: var(--code-bg); border-radius: 99px; overflow: hidden; }
.spot-meter span { display: block; position: absolute; inset: 0 auto 0 0; border-radius: 99px; }
.spot-numbers { font-size: 12px; color: var(--muted); margin-top: 4px; }
.trend { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 14px; }
.trend .delta { font-size: 24px; font-weight: 700; }
.trend .new .delta { color: var(--fail); } .trend .fixed .delta { color: var(--pass); }
ul.files { columns: 2 320px; column-gap: 28px; margin: 0 0 8px; padding: 0; list-style: none; font-size: 14px; }
ul.files li { break-inside: avoid; display: flex; justify-content: space-between; gap: 12px; padding: 3px 0; }
ul.files .n { color: var(--muted); font-variant-numeric: tabular-nums; }
article.file { background: var(--panel); border: 1px solid var(--line); border-radius: 12px; margin-bottom: 18px; overflow: hidden; }
article.file > h3 { margin: 0; padding: 12px 18px; font-size: 15px; background: var(--code-bg); border-bottom: 1px solid var(--line);
  display: flex; justify-content: space-between; gap: 12px; overflow-wrap: anywhere; }
article.file > h3 .n { color: var(--muted); font-weight: 500; white-space: nowrap; }
.finding { padding: 14px 18px; border-top: 1px solid var(--line); border-left: 4px solid transparent; }
.finding:first-of-type { border-top: 0; }
.finding.error { border-left-color: var(--error); } .finding.warning { border-left-color: var(--warning); }
.finding.info { border-left-color: var(--info); }
.finding .head { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; font-size: 13px; }
.badge { font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; padding: 2px 8px; border-radius: 99px; color: #fff; }
.badge.error { background: var(--error); } .badge.warning { background: var(--warning); } .badge.info { background: var(--info); }
.rule { font-weight: 700; }
.category { color: var(--muted); }
.category::before { content: ""; display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-right: 5px; background: var(--dot); }
.where { color: var(--muted); margin-left: auto; }
.message { margin: 8px 0 4px; font-weight: 550; }
.why { margin: 0 0 6px; color: var(--muted); font-size: 14px; }
.fix { margin: 0 0 6px; font-size: 13px; color: var(--pass); }
.fix.unsafe { color: var(--warning); }
pre.excerpt { margin: 8px 0 0; background: var(--code-bg); border-radius: 8px; padding: 8px 0; overflow-x: auto; font-size: 13px; line-height: 1.5; }
pre.excerpt code { background: none; padding: 0; font-size: inherit; }
pre.excerpt span.line { display: block; padding: 0 14px 0 0; white-space: pre; }
pre.excerpt span.line.hit { background: var(--hit); }
pre.excerpt span.ln { display: inline-block; width: 52px; padding-right: 12px; text-align: right; color: var(--muted); user-select: none; }
.overflow { color: var(--muted); font-style: italic; }
footer { color: var(--muted); font-size: 13px; text-align: center; padding: 0 0 32px; }
@media (max-width: 860px) {
  .charts { grid-template-columns: 1fr; }
  ol.hotspots li { grid-template-columns: 28px minmax(0, 1fr); }
  .spot-where, .spot-bar { grid-column: 2; }
  header.top h1 { font-size: 22px; }
  .where { margin-left: 0; width: 100%; }
}
@media print { header.top { background: none; color: var(--text); } .verdict { border: 1px solid currentColor; } }
"""
