"""Files written whole or not at all: a temporary file beside the target, renamed into place.

A temporary file is named ``.<target>.<pid>@<host>.<random>.tmp`` after the process writing it,
so one left by a killed writer can be told from one being written: each write first removes the
stale ones (see :func:`remove_stale_temps`).
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def atomic_write(path: Path, mode: str = "w", *, durable: bool = False) -> Iterator[IO[Any]]:
    """Write ``path`` through a temporary file in the same folder (created if missing), renamed
    over the target only when the block succeeds; on any error the target is untouched.

    ``durable`` also flushes the file and the rename to disk (for the graph of record).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(path)
    owner = f"{os.getpid()}@{_host()}"
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{owner}.", suffix=".tmp", dir=path.parent)
    try:
        encoding, newline = (None, None) if "b" in mode else ("utf-8", "")
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        Path(tmp).chmod(_mode_for(path))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if durable:
        fsync_dir(path.parent)


def _mode_for(path: Path) -> int:
    """The permissions a plain ``open(path, "w")`` would give: the existing file's, else the
    umask's (``mkstemp`` makes its files private)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def fsync_dir(directory: Path) -> None:
    """Persist a rename (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


STALE_AGE = 24 * 3600
"""Seconds after which a temporary file is stale whoever wrote it (a reused process id, a
writer on another host sharing the folder, a file from before writers were named)."""


def _host() -> str:
    """A short tag of this host's name: process ids are only comparable on one host."""
    return hashlib.blake2b(socket.gethostname().encode(), digest_size=4).hexdigest()


def process_alive(pid: int) -> bool:
    """Whether a process ``pid`` exists on this host (when unsure: yes)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError, ValueError):
        return True
    return True


def remove_stale_temps(path: Path, *, now: float | None = None) -> list[Path]:
    """Remove the temporary files of writes to ``path`` that will never finish: those of a
    process on this host that is gone, and any older than :data:`STALE_AGE`. A live writer's
    file is never removed. Returns what was removed."""
    pattern = re.compile(
        rf"\.{re.escape(path.name)}\.(?:(?P<pid>[0-9]{{1,10}})@(?P<host>[0-9a-f]{{8}})\.)?[^.]+\.tmp"
    )
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        candidates = [p for p in path.parent.iterdir() if pattern.fullmatch(p.name)]
    except OSError:
        return removed
    for candidate in candidates:
        match = pattern.fullmatch(candidate.name)
        assert match is not None
        try:
            old = now - candidate.stat().st_mtime > STALE_AGE
        except OSError:
            continue
        dead = match["host"] == _host() and not process_alive(int(match["pid"]))
        if old or dead:
            try:
                candidate.unlink()
            except OSError:
                continue
            removed.append(candidate)
    return removed
