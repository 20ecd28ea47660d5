"""Every renderer: a CheckResult as text, JSON, SARIF, GitHub annotations, Markdown or HTML,
and a review as the terminal view, Review JSON and the summary comment.

May import review, pipeline and everything below them; not deliver, fix, init or cli.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from reviewbot.pipeline.result import CheckResult
from reviewbot.report import github, html, json_report, markdown, sarif, text

FORMATS: Mapping[str, Callable[..., str]] = MappingProxyType(
    {
        "text": text.render,
        "json": json_report.render,
        "sarif": sarif.render,
        "github": github.render,
        "markdown": markdown.render,
        "html": html.render,
    }
)


def render(result: CheckResult, fmt: str, *, color: bool = False) -> str:
    """Render ``result`` in the format named ``fmt``; ``ValueError`` names the valid ones."""
    try:
        reporter = FORMATS[fmt]
    except KeyError:
        valid = ", ".join(FORMATS)
        raise ValueError(f"unknown report format {fmt!r}; choose one of: {valid}") from None
    return reporter(result, color=color)


__all__ = ["FORMATS", "render"]
