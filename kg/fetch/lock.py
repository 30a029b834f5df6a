"""One fetch or update at a time per data directory: an exclusive ``flock`` on
``<data dir>/fetch/update.lock``, released by the kernel when the process ends (a killed update
never leaves the lock held)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.fetch.errors import LockedError

LOCK = Path("fetch") / "update.lock"


@contextmanager
def update_lock(data_dir: Path) -> Iterator[Path]:
    """Hold the data directory's lock for the block, or fail at once naming the holder."""
    import fcntl

    path = data_dir / LOCK
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "unknown"
            raise LockedError(
                f"{path}: another kg fetch or kg update is running on {data_dir} (pid {holder}); "
                "try again when it has finished"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        try:
            yield path
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
