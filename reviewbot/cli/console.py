"""Where output goes: the report to stdout or a file, progress and notes to stderr."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from reviewbot.errors import UsageError

_BAR_WIDTH = 30
_MIN_FILES_FOR_PROGRESS = 50


@dataclass
class Console:
    """The streams a command writes to and whether progress may be drawn."""

    stdout: TextIO
    stderr: TextIO
    show_progress: bool
    stdout_is_terminal: bool
    _drawn: bool = False

    @classmethod
    def for_streams(cls, quiet: bool) -> Console:
        """A console on the process's streams; progress only on an interactive stderr."""
        interactive = sys.stderr.isatty() and not os.environ.get("CI")
        tty_out = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        return cls(sys.stdout, sys.stderr, interactive and not quiet, tty_out)

    def emit(self, text: str, output: Path | None) -> None:
        """Write a report to ``output`` (UTF-8) or stdout."""
        if output is None:
            self.stdout.write(text)
            self.stdout.flush()
            return
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(text, encoding="utf-8")
        except OSError as error:
            raise UsageError(f"cannot write --output {output}: {error.strerror or error}") from error

    def progress(self, done: int, total: int) -> None:
        """Redraw the progress bar."""
        if not self.show_progress or total < _MIN_FILES_FOR_PROGRESS:
            return
        filled = int(_BAR_WIDTH * done / total) if total else _BAR_WIDTH
        bar = "#" * filled + "-" * (_BAR_WIDTH - filled)
        self.stderr.write(f"\r[{bar}] {done}/{total} files")
        self.stderr.flush()
        self._drawn = True

    def clear_progress(self) -> None:
        """Erase the progress bar before the report is written."""
        if self._drawn:
            self.stderr.write("\r" + " " * (_BAR_WIDTH + 30) + "\r")
            self.stderr.flush()
            self._drawn = False


def progress_bar(console: Console) -> Callable[[int, int], None] | None:
    """The progress callback for ``console``, or None when nothing would be drawn."""
    return console.progress if console.show_progress else None
