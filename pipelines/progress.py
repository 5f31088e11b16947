"""Progress of a batch: one line per document, with documents/min and the time left.

On a terminal the last line is a live bar that each document's line scrolls above; in a log
(not a terminal) there is no bar, only the plain lines, each ending with the rate and ETA.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

BAR_WIDTH = 24


class Progress:
    """Counts finished documents of ``total``; ``done(line)`` prints one document's line."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total, self.finished = total, 0
        self.stream = stream or sys.stdout
        self.live = self.stream.isatty()
        self.started = time.monotonic()

    def rate(self) -> float:
        """Documents per minute so far."""
        elapsed = time.monotonic() - self.started
        return 60.0 * self.finished / elapsed if elapsed > 0 else 0.0

    def eta(self) -> str:
        left = self.total - self.finished
        if not left:
            return "done"
        if not self.finished:
            return "ETA …"
        seconds = int(left * (time.monotonic() - self.started) / self.finished)
        return f"ETA {seconds // 60}:{seconds % 60:02d}"

    def status(self) -> str:
        return f"{self.rate():.1f} docs/min, {self.eta()}"

    def add(self, count: int) -> None:
        """``count`` more files to go (a compilation's parts)."""
        self.total += count

    def done(self, line: str) -> None:
        self.finished += 1
        counted = f"[{self.finished}/{self.total}] {line}"
        if self.live:
            self.stream.write(f"\r\x1b[2K{counted}\n{self.bar()}")
        else:
            self.stream.write(f"{counted} — {self.status()}\n")
        self.stream.flush()

    def bar(self) -> str:
        filled = BAR_WIDTH * self.finished // max(self.total, 1)
        drawn = "#" * filled + "." * (BAR_WIDTH - filled)
        return f"[{drawn}] {self.finished}/{self.total} {self.status()}"

    def say(self, line: str) -> None:
        """A line that is not a document's (e.g. why the batch stopped)."""
        self.stream.write(f"\r\x1b[2K{line}\n{self.bar()}" if self.live else f"{line}\n")
        self.stream.flush()

    def close(self) -> None:
        """End the live bar's line so what follows starts on its own."""
        if self.live:
            self.stream.write("\n")
            self.stream.flush()
