"""Where fetched responses live under the data directory, and what one day's fetch produced."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from kg.atomic import atomic_write

RAW = "raw"
LISTINGS = "listings"


@dataclass
class DayResult:
    """One day of one source: the raw responses kept, the file to ingest (``None``: nothing was
    listed that day) and how many records it holds."""

    source: str
    day: dt.date
    raw: list[Path] = field(default_factory=list)
    listing: Path | None = None
    records: int = 0


def save_raw(path: Path, body: bytes) -> Path:
    """Write the body exactly as the server sent it (whole or not at all)."""
    with atomic_write(path, "wb") as handle:
        handle.write(body)
    return path


def fresh_dir(path: Path) -> Path:
    """An empty folder at ``path``: what a killed fetch of the same day left there is dropped."""
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path
