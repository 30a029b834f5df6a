"""Where a paper was read: a key by content and a path to show.

A source is recorded once per content, not once per path: its key is the SHA-256 of the file's
bytes (its first 16 hex digits) and the line, so the same file ingested from two places (the
installed sample, then the repository's copy) is one source. Its display path is relative to the
working directory at ingest when the file is inside it, else the file's name alone, so no
absolute path (a site-packages folder, a temporary directory) ends up in the graph.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

DIGEST_DIGITS = 16
"""Hex digits of the file's SHA-256 kept in a source key (64 bits: no two listings collide)."""

_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Source:
    """One record's provenance: ``key`` (``digest:line``) identifies it, ``where``
    (``path:line``) is what people read."""

    key: str
    where: str


def file_digest(path: Path) -> str:
    """The first :data:`DIGEST_DIGITS` hex digits of the SHA-256 of the file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()[:DIGEST_DIGITS]


def display_path(path: Path, cwd: Path | None = None) -> str:
    """``path`` relative to ``cwd`` (the working directory) when inside it, else its name."""
    cwd = Path.cwd() if cwd is None else cwd
    # as written (symlinks kept, ``..`` folded), then with symlinks resolved
    plain, plain_cwd = (Path(os.path.normpath(p.absolute())) for p in (path, cwd))
    for inner, outer in ((plain, plain_cwd), (path.resolve(), cwd.resolve())):
        if inner.is_relative_to(outer) and inner != outer:
            return inner.relative_to(outer).as_posix()
    return path.name


def source(digest: str | None, shown: str, line: int | None) -> Source:
    """The source of a record at ``line`` of a file with this ``digest`` shown as ``shown``;
    lines read from no file (``digest`` None) are keyed by where they say they are from."""
    where = f"{shown}:{line}" if line is not None else shown
    if digest is None:
        return Source(where, where)
    return Source(f"{digest}:{line}" if line is not None else digest, where)
