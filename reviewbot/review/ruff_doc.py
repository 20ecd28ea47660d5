"""ruff's rule documentation cut to a comment's "why": a few sentences of valid Markdown.

ruff writes its docs for its website: reference-style links whose definitions sit at the bottom
(``[PEP 8]`` ... ``[PEP 8]: https://...``), links to its settings pages that only the site
resolves (``[`line-length`]``), block quotes, lists and code blocks. Flattening that into one
line leaves ``[PEP 8] recommends ... >``. Here the prose paragraphs of "Why is this bad?" are
kept, a quoted paragraph becomes an inline quotation, references become inline links (or plain
text when undefined), and lists, code and headings end the excerpt.
"""

from __future__ import annotations

import re

MAX_SENTENCES = 3
_DEFINITION = re.compile(r"^\s{0,3}\[([^\]]+)\]:\s*(\S+)[^\n]*$", re.MULTILINE)
_SECTION = re.compile(r"^## (.+)$", re.MULTILINE)
# [text][label], [text][] and [text] not followed by ( or [ (prose holds no definitions)
# (a code span first, so brackets inside code are left alone)
_REFERENCE = re.compile(r"(`[^`]*`)|\[((?:[^\[\]]|\[[^\[\]]*\])+)\](?:\[([^\]]*)\])?(?![(\[])")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z`\"(\[])")
_BLOCK_START = re.compile(r"^\s*(?:(?:[-*+]|\d+[.)])\s|```|#|\|)")


def ruff_why(explanation: str, fallback: str = "") -> str:
    """The first sentences of the "Why is this bad?" section as one Markdown paragraph."""
    links = link_definitions(explanation)
    prose = _prose(section(explanation, "Why is this bad?")) or " ".join(fallback.split())
    return _sentences(inline_links(prose, links))


def section(markdown: str, title: str) -> str:
    """The body of the ``## title`` section of ruff's rule explanation (empty if absent)."""
    headings = list(_SECTION.finditer(markdown))
    for index, heading in enumerate(headings):
        if heading.group(1).strip() == title:
            end = headings[index + 1].start() if index + 1 < len(headings) else len(markdown)
            return markdown[heading.end() : end].strip()
    return ""


def link_definitions(markdown: str) -> dict[str, str]:
    """The reference link definitions (``[label]: url``), by lower-cased label."""
    return {label.lower(): url for label, url in _DEFINITION.findall(markdown)}


def inline_links(text: str, links: dict[str, str]) -> str:
    """``text`` with reference links made inline, or plain text when their label is undefined."""

    def replace(match: re.Match[str]) -> str:
        code, shown, label = match.group(1), match.group(2), match.group(3)
        if code:
            return code
        url = links.get((label or shown).lower())
        return f"[{shown}]({url})" if url else shown

    return _REFERENCE.sub(replace, text)


def _prose(body: str) -> str:
    """The leading prose of ``body`` on one line; a run of ``>`` lines becomes a quotation."""
    return " ".join(" ".join(_with_quotations(_leading_prose(body.strip().split("\n")))).split())


def _leading_prose(lines: list[str]) -> list[str]:
    """The lines before the first list, code block, table, heading or link definition (a
    quotation that block interrupts is dropped with it)."""
    kept: list[str] = []
    for raw in lines:
        if _ends_prose(raw, paragraph_start=not kept or not kept[-1].strip()):
            while kept and kept[-1].lstrip().startswith(">"):
                kept.pop()
            break
        kept.append(raw)
    return kept


def _ends_prose(raw: str, *, paragraph_start: bool) -> bool:
    stripped = raw.strip()
    if stripped.lstrip(">").strip().startswith("```") or _DEFINITION.match(raw):
        return True
    if stripped.startswith(">"):
        return False
    return bool(_BLOCK_START.match(raw)) or (paragraph_start and raw.startswith("    "))


def _with_quotations(lines: list[str]) -> list[str]:
    """``lines`` stripped, each run of ``>`` lines joined into one quotation."""
    parts: list[str] = []
    quoted: list[str] = []
    for line in [*lines, ""]:
        stripped = line.strip()
        if stripped.startswith(">"):
            quoted.append(stripped[1:].strip())
            continue
        if quoted:
            parts.append(_quotation(quoted))
            quoted = []
        parts.append(stripped)
    return parts


def _quotation(lines: list[str]) -> str:
    return f"\u201c{' '.join(' '.join(lines).split())}\u201d"


def _sentences(text: str, count: int = MAX_SENTENCES) -> str:
    """The first ``count`` sentences (never cutting inside a quotation, link or code span),
    without a last one that introduces what was cut."""
    chosen: list[str] = []
    start = 0
    for end in _SENTENCE_END.finditer(text):
        candidate = text[start : end.start()]
        if len(chosen) < count and _balanced(candidate):
            chosen.append(candidate)
            start = end.end()
    if len(chosen) < count:
        chosen.append(text[start:])
    while len(chosen) > 1 and chosen[-1].rstrip().endswith(":"):
        chosen.pop()
    text = " ".join(chosen).rstrip()
    return f"{text[:-1]}." if text.endswith(":") else text


def _balanced(text: str) -> bool:
    return (
        text.count("`") % 2 == 0
        and text.count("[") == text.count("]")
        and text.count("(") == text.count(")")
        and text.count("\u201c") == text.count("\u201d")
    )
