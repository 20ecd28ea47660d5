"""What a comment says beyond the message: why it matters, and a short example of the fix.

reviewbot's own findings carry a rationale written for the flagged code (it names the variable,
the loop, the cost); the example is the rule's *Use instead* when it shows the idiom to write on
the flagged lines. A function's or module's metrics (complexity, length, maintainability) have no
such idiom: their rule example is about some other function, so those comments show none (their
message and rationale name this function's heaviest blocks). A ruff finding's rationale is a
pointer to ruff's docs, so its "why" (made valid Markdown by ``ruff_doc``) and example come from
ruff's own explanation of the rule.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from reviewbot.config.ruff_rules import RuffRuleDetail
from reviewbot.findings import Category, Finding
from reviewbot.review.ruff_doc import ruff_why
from reviewbot.ruleset.api import NodeRule
from reviewbot.ruleset.registry import Registry

RUFF_RULE_URL = "https://docs.astral.sh/ruff/rules/{name}/"
MAX_SENTENCES = 3
MAX_EXAMPLE_LINES = 12
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z`\"(\[])")
_USE_INSTEAD = re.compile(r"use instead[^\n]*\n+```[a-z]*\n(.*?)\n```", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Advice:
    """Why a finding matters (two or three sentences), an example fix, and a docs link."""

    why: str
    example: str = ""
    link: str = ""


@dataclass(frozen=True)
class AdviceBook:
    """Looks up the advice for any finding: reviewbot's rules, then ruff's."""

    registry: Registry
    ruff: Mapping[str, RuffRuleDetail]

    def advice(self, finding: Finding) -> Advice:
        """The advice for ``finding``."""
        if finding.rule in self.registry:
            rule = self.registry.get(finding.rule)
            why = finding.rationale or rule.doc.why
            example = rule.doc.use_instead if issubclass(rule, NodeRule) else ""
            return Advice(first_sentences(why), trim_example(example))
        detail = self.ruff.get(finding.rule)
        if detail is None:
            return Advice(first_sentences(finding.rationale))
        use_instead = _USE_INSTEAD.search(detail.explanation)
        shown = use_instead.group(1) if use_instead and not _about_a_whole_function(finding) else ""
        return Advice(
            ruff_why(detail.explanation, detail.summary),
            trim_example(shown),
            RUFF_RULE_URL.format(name=detail.name),
        )


def _about_a_whole_function(finding: Finding) -> bool:
    """A ruff complexity finding (C901, PLR0912...): its docs' example is some other function."""
    return finding.category is Category.COMPLEXITY


def first_sentences(text: str, count: int = MAX_SENTENCES) -> str:
    """The first ``count`` sentences of ``text``'s first paragraphs, on one line."""
    flat = " ".join(text.split())
    return " ".join(_SENTENCE_END.split(flat)[:count])


def trim_example(code: str) -> str:
    """An example of at most MAX_EXAMPLE_LINES lines, marking what was left out."""
    lines = code.strip("\n").split("\n")
    if len(lines) <= MAX_EXAMPLE_LINES:
        return "\n".join(lines)
    return "\n".join([*lines[:MAX_EXAMPLE_LINES], "# ..."])
