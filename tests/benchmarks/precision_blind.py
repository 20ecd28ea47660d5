"""A worksheet a reader can judge blind: each finding as reviewbot reported it, and its code.

The reader sees what a pull-request author would see (the rule code, the message, the file and the
code), never the rule's documentation or anyone's earlier verdict, so the judgement is about the
comment alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tests.benchmarks.precision_corpora import Corpus
from tests.benchmarks.precision_runs import Finding
from tests.benchmarks.precision_sample import SEED, SampleGroup
from tests.benchmarks.precision_units import (
    AROUND_LINES,
    HEAD_LINES,
    TAIL_LINES,
    WHOLE_UNIT_LINES,
    CodeView,
    code_view,
)

# Findings about a whole module (its length, its maintainability index): their unit is the file.
MODULE_RULES = frozenset({"RB101", "RB205"})


def blind_worksheet(
    group: SampleGroup,
    samples: Mapping[str, Sequence[Finding]],
    counts: Mapping[str, int],
    corpora: Sequence[Corpus],
    labels: str,
) -> str:
    """The group's sample as Markdown: instructions, then one entry per sampled finding;
    ``labels`` names the file the judgements go in."""
    by_name = {corpus.name: corpus for corpus in corpora}
    parts = [_preamble(group, corpora, labels)]
    for rule, drawn in sorted(samples.items()):
        parts.append(f"## {rule} ({len(drawn)} sampled of {counts.get(rule, 0)} findings)\n")
        parts.extend(_entry(finding, by_name[finding.corpus]) for finding in drawn)
    return "\n".join(parts)


def _preamble(group: SampleGroup, corpora: Sequence[Corpus], labels: str) -> str:
    names = ", ".join(f"{c.name} (`{c.requirement}`)" for c in corpora)
    return (
        f"# Blind worksheet: reviewbot's {group.title} findings\n\n"
        "For each finding, judge: **would a strict senior reviewer of this project post this "
        "comment on a PR that added this code?** Answer `post` or `skip` with a one-sentence "
        f"reason, keyed by the finding's id, in `{labels}`: "
        '`{"ID": {"verdict": "post", "why": "..."}}`.\n\n'
        f"The code is from {names}. The path shows the file's role (a test, a migration, a "
        "management command, ...). Each entry gives reviewbot's message as it reported it.\n\n"
        f"Drawn by `tests/benchmarks/precision.py`: up to {group.size} findings per rule of the "
        f"`{group.preset}` preset, across all corpora (seed {SEED}). A finding on a function, "
        f"class or module shows the whole unit when it has at most {WHOLE_UNIT_LINES} lines, "
        f"else its first {HEAD_LINES} and last {TAIL_LINES} lines; any other finding shows "
        f"{AROUND_LINES} lines either side. `>>` marks the reported line.\n"
    )


def _entry(finding: Finding, corpus: Corpus) -> str:
    view = code_view_of(finding, corpus)
    fence = _fence(view.code)
    return (
        f"### `{finding.label_id}`\n\n"
        f"- rule: {finding.rule}\n"
        f"- message: {finding.message}\n"
        f"- file: `{corpus.source}/{finding.path}` (line {finding.line}; corpus {corpus.name})\n"
        f"- in: `{view.name}`\n\n"
        f"{fence}python\n{view.code}\n{fence}\n"
    )


def _fence(code: str) -> str:
    """A Markdown code fence longer than any run of backticks in ``code``."""
    width = 3
    while "`" * width in code:
        width += 1
    return "`" * width


def code_view_of(finding: Finding, corpus: Corpus) -> CodeView:
    """The code shown for ``finding``: its unit, or the lines around it."""
    return code_view(corpus.tree / finding.path, finding.line, finding.rule in MODULE_RULES)
