"""Progress for runs that are not on a terminal (CI, logs, ``make run`` piped): a plain line
on stderr when a stage starts, every ``interval`` seconds while it runs, and when it ends, e.g.
``ingest: embedding 1200/4800 chunks (25%)``. On a terminal the CLI shows tqdm bars instead."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

UNITS = {"loading": "documents", "sentences": "sentences"}


class LineProgress:
    def __init__(
        self,
        stage: str,
        total: int,
        *,
        interval: float = 5.0,
        out: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stage, self.total, self.done = stage, total, 0
        self._interval = interval
        self._out = out
        self._clock = clock
        self._last = clock()
        self._line()

    def update(self, n: int = 1) -> None:
        self.done += n
        now = self._clock()
        if now - self._last >= self._interval:
            self._last = now
            self._line()

    def close(self) -> None:
        self._line(" done")

    def _line(self, suffix: str = "") -> None:
        unit = UNITS.get(self.stage, "chunks")
        share = f" ({100 * self.done // self.total}%)" if self.total else ""
        out = self._out or sys.stderr
        print(
            f"ingest: {self.stage} {self.done}/{self.total} {unit}{share}{suffix}",
            file=out,
            flush=True,
        )
