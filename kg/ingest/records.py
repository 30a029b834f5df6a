"""Generic paper records as JSON, JSONL, CSV or TSV.

A record is ``{id?, arxiv_id?, title, abstract (or summary), authors?, published?, url?}``
and may also carry ``listed``, ``upvotes``, ``code_url`` and ``categories``; keys are
case-insensitive. A JSON file is an array of records or an object holding one under
``papers``, ``records`` or ``items``; CSV/TSV need a header row with ``title`` and
``abstract`` columns. The JSON readers here are shared with the other JSON formats.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, NoReturn

from kg.errors import IngestError
from kg.ids import parse_arxiv_id
from kg.ingest import fields
from kg.ingest.context import ParseContext, open_text, read_head
from kg.ingest.fields import RecordError, numbered_lines, read_lines
from kg.ingest.source import Source
from kg.model import Paper

FORMAT = "jsonl"
FORMATS = ("json", "jsonl", "csv", "tsv")

WRAPPER_KEYS = ("papers", "records", "items")


class HugeNumber(float):
    """A JSON integer too long for Python's int conversion (4,300 digits), kept as its size."""

    digits: int

    def __new__(cls, text: str) -> HugeNumber:
        number = super().__new__(cls, "-inf" if text.startswith("-") else "inf")
        number.digits = len(text.lstrip("-"))
        return number

    def __repr__(self) -> str:
        return f"a number of {self.digits:,} digits"


def _parse_int(text: str) -> int | float:
    return int(text) if len(text) < 4000 else HugeNumber(text)


_DECODER = json.JSONDecoder(parse_int=_parse_int)
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_LEADING = "\ufeff \t\r\n"
_JSON_TYPES = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}


def sniff(path: Path, head: str) -> bool:
    """JSON or JSONL (anything opening with ``[`` or ``{``), or a CSV/TSV header row."""
    return head.lstrip(_LEADING).startswith(("[", "{")) or _delimiter(head) is not None


def parse(ctx: ParseContext) -> Iterator[Paper]:
    """Yield one paper per record, in file order."""
    kind = _kind(ctx)
    rows = _csv_rows(ctx, "\t" if kind == "tsv" else ",") if kind in ("csv", "tsv") else json_objects(ctx)
    for line, record in rows:
        try:
            paper = record_paper(record, ctx.source(line))
        except RecordError as exc:
            ctx.bad(line, str(exc))
            continue
        yield paper


def record_paper(record: Mapping[str, Any], source: Source) -> Paper:
    """A generic record as a :class:`Paper`; raises :class:`RecordError` for a bad field."""
    rec = {str(key).strip().lower(): value for key, value in record.items()}
    url = fields.text(rec, "url", "link") or None
    authors = fields.split_authors(rec.get("authors"))
    author_count = fields.integer(rec.get("author_count"), "author_count")
    return fields.checked(
        Paper(
            title=fields.title(fields.text(rec, "title")),
            abstract=fields.text(rec, "abstract", "summary"),
            arxiv_id=_arxiv_id(rec, url),
            authors=authors,
            author_count=author_count if author_count is not None else len(authors) or None,
            published=fields.iso_date(rec.get("published", rec.get("date")), "published"),
            listed=fields.iso_date(rec.get("listed"), "listed"),
            upvotes=fields.integer(rec.get("upvotes"), "upvotes"),
            url=url,
            code_url=fields.text(rec, "code_url", "github") or None,
            categories=fields.categories(rec.get("categories")),
            sources=(source.where,),
            source_keys=(source.key,),
        )
    )


def _arxiv_id(rec: Mapping[str, Any], url: str | None) -> str | None:
    """From ``arxiv_id``; else from an ``id`` that is exactly an arXiv id, or an arXiv URL."""
    explicit = rec.get("arxiv_id")
    if explicit is None or explicit == "":
        return fields.strict_arxiv_id(rec.get("id")) or fields.arxiv_id_from_url(url)
    arxiv_id = parse_arxiv_id(explicit) if isinstance(explicit, str) else None
    if arxiv_id is None:
        raise RecordError(f"arxiv_id is not an arXiv id string: {fields.short(explicit)}")
    return arxiv_id


def _kind(ctx: ParseContext) -> str:
    """``json``, ``jsonl``, ``csv`` or ``tsv``: as named, else from the content or suffix."""
    if ctx.format in FORMATS:
        return ctx.format
    head = read_head(ctx.path)
    if head.lstrip(_LEADING).startswith(("[", "{")):
        return _json_kind(ctx)
    if (delimiter := _delimiter(head)) is not None:
        return "tsv" if delimiter == "\t" else "csv"
    suffix = ctx.path.name.removesuffix(".gz").rpartition(".")[2].lower()
    return {"csv": "csv", "tsv": "tsv", "tab": "tsv", "json": "json"}.get(suffix, "jsonl")


def _delimiter(head: str) -> str | None:
    """The CSV delimiter when the first line names ``title`` and ``abstract`` columns."""
    first = head.lstrip("\ufeff").partition("\n")[0]
    for delimiter in ("\t", ","):
        names = {name.strip().strip('"').strip().lower() for name in first.split(delimiter)}
        if "title" in names and names & {"abstract", "summary"}:
            return delimiter
    return None


