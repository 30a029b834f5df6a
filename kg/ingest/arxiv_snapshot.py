"""The Kaggle arXiv metadata snapshot: one JSON object per line, millions of lines.

Records carry ``id``, ``title``, ``abstract`` (hard-wrapped), ``authors`` (one string),
``authors_parsed`` (``[last, first, suffix]`` lists), ``categories`` (``"cs.CL cs.LG"``),
``versions`` (``[{"version": "v1", "created": "Mon, 2 Apr 2007 19:18:42 GMT"}]``) and
``update_date``. The file is streamed; ``.gz`` works too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from kg.ingest import fields
from kg.ingest.context import ParseContext
from kg.ingest.fields import RecordError
from kg.ingest.records import first_record, json_objects
from kg.ingest.source import Source
from kg.model import Paper

FORMAT = "arxiv-snapshot"
ABS_URL = "https://arxiv.org/abs/{}"


def sniff(path: Path, head: str) -> bool:
    """The first record has an ``abstract`` and ``versions`` or ``update_date``."""
    first = first_record(head)
    return isinstance(first, dict) and "abstract" in first and ("versions" in first or "update_date" in first)


def parse(ctx: ParseContext) -> Iterator[Paper]:
    """Yield one paper per line, in file order, in constant memory."""
    for line, record in json_objects(ctx):
        try:
            paper = _paper(record, ctx.source(line))
        except RecordError as exc:
            ctx.bad(line, str(exc))
            continue
        yield paper


def _paper(record: Mapping[str, Any], source: Source) -> Paper:
    raw_id = record.get("id")
    arxiv_id = fields.strict_arxiv_id(raw_id)
    if arxiv_id is None:
        raise RecordError(f"id is not an arXiv id: {fields.short(raw_id)}")
    authors = _authors(record)
    published = _first_version_date(record.get("versions"))
    return fields.checked(
        Paper(
            title=fields.title(fields.text(record, "title")),
            abstract=fields.text(record, "abstract"),
            arxiv_id=arxiv_id,
            authors=authors,
            author_count=len(authors) or None,
            published=published or fields.iso_date(record.get("update_date"), "update_date"),
            url=ABS_URL.format(arxiv_id),
            categories=fields.categories(record.get("categories")),
            sources=(source.where,),
            source_keys=(source.key,),
        )
    )


def _authors(record: Mapping[str, Any]) -> tuple[str, ...]:
    """From ``authors_parsed`` (LaTeX already resolved) when well-formed, else ``authors``."""
    parsed = record.get("authors_parsed")
    if isinstance(parsed, list) and all(
        isinstance(parts, list) and all(isinstance(part, str) for part in parts) for parts in parsed
    ):
        names = (_name(parts) for parts in parsed)
        if authors := tuple(name for name in names if name):
            return authors
    return fields.split_authors(record.get("authors"))


def _name(parts: list[str]) -> str:
    last, first, suffix = [*parts, "", "", ""][:3]
    return fields.collapse(f"{first} {last} {suffix}")


def _first_version_date(versions: object) -> str | None:
    """The date v1 was created (the first listed version when none is called v1)."""
    if not isinstance(versions, list) or not versions:
        return None
    dicts = [version for version in versions if isinstance(version, dict)]
    v1 = next((version for version in dicts if version.get("version") == "v1"), dicts[0] if dicts else None)
    return fields.rfc2822_date(v1.get("created")) if v1 is not None else None
