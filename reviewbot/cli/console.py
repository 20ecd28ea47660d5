"""Where output goes: the report to stdout or a file, progress and notes to stderr."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from reviewbot.errors import UsageError

_BAR_WIDTH = 30
_MIN_FILES_FOR_PROGRESS = 50


@dataclass
class Console:
    """The streams a command writes to and whether progress may be drawn.

    The progress bar shows the time since the console was made (the command's start).
    """

    stdout: TextIO
    stderr: TextIO
    show_progress: bool
    stdout_is_terminal: bool
    clock: Callable[[], float] = time.monotonic
    started: float = field(default_factory=time.monotonic)
    _drawn: int = 0  # the width of the bar on screen, 0 when none is

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
        """Redraw the progress bar: once per analysed file, and once for all the cached ones."""
        if not self.show_progress or total < _MIN_FILES_FOR_PROGRESS:
            return
        filled = int(_BAR_WIDTH * done / total) if total else _BAR_WIDTH
        bar = "#" * filled + "-" * (_BAR_WIDTH - filled)
        line = f"[{bar}] {done}/{total} files [{elapsed(self.clock() - self.started)}]"
        self.stderr.write("\r" + line.ljust(self._drawn))
        self.stderr.flush()
        self._drawn = max(self._drawn, len(line))

    def clear_progress(self) -> None:
        """Erase the progress bar before the report is written."""
        if self._drawn:
            self.stderr.write("\r" + " " * self._drawn + "\r")
            self.stderr.flush()
            self._drawn = 0


def elapsed(seconds: float) -> str:
    """``07:42`` (minutes and seconds), or ``1:07:42`` from an hour on."""
    minutes, secs = divmod(int(max(seconds, 0)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def progress_bar(console: Console) -> Callable[[int, int], None] | None:
    """The progress callback for ``console``, or None when nothing would be drawn."""
    return console.progress if console.show_progress else None
