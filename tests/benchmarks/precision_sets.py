"""The precision benchmark's corpus sets: which corpora one run checks, how it samples them, and
which files beside the script hold its judgements and its results.

The original set's draw and labels are keyed to thousands of judgements, so a new corpus never
joins it: it comes as a set of its own, with its own draw, worksheets, labels and document. Each
set keeps its labels in a file of its own, so that pruning or the recall reference of one set
never touches the other's judgements.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.benchmarks.precision_corpora import APPLICATION_CORPORA, CORPORA, CorpusSpec
from tests.benchmarks.precision_sample import (
    APPLICATION_SAMPLE_GROUPS,
    SAMPLE_GROUPS,
    SampleGroup,
)


@dataclass(frozen=True)
class CorpusSet:
    """A set of corpora measured together, and the files beside the script that belong to it."""

    name: str  # as ``precision.py --corpora`` takes it
    corpora: tuple[CorpusSpec, ...]
    groups: tuple[SampleGroup, ...]
    labels: str  # the judgements, a file name beside the script
    document: str  # the Markdown file whose generated part a run rewrites

    @property
    def option(self) -> tuple[str, ...]:
        """The command-line words that select this set (none for the default one)."""
        return () if self.name == DEFAULT_SET else ("--corpora", self.name)


DEFAULT_SET = "original"

CORPUS_SETS = {
    corpus_set.name: corpus_set
    for corpus_set in (
        CorpusSet(
            DEFAULT_SET,
            CORPORA,
            SAMPLE_GROUPS,
            labels="precision_labels.json",
            document="PRECISION.md",
        ),
        CorpusSet(
            "applications",
            APPLICATION_CORPORA,
            APPLICATION_SAMPLE_GROUPS,
            labels="precision_labels_applications.json",
            document="PRECISION_APPLICATIONS.md",
        ),
    )
}
