"""One writer at a time: an exclusive lock on a file beside the graph, held from load to commit.

The lock is an ``flock`` on ``<graph>.lock`` (``graph.json`` -> ``graph.json.lock``), so the
kernel releases it when its process ends however it ends: a lock left by a dead process is
taken over at once. The file also names its holder (``pid@host what``) for the message a
waiting process prints. Readers take no lock (the graph file is replaced whole by a rename);
builders of derived files (the read index) take their own lock the same way.
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.atomic import _host
from kg.errors import StoreError

LOCK_SUFFIX = ".lock"


class LockHeldError(StoreError):
    """Another process still holds the lock after the time allowed."""


POLL = 0.05
"""Seconds between two tries of a lock another process holds."""

NAME_WAIT = 1.0
"""Seconds a waiter gives a new holder to write its name before saying "another process"."""


def lock_path(graph_path: Path) -> Path:
    """The lock file of a graph file: ``graph.json`` -> ``graph.json.lock``."""
    return graph_path.with_name(graph_path.name + LOCK_SUFFIX)


def holder(path: Path) -> str:
    """Who holds (or last held) the lock at ``path``: ``process 1234 (kg ingest)``, or ``?``."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return "another process"
    owner, _, what = text.partition(" ")
    pid, _, host = owner.partition("@")
    if not pid.isdigit():
        return "another process"
    where = "" if host == _host() else f" on another host ({host})"
    return f"process {pid}{where}" + (f" ({what})" if what else "")


@contextmanager
def exclusive(
    path: Path,
    *,
    what: str = "",
    on_wait: Callable[[str], None] | None = None,
    timeout: float | None = None,
) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if missing) for the block.

    When another process holds it, ``on_wait`` gets one message naming that process and the
    lock file, then this waits (at most ``timeout`` seconds: then a :class:`StoreError`).
    """
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the lock file ({exc.strerror or exc})") from exc
    try:
        _acquire(fd, path, on_wait, timeout)
        name = f"{os.getpid()}@{_host()} {what}".strip().encode() + b"\n"
        os.pwrite(fd, name, 0)  # written, then cut to length: never an empty file between holders
        os.ftruncate(fd, len(name))
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _acquire(fd: int, path: Path, on_wait: Callable[[str], None] | None, timeout: float | None) -> None:
    """Take the lock, telling ``on_wait`` once if it has to wait."""
    import fcntl

    told = False
    started = time.monotonic()
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise StoreError(f"{path}: cannot lock ({exc.strerror or exc})") from exc
        if not told and on_wait is not None:
            who = holder(path)
            # a holder that has just taken a new lock file has not named itself yet: give it a moment
            if who != "another process" or time.monotonic() - started >= NAME_WAIT:
                on_wait(f"waiting for {who} to finish ({path})")
                told = True
        if deadline is not None and time.monotonic() >= deadline:
            raise LockHeldError(f"{path}: still held by {holder(path)} after {timeout:g} s")
        time.sleep(POLL)
