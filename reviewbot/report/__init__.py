"""Every renderer: a CheckResult as text, JSON, SARIF, GitHub annotations, Markdown or HTML,
and a review as the terminal view, Review JSON and the summary comment.

May import review, pipeline and everything below them; not deliver, fix, init or cli.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType

from reviewbot.pipeline.result import CheckResult
from reviewbot.report import github, html, json_report, markdown, sarif, text

FORMATS: Mapping[str, Callable[..., str]] = MappingProxyType(
    {
        "full": text.render,
        "concise": text.render_concise,
        "text": text.render,  # the name before ruff's: the full report
        "json": json_report.render,
        "sarif": sarif.render,
        "github": github.render,
        "markdown": markdown.render,
        "html": html.render,
    }
)

#: The formats a person reads: paths relative to the current directory, as ruff prints them.
#: The others keep repository-relative paths, their contract.
CWD_RELATIVE_FORMATS = frozenset({"full", "concise", "text", "markdown"})
#: The formats that colour their output when colour is on.
COLOR_FORMATS = frozenset({"full", "concise", "text"})


def render(result: CheckResult, fmt: str, *, color: bool = False, cwd: Path | None = None) -> str:
    """Render ``result`` in the format named ``fmt``; ``ValueError`` names the valid ones.

    ``cwd``, when given, is where the human formats' paths are relative to.
    """
    try:
        reporter = FORMATS[fmt]
    except KeyError:
        valid = ", ".join(FORMATS)
        raise ValueError(f"unknown report format {fmt!r}; choose one of: {valid}") from None
    if fmt in CWD_RELATIVE_FORMATS:
        return reporter(result, color=color, cwd=cwd)
    return reporter(result, color=color)


__all__ = ["COLOR_FORMATS", "CWD_RELATIVE_FORMATS", "FORMATS", "render"]
