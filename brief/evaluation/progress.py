"""A one-line progress bar on stderr for live runs (silent when stderr is not a terminal)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from brief.evaluation.models import EvalRow

BAR_WIDTH = 24


class ProgressBar:
    """Call with (done, total, row) after each draft; `close()` ends the line."""

    def __init__(self, stream: TextIO | None = None, *, force: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.enabled = force or self.stream.isatty()
        self.started = time.perf_counter()
        self.failed = 0
        self.drawn = False

    def __call__(self, done: int, total: int, row: EvalRow) -> None:
        if row.status in ("rejected", "error", "missing"):
            self.failed += 1
        if not self.enabled:
            return
        filled = round(BAR_WIDTH * done / total) if total else BAR_WIDTH
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        elapsed = time.perf_counter() - self.started
        failed = f", {self.failed} without a draft" if self.failed else ""
        line = f"\rdrafting [{bar}] {done}/{total} {elapsed:5.1f} s{failed}  {row.incident[:30]}"
        self.stream.write(line.ljust(100)[:100])
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.enabled and self.drawn:
            self.stream.write("\n")
            self.stream.flush()
