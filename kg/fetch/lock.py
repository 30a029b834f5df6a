"""One fetch or update at a time per data directory: the store's writer lock primitive
(:func:`kg.store.lock.exclusive`, an ``flock`` the kernel releases when the process ends, so a
killed update never leaves it held) on ``<data dir>/fetch/update.lock``, failing at once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from kg.fetch.errors import LockedError

LOCK = Path("fetch") / "update.lock"


@contextmanager
def update_lock(data_dir: Path) -> Iterator[Path]:
    """Hold the data directory's lock for the block, or fail at once naming the holder."""
    from kg.store.lock import LockHeldError, exclusive, holder

    path = data_dir / LOCK
    with ExitStack() as stack:
        try:
            stack.enter_context(exclusive(path, what="kg update", timeout=0))
        except LockHeldError:
            raise LockedError(
                f"{path}: another kg fetch or kg update is running on {data_dir} ({holder(path)}); "
                "try again when it has finished"
            ) from None
        yield path
