"""The Hugging Face daily-papers API (``/api/daily_papers``) as a JSON list or JSONL.

Each item is ``{"paper": {"id", "title", "summary", "authors": [{"name"}], "publishedAt",
"upvotes", "githubRepo"?}, "publishedAt", ...}``; the item's own ``publishedAt`` is the day
it was listed, the paper's is its arXiv publication date.
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

FORMAT = "hf-daily-json"
PAPER_URL = "https://huggingface.co/papers/{}"


def sniff(path: Path, head: str) -> bool:
    """A JSON array or JSONL whose first record holds a ``paper`` object."""
    first = first_record(head)
    return isinstance(first, dict) and isinstance(first.get("paper"), dict)


def parse(ctx: ParseContext) -> Iterator[Paper]:
    """Yield one paper per item, in file order."""
    for line, item in json_objects(ctx):
        try:
            paper = _paper(item, ctx.source(line))
        except RecordError as exc:
            ctx.bad(line, str(exc))
            continue
        yield paper


def _paper(item: Mapping[str, Any], source: Source) -> Paper:
    paper = item.get("paper")
    if not isinstance(paper, dict):
        raise RecordError('record has no "paper" object')
    hf_id = fields.text(paper, "id")
    authors = fields.split_authors(paper.get("authors"))
    return fields.checked(
        Paper(
            title=fields.title(fields.text(paper, "title") or fields.text(item, "title")),
            abstract=fields.text(paper, "summary") or fields.text(item, "summary"),
            arxiv_id=fields.strict_arxiv_id(hf_id),
            authors=authors,
            author_count=len(authors) or None,
            published=fields.iso_date(paper.get("publishedAt"), "paper.publishedAt"),
            listed=fields.iso_date(item.get("publishedAt"), "publishedAt"),
            upvotes=fields.integer(paper.get("upvotes"), "paper.upvotes"),
            url=PAPER_URL.format(hf_id) if hf_id else None,
            code_url=fields.text(paper, "githubRepo") or None,
            sources=(source.where,),
            source_keys=(source.key,),
        )
    )
