"""What every format parser shares: the file being read and how to treat a bad record."""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import IO, cast

from kg.errors import IngestError
from kg.ingest.source import Source, display_path, file_digest, source


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

    def source(self, line: int | None = None) -> Source:
        """The provenance stored on each paper: its key by the file's content and line, and
        ``path:line`` with the path relative to the working directory (else the file's name)."""
        return source(self._digest, self._shown, line)

    @cached_property
    def _shown(self) -> str:
        return display_path(self.path)

    @cached_property
    def _digest(self) -> str | None:
        """The file's content digest; ``None`` when the lines come from no file (a test's)."""
        if not self.path.is_file():
            return None
        try:
            return file_digest(self.path)
        except OSError as exc:
            raise IngestError(self.path, exc.strerror or str(exc)) from exc


class _Gunzip(io.RawIOBase):
    """A gzip stream whose corrupt or truncated data is an :class:`IngestError` naming the file
    (``line`` is ``None``: the reader that knows the line fills it in)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file = gzip.open(path, "rb")  # noqa: SIM115

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        try:
            return self._file.readinto(buffer)
        except EOFError:
            raise IngestError(self.path, "truncated gzip file (it ends before its end marker)") from None
        except (OSError, zlib.error) as exc:
            raise IngestError(self.path, f"not a valid gzip file ({exc})") from None

    def close(self) -> None:
        self._file.close()
        super().close()


@contextmanager
def open_text(path: Path) -> Iterator[IO[str]]:
    """Open ``path`` as UTF-8 text, transparently gunzipping ``*.gz``; errors name the file."""
    try:
        raw = cast(IO[bytes], io.BufferedReader(_Gunzip(path)) if path.suffix == ".gz" else open(path, "rb"))  # noqa: SIM115
    except OSError as exc:
        raise IngestError(path, exc.strerror or str(exc)) from exc
    with raw, io.TextIOWrapper(raw, encoding="utf-8", errors="strict", newline="") as text:
        yield text


def read_head(path: Path, size: int = 65536) -> str:
    """The first ``size`` characters of ``path`` for format sniffing (up to corrupt gzip data,
    which the parser then reports with its line)."""
    parts: list[str] = []
    with open_text(path) as handle:
        try:
            while size > 0 and (part := handle.read(min(size, 4096))):
                parts.append(part)
                size -= len(part)
        except UnicodeDecodeError as exc:
            raise IngestError(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})", 1) from exc
        except IngestError as exc:
            if not parts:
                raise IngestError(path, exc.message, 1) from None
    return "".join(parts)
