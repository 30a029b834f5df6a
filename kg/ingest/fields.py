"""Field helpers the structured formats share: text, titles, dates, authors, arXiv ids.

Helpers raise :class:`RecordError` for a value that cannot be used; parsers turn it into
``ctx.bad(line, str(error))`` so the message names the field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from email.utils import parsedate_to_datetime
from typing import IO

from kg.errors import IngestError
from kg.ids import ARXIV_ID, normalise_title, parse_arxiv_id
from kg.ingest.context import ParseContext
from kg.model import Paper

MAX_TEXT_CHARS = 1_000_000
"""The longest title plus abstract a paper may have: spaCy's default ``nlp.max_length``."""
MAX_INT = 2**63 - 1
"""The largest count stored: a signed 64-bit integer, what Neo4j and Cypher hold."""
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Bidirectional formatting characters: they reorder the text around them when shown."""
MAX_LINE_CHARS = 8 * 2**20
"""The longest line read (a JSONL record, a CSV row, a line of a page or feed)."""
MAX_DOCUMENT_CHARS = 128 * 2**20
"""The most read of a format parsed whole (a JSON document, a page of text)."""
_PLAIN_INT = re.compile(r"[0-9]{1,19}")

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?", re.DOTALL)
_ARXIV_URL = re.compile(
    r"(?:arxiv\.org/(?:abs|pdf|html|format)|huggingface\.co/papers)/(?P<rest>\S+)",
    re.IGNORECASE,
)
_ARXIV_PREFIX = re.compile(r"^arxiv:\s*", re.IGNORECASE)
_LIST_SEPARATORS = re.compile(r"[\s,;]+")
_AND = re.compile(r",?\s+and\s+|\s*&\s*")


class RecordError(ValueError):
    """A record that cannot become a paper; the message says which field and why."""


def collapse(text: str) -> str:
    """Every run of whitespace (newlines included) as one space, trimmed."""
    return " ".join(text.split())


def text(record: Mapping[str, object], *keys: str) -> str:
    """The first of ``keys`` that is present, whitespace-collapsed; ``""`` when none is."""
    for key in keys:
        value = record.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise RecordError(f"{key} must be a string, not {type(value).__name__}")
        return collapse(str(value))
    return ""


def title(value: str) -> str:
    """``value`` as a title; a missing or symbol-only title is a bad record."""
    if not value:
        raise RecordError("record has no title")
    if not normalise_title(value):
        raise RecordError(f"title has no letters or digits: {short(value)}")
    return value


def iso_date(value: object, field: str = "published") -> str | None:
    """``YYYY-MM-DD`` from an ISO date or datetime string; ``None`` for a missing value."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    match = _ISO_DATE.fullmatch(value.strip()) if isinstance(value, str) else None
    try:
        if match is None:
            raise ValueError
        year, month, day = (int(part) for part in match.groups())
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise RecordError(f"{field} is not an ISO date: {short(value)}") from None


def rfc2822_date(value: object) -> str | None:
    """``YYYY-MM-DD`` from an e-mail style date (``Mon, 2 Apr 2007 19:18:42 GMT``), else ``None``."""
    if not isinstance(value, str):
        return None
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def integer(value: object, field: str) -> int | None:
    """A count from an int or a plain ASCII digit string, ``0`` to :data:`MAX_INT`; ``None``
    for a missing value."""
    if value is None or value == "":
        return None
    number: object = value
    if isinstance(value, float) and value.is_integer() and abs(value) <= 2 * MAX_INT:
        number = int(value)
    elif isinstance(value, str) and _PLAIN_INT.fullmatch(value.strip()):
        number = int(value.strip())
    if isinstance(number, bool) or not isinstance(number, int) or not 0 <= number <= MAX_INT:
        raise RecordError(f"{field} must be an integer from 0 to 2^63-1, not {short(value)}")
    return number


