"""A progress bar on stderr (rich), with rate and time left, shown only when stderr is a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")


class Progress:
    """A ``on_progress(done, total)`` callback drawing ``label ━━━━ done/total rate/s eta``.

    Nothing is drawn (and rich is not imported) when stderr is not a terminal; the bar is
    closed when ``done`` reaches ``total``.
    """

    def __init__(self, label: str, unit: str = "papers") -> None:
        self.label = label
        self.unit = unit
        self.enabled = sys.stderr.isatty()
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self._bar is None:
            self._start(total)
        self._bar.update(self._task, completed=done, total=total)
        if done >= total:
            self.close()

    def _start(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            ProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as Bar
        from rich.text import Text

        unit = self.unit

        class Rate(ProgressColumn):
            def render(self, task: Any) -> Text:
                speed = task.finished_speed or task.speed
                return Text(f"{speed:,.0f} {unit}/s" if speed else f"? {unit}/s")

        self._bar = Bar(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            Rate(),
            TimeRemainingColumn(),
            console=Console(file=sys.stderr),
            transient=False,
        )
        self._bar.start()
        self._task = self._bar.add_task(self.label, total=total)

    def close(self) -> None:
        """Stop drawing (safe to call twice)."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def tracked(items: Iterable[T], total: int, label: str, unit: str = "papers") -> Iterator[T]:
    """``items`` unchanged, with a :class:`Progress` bar over ``total`` while they are consumed."""
    bar = Progress(label, unit)
    done = 0
    try:
        for item in items:
            yield item
            done += 1
            bar(done, total)
    finally:
        bar.close()
