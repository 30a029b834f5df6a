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

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from kg.ingest import fields, xml_stream
from kg.ingest.context import ParseContext
from kg.ingest.fields import RecordError
from kg.ingest.source import Source
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


def sniff(path: Path, head: str) -> bool:
    """The document element is ``<OAI-PMH``, or the OAI-PMH namespace appears."""
    return xml_stream.document_is(head, "OAI-PMH", OAI_NS)


def parse(ctx: ParseContext) -> Iterator[Paper]:
    """Yield one paper per record in document order; malformed XML ends the file."""
    for line, element in xml_stream.elements(ctx, (RECORD, ERROR), "record"):
        if element.tag == ERROR:
            code = element.get("code") or "unknown"
            if code != NO_RECORDS:
                ctx.bad(line, f"OAI-PMH error {code}: {fields.collapse(element.text or '')}")
            continue
        header = element.find(f"{OAI}header")
        if header is not None and header.get("status") == "deleted":
            continue
        try:
            paper = _paper(element, ctx.source(line))
        except RecordError as exc:
            ctx.bad(line, str(exc))
            continue
        yield paper


def _paper(record: ET.Element, source: Source) -> Paper:
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
            sources=(source.where,),
            source_keys=(source.key,),
        )
    )


def _author(author: ET.Element) -> str:
    parts = (_text(author, "forenames"), _text(author, "keyname"), _text(author, "suffix"))
    return " ".join(part for part in parts if part)


def _text(element: ET.Element, tag: str) -> str:
    return fields.collapse(element.findtext(f"{ARXIV}{tag}") or "")
