"""RB315 on text helpers: `re` functions handed a compiled pattern."""

from __future__ import annotations

from reviewbot.pipeline.rule_examples import findings_for
from tests.rules.marked import REGISTRY, flagged_lines, marked_lines

TEXT_UTILS = r"""import re
import re as regex_module
from re import findall

SPACES = re.compile(r"\s+")
WORD = regex_module.compile(r"\w+")
DATE = r"\d{4}-\d{2}-\d{2}"


def squash(text):
    return re.sub(SPACES, " ", text)  # <- RB315


def squash_method(text):
    return SPACES.sub(" ", text)


def words(text):
    return findall(WORD, text)  # <- RB315


def dates(text):
    return re.findall(DATE, text)


def tokens(text, pattern):
    return re.split(pattern, text)


def first_word(text):
    return regex_module.match(WORD, text, re.IGNORECASE)  # <- RB315


def limited(text):
    return re.split(SPACES, text, 2)  # <- RB315


def local(text):
    digits = re.compile(r"\d+")
    return re.search(digits, text)  # <- RB315


def rebinding(text, strict):
    pattern = re.compile(r"\w+")
    if strict:
        pattern = r"\w+$"
    return re.search(pattern, text)
"""


def test_flags_exactly_the_marked_lines() -> None:
    assert flagged_lines(TEXT_UTILS, "RB315") == marked_lines(TEXT_UTILS, "RB315")


def test_fix_calls_the_pattern_method_except_when_flags_are_passed() -> None:
    from reviewbot.engine.edits import apply_fixes

    found = findings_for("RB315", TEXT_UTILS, REGISTRY, {})
    assert [f.line for f in found if f.fix is None] == [31]  # positional flags: no fix
    assert "raise ValueError" in found[2].message
    fixed = apply_fixes(TEXT_UTILS, [f.fix for f in found if f.fix is not None]).text
    for expected in (
        '    return SPACES.sub(" ", text)  # <- RB315\n',
        "    return WORD.findall(text)  # <- RB315\n",
        "    return SPACES.split(text, 2)  # <- RB315\n",
        "    return digits.search(text)  # <- RB315\n",
    ):
        assert expected in fixed
    assert [f.line for f in findings_for("RB315", fixed, REGISTRY, {})] == [31]
