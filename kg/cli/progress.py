"""A one-line progress counter on stderr, shown only when stderr is a terminal."""

from __future__ import annotations

import sys
import time


class Progress:
    """``label done/total`` redrawn in place at most ten times a second."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.enabled = sys.stderr.isatty()
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done == total or now - self._last > 0.1:
            self._last = now
            end = "\n" if done == total else ""
            sys.stderr.write(f"\r{self.label} {done}/{total}{end}")
            sys.stderr.flush()
