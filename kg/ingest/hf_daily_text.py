"""Hugging Face Daily Papers pages saved as text.

A page is header lines, a listing date line (``Apr 13``), then per paper a title line, an
abstract line and optionally ``• N authors``, ``·`` and a publication date that may end in
an upvote count (``Dec 16, 2024 2``). A date without a year is in the listing's year.

The listing's year is never taken from the day the page is read: it is the one given
(``--listing-year``), else the listing line's own, else the year after the newest explicit year
on the page (Hugging Face omits the year only for the current year). A page with no year at all
takes the year of the file's modification time, with a :class:`ListingYearWarning` (with no file
to ask, its dates without a year are left out).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.ingest import fields
from kg.ingest.context import ParseContext, open_text
from kg.ingest.fields import RecordError, read_lines
from kg.model import Paper

FORMAT = "hf-daily-text"

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH = "|".join(MONTHS)
LISTING_DATE = re.compile(rf"^(?P<month>{_MONTH}) (?P<day>[0-9]{{1,2}})(?:, (?P<year>[0-9]{{4}}))?$")
PAPER_DATE = re.compile(
    rf"^(?P<month>{_MONTH}) (?P<day>[0-9]{{1,2}})(?:, (?P<year>[0-9]{{4}}))?(?: (?P<upvotes>[0-9]+))?$"
)
AUTHORS = re.compile(r"^•\s*(?P<count>[0-9]+)\s+authors?$")
SEPARATOR = "·"
HEADER_HINTS = ("Daily Papers", "byAK and the research community", "Get trending papers")
_HEADER_LINES = 20


@dataclass(frozen=True, slots=True)
class _Date:
    month: int
    day: int
    year: int | None

    def iso(self, default_year: int | None) -> str | None:
        year = self.year or default_year
        if year is None:
            return None
        try:
            return dt.date(year, self.month, self.day).isoformat()
        except ValueError:
            return None


def sniff(path: Path, head: str) -> bool:
    """A page names itself in its header or has a bare listing date near the top."""
    lines = [line.strip() for line in head.splitlines()[:_HEADER_LINES]]
    return any(hint in line for hint in HEADER_HINTS for line in lines) or any(
        LISTING_DATE.match(line) for line in lines
    )


def _date(match: re.Match[str]) -> _Date:
    year = match.group("year")
    return _Date(MONTHS.index(match.group("month")) + 1, int(match.group("day")), int(year) if year else None)


def _is_meta(line: str) -> bool:
    return line == SEPARATOR or bool(AUTHORS.match(line) or PAPER_DATE.match(line))


class ListingYearWarning(UserWarning):
    """A page's listing year had to be guessed (from the file's modification time)."""


def _infer_year(dates: list[_Date], ctx: ParseContext) -> int | None:
    """Hugging Face omits the year only for the current year, so it follows every explicit one.

    Without any explicit year: the year the file was last modified (warned), or ``None`` when
    there is no file to ask (then dates without a year are left out, with a warning).
    """
    import warnings

    explicit = [d.year for d in dates if d.year is not None]
    if explicit:
        return max(explicit) + 1
    try:
        modified = dt.datetime.fromtimestamp(ctx.path.stat().st_mtime, tz=dt.UTC).year
    except OSError:
        warnings.warn(
            ListingYearWarning(
                f"{ctx.path}: the page gives no year and there is no file to date it by: dates without "
                "a year are left out (give --listing-year to set it)"
            ),
            stacklevel=2,
        )
        return None
    warnings.warn(
        ListingYearWarning(
            f"{ctx.path}: the page gives no year; took {modified} from the file's modification time "
            "(give --listing-year to set it)"
        ),
        stacklevel=2,
    )
    return modified


def parse(ctx: ParseContext) -> Iterator[Paper]:
    """Yield the page's papers in order; duplicates are merged later, by id."""
    with open_text(ctx.path) as handle:
        lines = read_lines(ctx, handle)
    yield from parse_lines(lines, ctx)


def parse_lines(lines: Iterable[str], ctx: ParseContext) -> Iterator[Paper]:
    """Parse a page given as lines; ``ctx`` supplies the path for errors and provenance."""
    content = [(n, text) for n, line in enumerate(lines, start=1) if (text := line.strip())]

    start = next((i for i, (_, line) in enumerate(content[:_HEADER_LINES]) if LISTING_DATE.match(line)), None)
    if start is None:
        ctx.bad(1, "no listing date line (like 'Apr 13') in the page header")
        return
    listing_match = LISTING_DATE.match(content[start][1])
    assert listing_match is not None
    listing = _date(listing_match)
    dates = [listing] + [_date(m) for _, line in content[start + 1 :] if (m := PAPER_DATE.match(line))]
    year = ctx.listing_year or listing.year or _infer_year(dates, ctx)
    listed = listing.iso(year)

    i = start + 1
    while i < len(content):
        line_no, title = content[i]
        if _is_meta(title):
            ctx.bad(line_no, f"expected a paper title, found {title[:40]!r}")
            i += 1
            continue
        i += 1
        abstract = ""
        if i < len(content) and not _is_meta(content[i][1]):
            abstract = content[i][1]
            i += 1
        author_count = published = upvotes = None
        problem: tuple[int, str] | None = None
        while i < len(content) and _is_meta(content[i][1]):
            meta_line, meta = content[i]
            try:
                if (authors := AUTHORS.match(meta)) is not None:
                    author_count = fields.integer(authors.group("count"), "the author count")
                elif (date := PAPER_DATE.match(meta)) is not None:
                    when = _date(date)
                    published = when.iso(year)
                    upvotes = fields.integer(date.group("upvotes"), "the upvote count")
                    if published is None and (when.year or year) is not None:
                        ctx.bad(meta_line, f"not a calendar date: {fields.short(meta)}")
            except RecordError as exc:
                problem = problem or (meta_line, str(exc))
            i += 1
        try:
            if problem is not None:
                raise RecordError(problem[1])
            source = ctx.source(line_no)
            paper = fields.checked(
                Paper(
                    title=fields.title(title),
                    abstract=abstract,
                    author_count=author_count,
                    published=published,
                    listed=listed,
                    upvotes=upvotes,
                    sources=(source.where,),
                    source_keys=(source.key,),
                )
            )
        except RecordError as exc:
            ctx.bad(problem[0] if problem is not None else line_no, str(exc))
            continue
        yield paper
