"""arXiv's OAI-PMH interface, ``metadataPrefix=arXiv``: one ``<record>`` per paper.

A ``ListRecords`` response (or a page of one) holds ``<record>`` elements, each a ``<header>``
(identifier, datestamp, setSpec; ``status="deleted"`` for a withdrawn item, which has no
metadata and yields no paper) and ``<metadata><arXiv>`` with ``id``, ``created``, ``authors``
(``keyname``, ``forenames``, ``suffix``), ``title``, ``categories`` (space-separated) and
``abstract``. An OAI-PMH ``<error>`` other than ``noRecordsMatch`` is a bad record. The document
is parsed incrementally, like the Atom reader, so each paper's source names the line of its
``<record>`` tag.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from kg.ingest import fields
from kg.ingest.context import ParseContext, open_text
from kg.ingest.fields import RecordError, numbered_lines
from kg.model import Paper

FORMAT = "arxiv-oai"
OAI_NS = "http://www.openarchives.org/OAI/2.0/"
ARXIV_NS = "http://arxiv.org/OAI/arXiv/"
OAI = f"{{{OAI_NS}}}"
ARXIV = f"{{{ARXIV_NS}}}"
RECORD = f"{OAI}record"
ERROR = f"{OAI}error"
ABS_URL = "https://arxiv.org/abs/{}"
NO_RECORDS = "noRecordsMatch"
_PROLOG = re.compile(r"\ufeff?\s*(?:<\?xml[^>]*\?>\s*)?")
_POSITION = re.compile(r": line \d+, column \d+$")


def sniff(path: Path, head: str) -> bool:
    """The document element is ``<OAI-PMH``, or the OAI-PMH namespace appears."""
    prolog = _PROLOG.match(head)
    body = head[prolog.end() :] if prolog else head
    return body.startswith("<OAI-PMH") or ("<OAI-PMH" in head and OAI_NS in head)


def parse(ctx: ParseContext) -> Iterator[Paper]:
    """Yield one paper per record in document order; malformed XML ends the file."""
    for line, element in _elements(ctx):
        if element.tag == ERROR:
            code = element.get("code") or "unknown"
            if code != NO_RECORDS:
                ctx.bad(line, f"OAI-PMH error {code}: {fields.collapse(element.text or '')}")
            continue
        header = element.find(f"{OAI}header")
        if header is not None and header.get("status") == "deleted":
            continue
        try:
            paper = _paper(element, ctx.where(line))
        except RecordError as exc:
            ctx.bad(line, str(exc))
            continue
        yield paper


def _elements(ctx: ParseContext) -> Iterator[tuple[int, ET.Element]]:
    """Each complete ``<record>`` or ``<error>`` with the line of its start tag; each is
    cleared once used."""
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    open_elements: list[ET.Element] = []
    start = 1
    held = 0  # characters fed since the last complete record
    with open_text(ctx.path) as handle:
        try:
            for number, text in numbered_lines(ctx, handle):
                held += len(text)
                if held > fields.MAX_LINE_CHARS:
                    ctx.bad(start, f"record longer than {fields.MAX_LINE_CHARS:,} characters")
                    return
                parser.feed(text)
                for event in parser.read_events():
                    kind, element = event[0], event[-1]
                    if not isinstance(element, ET.Element):
                        continue
                    if kind == "start":
                        open_elements.append(element)
                        if element.tag in (RECORD, ERROR):
                            start = number
                        continue
                    open_elements.pop()
                    if element.tag in (RECORD, ERROR):
                        yield start, element
                        if open_elements:
                            open_elements[-1].clear()  # drop finished records from memory
                        held = 0
            parser.close()
        except ET.ParseError as exc:
            line, column = exc.position
            ctx.bad(line, f"malformed XML: {_POSITION.sub('', str(exc))} (column {column + 1})")


def _paper(record: ET.Element, source: str) -> Paper:
    meta = record.find(f"{OAI}metadata/{ARXIV}arXiv")
    if meta is None:
        raise RecordError("record has no arXiv metadata (expected metadataPrefix=arXiv)")
    raw_id = _text(meta, "id")
    arxiv_id = fields.strict_arxiv_id(raw_id)
    if raw_id and arxiv_id is None:
        raise RecordError(f"id is not an arXiv id: {fields.short(raw_id)}")
    authors = tuple(
        name for author in meta.iterfind(f"{ARXIV}authors/{ARXIV}author") if (name := _author(author))
    )
    return fields.checked(
        Paper(
            title=fields.title(_text(meta, "title")),
            abstract=_text(meta, "abstract"),
            arxiv_id=arxiv_id,
            authors=authors,
            author_count=len(authors) or None,
            published=fields.iso_date(_text(meta, "created") or None, "created"),
            url=ABS_URL.format(arxiv_id) if arxiv_id else None,
            categories=fields.categories(_text(meta, "categories")),
            sources=(source,),
        )
    )


def _author(author: ET.Element) -> str:
    parts = (_text(author, "forenames"), _text(author, "keyname"), _text(author, "suffix"))
    return " ".join(part for part in parts if part)


def _text(element: ET.Element, tag: str) -> str:
    return fields.collapse(element.findtext(f"{ARXIV}{tag}") or "")
