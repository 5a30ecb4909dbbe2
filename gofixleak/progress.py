"""A progress bar on stderr for long runs: only on a terminal, redrawn at most ten times a
second, erased when the run ends so that the report below it stays clean."""

from __future__ import annotations

import time
from typing import TextIO

# Runs over fewer files end before a bar would help.
MIN_FILES = 20
_WIDTH = 30
_INTERVAL = 0.1


class Progress:
    def __init__(self, total: int, stream: TextIO, enabled: bool) -> None:
        self.total = total
        self.stream = stream
        self.enabled = enabled and total >= MIN_FILES and stream.isatty()
        self.done = 0
        self.drawn_at = 0.0

    def advance(self, _result: object = None) -> None:
        self.done += 1
        now = time.monotonic()
        if self.enabled and (now - self.drawn_at >= _INTERVAL or self.done == self.total):
            self.drawn_at = now
            self.stream.write("\r" + bar(self.done, self.total))
            self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.drawn_at:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def bar(done: int, total: int) -> str:
    filled = _WIDTH * done // total if total else _WIDTH
    return f"[{'#' * filled}{'-' * (_WIDTH - filled)}] {done}/{total} files"
