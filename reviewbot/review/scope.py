"""What one review run works on: the session, the repository, the change and its Python files."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from reviewbot.change.model import Change, FileChange
from reviewbot.pipeline.discover import SourceFile, discover
from reviewbot.pipeline.session import Session


@dataclass(frozen=True)
class ReviewScope:
    """The run's session, the repository root, the change and the Python files it analyses."""

    session: Session
    root: Path
    change: Change
    files: tuple[FileChange, ...]

    @cached_property
    def untouched(self) -> tuple[SourceFile, ...]:
        """The checkable files the change leaves alone, discovered once per review (the learned
        conventions and the copied-block originals both sample them)."""
        touched = {path for f in self.change.files for path in (f.path, f.old_path) if path}
        workspace = discover([self.root], self.root, self.session.excluded)
        return tuple(f for f in workspace.files if f.relative not in touched)
