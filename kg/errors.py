"""The errors paper-kg raises. Every one derives from :class:`KGError`.

The CLI turns a ``KGError`` into a one-line message on stderr and a non-zero exit;
library callers catch them like any exception.
"""

from __future__ import annotations

from pathlib import Path


class KGError(Exception):
    """Root of every error paper-kg raises on purpose."""

    exit_code = 1


class IngestError(KGError):
    """Input that cannot be read as papers; names the file and, when known, the line."""

    exit_code = 2

    def __init__(self, path: str | Path, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


class GraphFileError(KGError):
    """The stored graph file cannot be read."""


class StoreError(KGError):
    """A graph store refused an operation or is unreachable."""


class NotFoundError(KGError):
    """A paper or entity the user named is not in the graph."""


class ReadOnlyError(KGError):
    """A Cypher statement that writes, run where only reads are allowed; names the clause."""

    exit_code = 2


class QueryLimitError(KGError):
    """A Cypher statement or parameter beyond the bounds a store accepts (kg.store.limits)."""

    exit_code = 2


class QueryTimeoutError(StoreError):
    """A query that ran past its timeout (it was stopped)."""
