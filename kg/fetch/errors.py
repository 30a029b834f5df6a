"""The errors of fetching: a source that fails or answers in an unexpected format, and bad
arguments (a date, a category)."""

from __future__ import annotations

from kg.errors import KGError


class FetchError(KGError):
    """A request that failed after its retries, or a response that is not the expected format."""


class FetchArgumentError(KGError):
    """A bad date, an unknown category, a range that ends before it starts."""

    exit_code = 2


class LockedError(KGError):
    """Another fetch or update holds the data directory's lock."""
