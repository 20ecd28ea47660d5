"""The code line under a finding: tabs, control characters, wide characters and long lines."""

from __future__ import annotations

from reviewbot.report.code_line import MAX_WIDTH, CodeLine, Span, code_line


def _caret_text(shown: CodeLine) -> str:
    """The text above the carets."""
    _, numbered, carets = shown.lines()
    source = numbered.split(" | ", 1)[1]
    start = carets.split(" | ", 1)[1].index("^")
    return source[start : start + shown.carets]


def test_carets_sit_under_the_span() -> None:
    assert code_line("import os", 3, Span(8, 10)).lines() == (
        "  |",
        "3 | import os",
        "  |        ^^",
    )


def test_a_tab_is_four_spaces_and_the_carets_follow() -> None:
    shown = code_line("\tx = [1]", 7, Span(6, 9))
    assert shown.source == "    x = [1]"
    assert _caret_text(shown) == "[1]"


def test_control_characters_are_escaped_and_the_carets_follow() -> None:
    shown = code_line('s = "\x1b[31m" + t', 1, Span(15, 16))
    assert shown.source == 's = "\\x1b[31m" + t'
    assert "\x1b" not in "".join(shown.lines())
    assert _caret_text(shown) == "t"


def test_a_long_line_is_cut_around_the_span() -> None:
    text = "a" * 500 + "TARGET" + "b" * 500
    shown = code_line(text, 12, Span(501, 507))
    assert shown.source.startswith("…") and shown.source.endswith("…")
    assert len(shown.source) == MAX_WIDTH + 2
    assert _caret_text(shown) == "TARGET"


def test_a_long_line_is_cut_at_its_end_when_the_span_is_near_the_start() -> None:
    shown = code_line("x = " + "y" * 300, 1, Span(1, 2))
    assert shown.source == "x = " + "y" * (MAX_WIDTH - 4) + "…"
    assert _caret_text(shown) == "x"


def test_a_span_at_the_end_of_the_line_still_gets_one_caret() -> None:
    _, numbered, carets = code_line("value = 1", 4, Span(10, 10)).lines()
    assert carets.index("^") == len(numbered)


def test_a_span_running_past_the_line_marks_the_rest_of_it() -> None:
    assert code_line("def f(", 1, Span(5, None)).lines()[2] == "  |     ^^"
