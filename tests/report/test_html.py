"""The HTML report: self-contained, escaped, well-formed, with every section it promises."""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser

from reviewbot.findings import Category, Location
from reviewbot.pipeline.result import Excerpt, Hotspot, excerpt_key
from reviewbot.report import html
from reviewbot.report.html_style import CATEGORY_COLORS
from tests.report.sample import CART, GREETINGS, empty_result, findings, sample_result
from tests.snapshot import assert_snapshot

VOID = frozenset({"meta", "link", "br", "img", "input", "hr", "rect"})
HOTSPOTS = (
    Hotspot(CART, "Cart.checkout", 40, 23, 14, 52),
    Hotspot("src/shop/tax.py", "rate_for", 8, 9, 7, 20),
)
EXCERPTS = {
    excerpt_key(CART, 12): Excerpt(10, ("", "", "def add(self, sku, items=[]):", "    items.append(sku)", "")),
    excerpt_key(GREETINGS, 7): Excerpt(6, ("", 'greeting = "👋 Grüße" if lang in ["de", "fr"] else "Hi"')),
}


class Structure(HTMLParser):
    """Records tags, and fails on a closing tag that does not match the open one."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.seen: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append(tag)
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1] if self.open else None}>"
        self.open.pop()


def parsed(page: str) -> Structure:
    structure = Structure()
    structure.feed(page)
    assert structure.open == []
    return structure


def full_result() -> object:
    return sample_result(hotspots=HOTSPOTS, excerpts=EXCERPTS, project="shop")


def test_page_is_self_contained_and_well_formed() -> None:
    page = html.render(full_result())  # type: ignore[arg-type]
    tags = parsed(page).seen
    assert "script" not in tags and "img" not in tags
    assert "http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';" in page
    assert 'src="http' not in page and "@import" not in page and "url(" not in page
    assert tags.count("svg") == 2
    assert "<title>reviewbot report: shop</title>" in page


def test_body_snapshot() -> None:
    page = html.render(full_result())  # type: ignore[arg-type]
    body = page[page.index("<body>") :]
    assert_snapshot("report_body.html", body)


def test_everything_from_the_code_is_escaped() -> None:
    evil = replace(
        findings()[0],
        path="src/<b>x</b>.py",
        message="`</code><script>alert(1)</script>` and \"quotes\"",
        rationale="<img src=x onerror=alert(1)>",
    )
    result = sample_result(
        findings=(evil,),
        hotspots=(Hotspot("a/<i>.py", "<svg/onload=alert(1)>", 1, 3, 2, 1),),
        excerpts={excerpt_key(evil.path, evil.line): Excerpt(12, ("x = '</pre><script>'",))},
        baseline_delta={"<new>": 1},
    )
    page = html.render(result)
    tags = parsed(page).seen
    assert "script" not in tags and "img" not in tags and "b" not in tags and "i" not in tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;svg/onload=alert(1)&gt;" in page


def test_trend_appears_only_with_a_baseline() -> None:
    assert 'id="trend"' not in html.render(sample_result())
    page = html.render(sample_result(baseline_delta={"baseline": 120, "hidden": 117, "new": 3, "fixed": 5}))
    trend = page[page.index('id="trend"') :]
    labels = ["new findings", "baseline entries fixed", "accepted by the baseline", "entries in the baseline"]
    assert [trend.index(label) for label in labels] == sorted(trend.index(label) for label in labels)


def test_empty_result() -> None:
    page = html.render(empty_result())
    parsed(page)
    assert "No findings to chart." in page and "No findings.</p>" in page
    assert "✓ No blocking findings at --fail-on error" in page


def test_long_reports_are_bounded() -> None:
    many = tuple(
        replace(findings()[0], location=Location(line, 1, line, 2), rule=f"X{line % 20:03d}")
        for line in range(1, html.MAX_FINDINGS + 51)
    )
    page = html.render(sample_result(findings=many))
    assert page.count('<div class="finding ') == html.MAX_FINDINGS
    assert "50 more findings not listed." in page
    assert f"The {html.MAX_RULE_BARS} most frequent of 20 rules." in page


def test_every_category_has_a_colour() -> None:
    assert set(CATEGORY_COLORS) == set(Category)
