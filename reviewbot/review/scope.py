"""What one review run works on: the session, the repository, the change and its Python files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reviewbot.change.model import Change, FileChange
from reviewbot.pipeline.session import Session


@dataclass(frozen=True)
class ReviewScope:
    """The run's session, the repository root, the change and the Python files it analyses."""

    session: Session
    root: Path
    change: Change
    files: tuple[FileChange, ...]
