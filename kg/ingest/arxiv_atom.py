"""arXiv export API Atom feeds (``export.arxiv.org/api/query``): one ``<entry>`` per paper.

The feed is parsed incrementally, one line at a time, so each paper's source names the line
of its ``<entry>`` tag and finished entries are dropped from memory.
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

FORMAT = "arxiv-atom"
ATOM_NS = "http://www.w3.org/2005/Atom"
ATOM = f"{{{ATOM_NS}}}"
ARXIV = "{http://arxiv.org/schemas/atom}"
ENTRY = f"{ATOM}entry"


def sniff(path: Path, head: str) -> bool:
    """The document element is ``<feed``, or a ``<feed`` appears with the Atom namespace."""
    return xml_stream.document_is(head, "feed", ATOM_NS)


def parse(ctx: ParseContext) -> Iterator[Paper]:
    """Yield one paper per entry, in feed order; malformed XML ends the file."""
    for line, entry in xml_stream.elements(ctx, (ENTRY,), "entry"):
        try:
            paper = _paper(entry, ctx.source(line))
        except RecordError as exc:
            ctx.bad(line, str(exc))
            continue
        yield paper


def _paper(entry: ET.Element, source: Source) -> Paper:
    entry_id = _text(entry, "id")
    if "/api/errors" in entry_id:
        raise RecordError(f"arXiv API error: {_text(entry, 'summary') or entry_id}")
    authors = tuple(
        name
        for author in entry.iterfind(f"{ATOM}author")
        if (name := fields.collapse(author.findtext(f"{ATOM}name") or ""))
    )
    primary = entry.find(f"{ARXIV}primary_category")
    terms = [primary.get("term") if primary is not None else None]
    terms += [category.get("term") for category in entry.iterfind(f"{ATOM}category")]
    alternate = next(
        (link.get("href") for link in entry.iterfind(f"{ATOM}link") if link.get("rel") == "alternate"), None
    )
    return fields.checked(
        Paper(
            title=fields.title(_text(entry, "title")),
            abstract=_text(entry, "summary"),
            arxiv_id=fields.arxiv_id_from_url(entry_id),
            authors=authors,
            author_count=len(authors) or None,
            published=fields.iso_date(_text(entry, "published"), "published"),
            url=alternate or entry_id or None,
            categories=tuple(dict.fromkeys(term for term in terms if term)),
            sources=(source.where,),
            source_keys=(source.key,),
        )
    )


def _text(entry: ET.Element, tag: str) -> str:
    return fields.collapse(entry.findtext(f"{ATOM}{tag}") or "")
