"""Step outputs in ``$GITHUB_OUTPUT``: new-findings, blocking, verdict, sarif-file.

Each value is written in the heredoc form (``name<<DELIMITER``) with a delimiter that occurs in
no value, as the Actions toolkit does, so a value with a line break cannot forge another output.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from reviewbot.deliver.github.redact import Redactor


@dataclass(frozen=True)
class ReviewOutputs:
    """The action's outputs."""

    new_findings: int
    blocking: int
    verdict: str
    sarif_file: str

    def as_mapping(self) -> dict[str, str]:
        """Output names to values, as the workflow reads them."""
        return {
            "new-findings": str(self.new_findings),
            "blocking": str(self.blocking),
            "verdict": self.verdict,
            "sarif-file": self.sarif_file,
        }


def output_lines(values: Mapping[str, str]) -> str:
    """``values`` in the GITHUB_OUTPUT file format."""
    chunks = []
    for name, value in values.items():
        delimiter = f"ghadelimiter_{uuid.uuid4()}"
        while delimiter in value:  # pragma: no cover - a uuid in a value is astronomically rare
            delimiter = f"ghadelimiter_{uuid.uuid4()}"
        chunks.append(f"{name}<<{delimiter}\n{value}\n{delimiter}\n")
    return "".join(chunks)


def write_outputs(path: Path, outputs: ReviewOutputs, redact: Redactor) -> None:
    """Append the outputs to the ``$GITHUB_OUTPUT`` file, with ``redact``'s secrets hidden."""
    values = {name: redact(value) for name, value in outputs.as_mapping().items()}
    with path.open("a", encoding="utf-8") as output:
        output.write(output_lines(values))