def short(value: object, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters (a 5,000-digit number stays one short line)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 128:
        digits = int(value.bit_length() * 0.30103)
        return f"a {'negative ' if value < 0 else ''}number of about {digits:,} digits"
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def strip_bidi(text: str) -> str:
    """``text`` without bidirectional control characters (see :data:`BIDI_CONTROLS`),
    whitespace-collapsed when it had any."""
    return collapse(BIDI_CONTROLS.sub("", text)) if BIDI_CONTROLS.search(text) else text


def checked(paper: Paper) -> Paper:
    """``paper`` with bidi controls stripped from its title, abstract and authors, once its
    title still has a letter or digit and its text fits :data:`MAX_TEXT_CHARS`."""
    authors = tuple(name for author in paper.authors if (name := strip_bidi(author)))
    paper = replace(
        paper, title=title(strip_bidi(paper.title)), abstract=strip_bidi(paper.abstract), authors=authors
    )
    if (size := len(paper.text)) > MAX_TEXT_CHARS:
        raise RecordError(f"title and abstract are {size:,} characters; the limit is {MAX_TEXT_CHARS:,}")
    return paper


def split_authors(value: object) -> tuple[str, ...]:
    """Author names from a list of names, a list of ``{"name": ...}`` or ``"A, B and C"``."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = collapse(value)
        parts = (
            value.split(";")
            if ";" in value
            else [name for part in value.split(",") for name in _AND.split(part)]
        )
        return tuple(name for part in parts if (name := part.strip()))
    if not isinstance(value, list):
        raise RecordError(f"authors must be a list or a string, not {type(value).__name__}")
    names: list[str] = []
    for item in value:
        name = item.get("name") if isinstance(item, dict) else item
        if not isinstance(name, str):
            raise RecordError(f"an author must be a name or an object with a name, not {short(item)}")
        if name := collapse(name):
            names.append(name)
    return tuple(names)


def categories(value: object) -> tuple[str, ...]:
    """Category codes from a list or a space- or comma-separated string (``"cs.CL cs.LG"``)."""
    if value is None:
        return ()
    items = _LIST_SEPARATORS.split(value) if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise RecordError(f"categories must be a list of strings or a string, not {short(value)}")
    return tuple(dict.fromkeys(item.strip() for item in items if item.strip()))


def strict_arxiv_id(value: object) -> str | None:
    """The bare id when ``value`` is nothing but an arXiv id (``arXiv:`` prefix allowed)."""
    if not isinstance(value, str):
        return None
    match = ARXIV_ID.fullmatch(_ARXIV_PREFIX.sub("", value.strip()))
    return match.group("id") if match else None


def arxiv_id_from_url(url: object) -> str | None:
    """The id in an arXiv abs/pdf URL or a Hugging Face paper URL, else ``None``."""
    if not isinstance(url, str) or (match := _ARXIV_URL.search(url)) is None:
        return None
    return parse_arxiv_id(match.group("rest"))


def numbered_lines(ctx: ParseContext, handle: IO[str]) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` pairs, each line read in bounded memory: a line longer than
    :data:`MAX_LINE_CHARS` is a bad record (skipped whole under ``--skip-bad``), corrupt gzip
    data a bad record that ends the file. Undecodable bytes are an :class:`IngestError`."""
    number = 0
    try:
        while line := handle.readline(MAX_LINE_CHARS + 1):
            number += 1
            if len(line) > MAX_LINE_CHARS and line[-1] not in "\r\n":
                del line
                while (rest := handle.readline(MAX_LINE_CHARS)) and rest[-1] not in "\r\n":
                    pass
                ctx.bad(number, f"line longer than {MAX_LINE_CHARS:,} characters")
                continue
            yield number, line
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 text ({exc.reason}) on this line or soon after"
        raise IngestError(ctx.path, message, number + 1) from exc
    except IngestError as exc:  # corrupt or truncated gzip data: nothing more can be read
        if exc.line is not None or exc.path != str(ctx.path):
            raise
        ctx.bad(number + 1, exc.message)


def read_lines(ctx: ParseContext, handle: IO[str]) -> list[str]:
    """Every line of a file read whole, at most :data:`MAX_DOCUMENT_CHARS` characters in all."""
    lines: list[str] = []
    total = 0
    for number, line in numbered_lines(ctx, handle):
        total += len(line)
        if total > MAX_DOCUMENT_CHARS:
            raise IngestError(
                ctx.path,
                f"file longer than {MAX_DOCUMENT_CHARS:,} characters (a JSON document or a page is "
                "read whole; use JSONL for more)",
                number,
            )
        lines.append(line)
    return lines
