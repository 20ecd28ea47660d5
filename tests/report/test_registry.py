from __future__ import annotations

import pytest

from reviewbot import report as reporters
from reviewbot.report import github, html, json_report, markdown, sarif, text
from tests.report.sample import sample_result


def test_every_format_is_registered() -> None:
    assert list(reporters.FORMATS) == [
        "full", "concise", "text", "json", "sarif", "github", "markdown", "html",
    ]


def test_text_is_the_full_report_and_concise_the_one_line_one() -> None:
    result = sample_result()
    assert reporters.render(result, "text") == reporters.render(result, "full") == text.render(result)
    assert reporters.render(result, "concise") == text.render_concise(result)
    assert reporters.render(result, "concise") != reporters.render(result, "full")


@pytest.mark.parametrize(
    ("fmt", "module"),
    [
        ("text", text),
        ("json", json_report),
        ("sarif", sarif),
        ("github", github),
        ("markdown", markdown),
        ("html", html),
    ],
)
def test_render_dispatches_by_name(fmt: str, module: object) -> None:
    result = sample_result()
    assert reporters.render(result, fmt) == module.render(result)  # type: ignore[attr-defined]


def test_render_passes_colour_through() -> None:
    assert "\x1b[" in reporters.render(sample_result(), "text", color=True)


def test_unknown_format_names_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="unknown report format 'xml'; choose one of: full, concise, text, json"):
        reporters.render(sample_result(), "xml")
