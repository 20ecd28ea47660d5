"""What a comment says: ruff's docs as valid Markdown, and an example only when it fits."""

from __future__ import annotations

import re

import pytest

from reviewbot.config.ruff_binary import ruff_binary
from reviewbot.config.ruff_rules import RuffRuleDetail, read_ruff_rules
from reviewbot.findings import Category, Finding, Location, Severity
from reviewbot.review.advice import AdviceBook
from reviewbot.review.ruff_doc import inline_links, link_definitions, ruff_why
from reviewbot.ruleset.registry import builtin_registry

DETAILS = read_ruff_rules(ruff_binary()).details
# A [label] not followed by (url): a reference link left unresolved.
_UNMATCHED_REFERENCE = re.compile(r"\[[^\]]*\](?!\()")
_CODE_SPAN = re.compile(r"`[^`]*`")


def prose(markdown: str) -> str:
    """``markdown`` without code spans and inline link targets."""
    return re.sub(r"\]\([^)]*\)", "]", _CODE_SPAN.sub("", markdown))


@pytest.mark.parametrize("code", sorted(DETAILS))
def test_every_ruff_why_is_valid_markdown(code: str) -> None:
    detail = DETAILS[code]
    why = ruff_why(detail.explanation, detail.summary)
    assert why, code
    assert "\n" not in why
    assert why.count("`") % 2 == 0
    assert not _UNMATCHED_REFERENCE.search(_CODE_SPAN.sub("", why)), why
    assert not re.search(r"(^|\s)>(\s|$)", prose(why)), why
    assert not why.startswith(("#", "-", "*", ">")), why
    assert len(why) < 1200, why


def test_reference_links_become_inline_links_and_settings_plain_text() -> None:
    why = ruff_why(DETAILS["E501"].explanation)
    assert why.startswith(
        "Overlong lines can hurt readability. [PEP 8](https://peps.python.org/pep-0008/"
        "#maximum-line-length), for example, recommends limiting lines to 79 characters."
    )
    assert "via the `line-length` setting." in why
    assert "Ignores" not in why  # the list after the prose is left to the docs link


def test_brackets_inside_code_spans_are_code_not_links() -> None:
    why = ruff_why(DETAILS["YTT101"].explanation)
    assert why.startswith("If the current major or minor version consists of multiple digits, "
                          "`sys.version[:3]` will truncate")


def test_a_quoted_paragraph_becomes_an_inline_quotation() -> None:
    explanation = (
        "## Why is this bad?\n[PEP 8] recommends that class names use CapWords:\n\n"
        "> Class names should normally use the CapWords convention. Really.\n\n"
        "More text.\n\n## Example\n```python\nclass a: ...\n```\n\n"
        "[PEP 8]: https://peps.python.org/pep-0008/#class-names\n"
    )
    assert ruff_why(explanation) == (
        "[PEP 8](https://peps.python.org/pep-0008/#class-names) recommends that class names "
        "use CapWords: \u201cClass names should normally use the CapWords convention. "
        "Really.\u201d More text."
    )


def test_links_with_an_explicit_label_and_undefined_labels() -> None:
    links = link_definitions("[docs]: https://example.com/docs\n")
    text = "See [the docs][docs], [`x`][missing] and [inline](https://a.b)."
    assert inline_links(text, links) == (
        "See [the docs](https://example.com/docs), `x` and [inline](https://a.b)."
    )


def finding(rule: str, category: Category) -> Finding:
    return Finding(rule, category, Severity.WARNING, "a.py", Location(1, 1, 1, 2), "m", "r")


def test_function_and_module_metric_comments_show_no_unrelated_example() -> None:
    book = AdviceBook(builtin_registry(), DETAILS)
    for code in ("RB206", "RB201", "RB202", "RB203", "RB204", "RB101", "RB205"):
        assert book.advice(finding(code, Category.COMPLEXITY)).example == "", code
    assert book.advice(finding("C901", Category.COMPLEXITY)).example == ""
    assert "join" in book.advice(finding("RB301", Category.PERFORMANCE)).example
    e731 = book.advice(finding("E731", Category.CONVENTION))
    assert e731.example == "def f(x):\n    return 2 * x"


def test_a_ruff_rule_without_a_why_section_falls_back_to_its_summary() -> None:
    detail = RuffRuleDetail("made-up", "Avoid `this`", "## What it does\nChecks.\n")
    book = AdviceBook(builtin_registry(), {"ZZ001": detail})
    assert book.advice(finding("ZZ001", Category.CONVENTION)).why == "Avoid `this`"
