"""What every format parser shares: the file being read and how to treat a bad record."""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, cast

from kg.errors import IngestError


@dataclass
class ParseContext:
    """One file being parsed: its path, the ``--skip-bad`` policy and what was skipped."""

    path: Path
    skip_bad: bool = False
    skipped: list[IngestError] = field(default_factory=list)
    listing_year: int | None = None
    format: str | None = None

    def bad(self, line: int | None, message: str) -> None:
        """Report a bad record: raise, or (with ``skip_bad``) remember it and go on."""
        error = IngestError(self.path, message, line)
        if not self.skip_bad:
            raise error
        self.skipped.append(error)

    def where(self, line: int | None = None) -> str:
        """``file:line``, the provenance stored on each paper."""
        return f"{self.path}:{line}" if line is not None else str(self.path)


@contextmanager
def open_text(path: Path) -> Iterator[IO[str]]:
    """Open ``path`` as UTF-8 text, transparently gunzipping ``*.gz``; errors name the file."""
    try:
        raw = cast(IO[bytes], gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb"))  # noqa: SIM115
    except OSError as exc:
        raise IngestError(path, exc.strerror or str(exc)) from exc
    with raw, io.TextIOWrapper(raw, encoding="utf-8", errors="strict", newline="") as text:
        yield text


def read_head(path: Path, size: int = 65536) -> str:
    """The first ``size`` characters of ``path`` for format sniffing."""
    with open_text(path) as handle:
        try:
            return handle.read(size)
        except UnicodeDecodeError as exc:
            raise IngestError(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})", 1) from exc
