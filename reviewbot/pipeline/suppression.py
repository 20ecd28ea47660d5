"""``# reviewbot: ignore[CODE]`` and ``# reviewbot: ignore-file[CODE]`` comments.

An inline comment covers its own line. A comment alone on its line covers the next statement,
and the whole block when that statement opens one (a ``def``, ``class``, ``for``...). An
``ignore-file`` comment anywhere covers the file. Codes are required; ``*`` means every code.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from reviewbot.findings import Finding

_DIRECTIVE = re.compile(r"#\s*reviewbot:\s*(ignore-file|ignore)\s*\[([^\]]*)\]")
_MARKER = "reviewbot:"


@dataclass(frozen=True)
class Directive:
    """One suppression comment and the lines it covers (``end`` 0 for the whole file)."""

    line: int
    column: int
    end_column: int
    codes: tuple[str, ...]
    start: int
    end: int

    @property
    def whole_file(self) -> bool:
        """Whether this is an ``ignore-file`` directive."""
        return self.end == 0

    def covers(self, finding: Finding) -> bool:
        """Whether this directive silences ``finding``."""
        if "*" not in self.codes and finding.rule not in self.codes:
            return False
        return self.whole_file or self.start <= finding.line <= self.end


def find_directives(source: str, tree: ast.Module | None) -> tuple[Directive, ...]:
    """Every suppression comment in ``source`` (real comments only, never string contents)."""
    if _MARKER not in source:
        return ()
    blocks = _block_ranges(tree) if tree is not None else {}
    lines = source.splitlines()
    found = []
    for line, column, text in _comments(source):
        match = _DIRECTIVE.search(text)
        if match is None:
            continue
        codes = tuple(code.strip() for code in match.group(2).split(",") if code.strip())
        start, end = _covered(match.group(1), line, column, lines, blocks)
        end_column = column + len(text) + 1
        found.append(Directive(line, column + 1, end_column, codes, start, end))
    return tuple(found)


def _comments(source: str) -> Iterable[tuple[int, int, str]]:
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT and _MARKER in token.string:
                yield token.start[0], token.start[1], token.string
    except (tokenize.TokenError, SyntaxError):
        return


def _covered(
    kind: str, line: int, column: int, lines: list[str], blocks: Mapping[int, int]
) -> tuple[int, int]:
    if kind == "ignore-file":
        return 1, 0
    if lines[line - 1][:column].strip():
        return line, line  # inline: after code on the same line
    target = _next_code_line(lines, line)
    return target, blocks.get(target, target)


def _next_code_line(lines: list[str], after: int) -> int:
    for number in range(after + 1, len(lines) + 1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return after


def _block_ranges(tree: ast.Module) -> dict[int, int]:
    """First line (decorators included) -> last line of every compound statement."""
    ranges: dict[int, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt) and hasattr(node, "body") and node.end_lineno:
            decorators = getattr(node, "decorator_list", [])
            start = min([node.lineno, *(d.lineno for d in decorators)])
            ranges[start] = max(ranges.get(start, 0), node.end_lineno)
    return ranges


@dataclass(frozen=True)
class SuppressionOutcome:
    """Findings kept, how many were silenced, and directive codes that silenced nothing."""

    kept: tuple[Finding, ...]
    suppressed: int
    unused: tuple[tuple[Directive, str], ...]


def apply_directives(
    findings: Iterable[Finding], directives: tuple[Directive, ...]
) -> SuppressionOutcome:
    """Split one file's findings into kept and silenced; note which directive codes were unused."""
    kept: list[Finding] = []
    used: set[tuple[int, str]] = set()
    suppressed = 0
    for finding in findings:
        covering = [d for d in directives if d.covers(finding)]
        if not covering:
            kept.append(finding)
            continue
        suppressed += 1
        for directive in covering:
            used.add((directive.line, "*" if "*" in directive.codes else finding.rule))
    unused = tuple(
        (directive, code)
        for directive in directives
        for code in directive.codes
        if (directive.line, code) not in used
    )
    return SuppressionOutcome(tuple(kept), suppressed, unused)
