"""Read papers from any supported listing format: ``read_papers(path, format=None)``.

Each format is one small module with ``FORMAT`` (its name), ``sniff(path, head)`` and
``parse(ctx)``; :func:`read_papers` sniffs the format when none is given.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

from kg.errors import IngestError
from kg.ingest import arxiv_atom, arxiv_oai, arxiv_snapshot, hf_daily_json, hf_daily_text, records
from kg.ingest.context import ParseContext, read_head
from kg.model import Paper

# Order matters: the most specific sniffers first.
PARSERS: tuple[ModuleType, ...] = (
    arxiv_atom,
    arxiv_oai,
    hf_daily_json,
    arxiv_snapshot,
    records,
    hf_daily_text,
)
FORMATS: tuple[str, ...] = tuple(
    name for module in PARSERS for name in getattr(module, "FORMATS", (module.FORMAT,))
)

__all__ = ["FORMATS", "ParseContext", "read_papers"]


def _parser_for(path: Path, format: str | None) -> ModuleType:
    if format is not None:
        for module in PARSERS:
            if format in getattr(module, "FORMATS", (module.FORMAT,)):
                return module
        raise IngestError(path, f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    if path.is_dir():
        raise IngestError(path, "is a directory; name the files to read")
    head = read_head(path)
    if not head.strip():
        raise IngestError(path, "empty file: no papers", 1)
    for module in PARSERS:
        if module.sniff(path, head):
            return module
    raise IngestError(
        path,
        "not a recognised paper listing (expected Hugging Face Daily Papers page text, "
        "JSON/JSONL records, the HF daily-papers API, an arXiv Atom feed or snapshot, or CSV/TSV "
        "with title and abstract columns)",
        1,
    )


def read_papers(
    path: str | Path,
    format: str | None = None,
    *,
    skip_bad: bool = False,
    skipped: list[IngestError] | None = None,
    listing_year: int | None = None,
) -> Iterator[Paper]:
    """Yield the papers in ``path``, sniffing its format unless ``format`` names one.

    Bad records raise :class:`~kg.errors.IngestError` naming the file and line; with
    ``skip_bad`` they are appended to ``skipped`` instead. A file that yields no paper at all
    is an error either way.
    """
    path = Path(path)
    parser = _parser_for(path, format)
    ctx = ParseContext(path, skip_bad=skip_bad, listing_year=listing_year, format=format)
    count = 0
    try:
        for paper in parser.parse(ctx):
            count += 1
            yield paper
    finally:
        if skipped is not None:
            skipped.extend(ctx.skipped)
    if count == 0:
        detail = f" ({len(ctx.skipped)} bad records skipped)" if ctx.skipped else ""
        raise IngestError(path, f"no papers found{detail}")
