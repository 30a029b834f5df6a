"""Days as the fetchers count them: ISO dates (UTC), ranges, today."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from kg.fetch.errors import FetchArgumentError

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(text: str, option: str = "date") -> dt.date:
    """``YYYY-MM-DD`` as a date; anything else is a one-line error naming the option."""
    value = text.strip()
    try:
        if not _DAY.fullmatch(value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FetchArgumentError(f"--{option} {text!r}: not a date (expected YYYY-MM-DD)") from None


def today() -> dt.date:
    """Today in UTC, the clock both sources date their listings by."""
    return dt.datetime.now(dt.UTC).date()


def day_range(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    """Every day from ``first`` to ``last``, both included."""
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def checked_range(
    since: dt.date, until: dt.date | None, now: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    """``(since, until)`` with ``until`` defaulting to today; a range ending before it starts or
    reaching into the future is an error."""
    now = now or today()
    until = until or now
    if until > now:
        raise FetchArgumentError(f"--until {until}: after today ({now}, UTC)")
    if since > until:
        raise FetchArgumentError(f"--since {since} is after --until {until}")
    return since, until


def not_future(day: dt.date, option: str = "until", now: dt.date | None = None) -> dt.date:
    """``day``, once it is not after today."""
    now = now or today()
    if day > now:
        raise FetchArgumentError(f"--{option} {day}: after today ({now}, UTC)")
    return day