def _csv_rows(ctx: ParseContext, delimiter: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Each data row as a dict keyed by lower-cased header names, with its first line."""
    with open_text(ctx.path) as handle:
        lines = (line for _, line in numbered_lines(ctx, handle))
        reader = csv.reader(lines, delimiter=delimiter, strict=True)
        header: list[str] | None = None
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                ctx.bad(start, f"invalid CSV: {exc}")
                continue
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.lstrip("\ufeff").strip().lower() for cell in row]
                if "title" not in header:
                    raise IngestError(ctx.path, "the header row has no 'title' column", start)
            elif len(row) != len(header):
                ctx.bad(start, f"row has {len(row)} fields but the header has {len(header)}")
            else:
                yield start, dict(zip(header, row, strict=True))


def first_record(head: str) -> object:
    """The first value of a JSON array or JSONL file, decoded from its head; else ``None``."""
    body = head.lstrip(_LEADING)
    if body.startswith("["):
        body = body[1:].lstrip(_LEADING)
    try:
        return _DECODER.raw_decode(body)[0]
    except (ValueError, RecursionError):
        return None


def json_objects(ctx: ParseContext) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each JSON object record of a JSON document or JSONL file, with its first line."""
    values = _jsonl_values(ctx) if _json_kind(ctx) == "jsonl" else _document_values(ctx)
    for line, value in values:
        if isinstance(value, dict):
            yield line, value
        else:
            ctx.bad(line, f"expected a JSON object, found {_JSON_TYPES.get(type(value), 'number')}")


def _json_kind(ctx: ParseContext) -> str:
    """``jsonl`` when named so or when the head holds several top-level objects, else ``json``."""
    if ctx.format in ("json", "jsonl"):
        return ctx.format
    if ctx.path.name.removesuffix(".gz").endswith((".jsonl", ".ndjson")):
        return "jsonl"
    body = read_head(ctx.path).lstrip(_LEADING)
    if not body.startswith("{"):
        return "json"
    try:
        end = _DECODER.raw_decode(body)[1]
    except (ValueError, RecursionError):
        return "jsonl" if body.partition("\n")[0].rstrip().endswith("}") else "json"
    return "jsonl" if body[end:].lstrip(_LEADING).startswith("{") else "json"


def _jsonl_values(ctx: ParseContext) -> Iterator[tuple[int, Any]]:
    """One JSON value per non-blank line, streamed; a line that does not decode is bad."""
    with open_text(ctx.path) as handle:
        for number, line in numbered_lines(ctx, handle):
            if not line.strip():
                continue
            try:
                yield number, _DECODER.decode(line.lstrip("\ufeff") if number == 1 else line)
            except json.JSONDecodeError as exc:
                ctx.bad(number, f"invalid JSON: {exc.msg} (column {exc.colno})")
            except (ValueError, RecursionError) as exc:
                ctx.bad(number, f"invalid JSON: {exc}")


def _document_values(ctx: ParseContext) -> Iterator[tuple[int, Any]]:
    """The records of one JSON document; an error ends the file (there is no resyncing)."""
    with open_text(ctx.path) as handle:
        text = "".join(read_lines(ctx, handle))
    walker = _Walker(text)
    try:
        yield from walker.records()
    except json.JSONDecodeError as exc:
        ctx.bad(exc.lineno, f"invalid JSON: {exc.msg} (column {exc.colno})")
    except (ValueError, RecursionError) as exc:
        ctx.bad(walker.line(), f"invalid JSON: {exc}")


class _Walker:
    """Steps through a JSON document, decoding one record at a time and noting its line."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = len(text) - len(text.lstrip("\ufeff"))
        self._line = 1
        self._counted = 0

    def records(self) -> Iterator[tuple[int, Any]]:
        """The elements of a top-level array or wrapper list, or one top-level object."""
        start = self._peek()
        if start == "[":
            yield from self._array()
        elif start == "{":
            yield from self._object()
        else:
            self._fail("Expecting a JSON array or object of records")
        if self._peek():
            self._fail("Extra data")

    def line(self) -> int:
        """The 1-based line of the current position."""
        self._line += self.text.count("\n", self._counted, self.pos)
        self._counted = self.pos
        return self._line

    def _array(self) -> Iterator[tuple[int, Any]]:
        self.pos += 1
        if self._peek() == "]":
            self.pos += 1
            return
        while True:
            self._peek()
            yield self.line(), self._value()
            if self._step_over(",", "]"):
                return

    def _object(self) -> Iterator[tuple[int, Any]]:
        line = self.line()
        self.pos += 1
        members: dict[str, Any] = {}
        wrapped = False
        if self._peek() == "}":
            self.pos += 1
        else:
            while True:
                if self._peek() != '"':
                    self._fail("Expecting property name enclosed in double quotes")
                key = self._value()
                if self._peek() != ":":
                    self._fail("Expecting ':' delimiter")
                self.pos += 1
                if key.lower() in WRAPPER_KEYS and self._peek() == "[":
                    wrapped = True
                    yield from self._array()
                else:
                    members[key] = self._value()
                if self._step_over(",", "}"):
                    break
        if not wrapped:
            yield line, members

    def _peek(self) -> str:
        match = _WHITESPACE.match(self.text, self.pos)
        self.pos = match.end() if match else self.pos
        return self.text[self.pos : self.pos + 1]

    def _value(self) -> Any:
        self._peek()
        value, self.pos = _DECODER.raw_decode(self.text, self.pos)
        return value

    def _step_over(self, separator: str, close: str) -> bool:
        """Step over ``separator`` (more follows: ``False``) or ``close`` (done: ``True``)."""
        char = self._peek()
        if char not in (separator, close):
            self._fail(f"Expecting {separator!r} delimiter")
        self.pos += 1
        return char == close

    def _fail(self, message: str) -> NoReturn:
        raise json.JSONDecodeError(message, self.text, self.pos)
