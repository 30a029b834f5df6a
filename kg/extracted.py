"""Records ``kg extract --format jsonl`` printed, read back as papers and their mentions.

Extraction can then run elsewhere (another machine, many processes) and ``kg ingest`` loads its
output without extracting again. A file is such output when its first record has the paper's
fields under ``paper`` and the six entity lists (``methods`` … ``repos``): see
:func:`kg.extraction.paper_entities`. Records are streamed one line at a time; a record that
does not hold what ``kg extract`` writes is a bad record naming the file and line.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, TypeGuard

from kg.errors import IngestError
from kg.extraction import PAPER_KEY, TYPE_KEYS
from kg.ingest.context import ParseContext, read_head
from kg.ingest.source import Source
from kg.model import Evidence, Label, Mention, Paper

FORMAT = "kg-extract"


def is_extracted(path: Path) -> bool:
    """Whether ``path`` is ``kg extract`` JSONL output (judged from its first record)."""
    if path.is_dir():
        return False
    try:
        head = read_head(path)
    except IngestError:
        return False
    first = head.lstrip("\ufeff \t\r\n").partition("\n")[0]
    if not first.startswith("{"):
        return False
    try:
        record = json.loads(first)
    except ValueError:
        return False
    return isinstance(record, dict) and looks_extracted(record)


def looks_extracted(record: Mapping[str, Any]) -> bool:
    """A record with the paper under ``paper`` and every entity list of ``kg extract``."""
    return isinstance(record.get(PAPER_KEY), dict) and all(key in record for key in TYPE_KEYS.values())


def read_extracted(
    path: str | Path, *, skip_bad: bool = False, skipped: list[IngestError] | None = None
) -> Iterator[tuple[Paper, list[Mention]]]:
    """Each record of ``kg extract`` output as (paper, mentions), streamed in file order."""
    from kg.ingest.records import json_objects

    ctx = ParseContext(Path(path), skip_bad=skip_bad, format="jsonl")
    count = 0
    try:
        for line, record in json_objects(ctx):
            try:
                pair = record_mentions(record, partial(ctx.source, line))
            except _BadRecordError as exc:
                ctx.bad(line, f"not a kg extract record: {exc}")
                continue
            count += 1
            yield pair
    finally:
        if skipped is not None:
            skipped.extend(ctx.skipped)
    if count == 0:
        raise IngestError(path, "no papers found")


class _BadRecordError(Exception):
    pass


def record_mentions(record: Mapping[str, Any], source: Callable[[], Source]) -> tuple[Paper, list[Mention]]:
    """One ``kg extract`` record as the paper it was extracted from and its mentions. Its sources
    are the listing's the record carries; only a record without them is sourced to the extract
    file (``source()``: hashing that file costs a read of it, so only then)."""
    from kg.ingest.fields import RecordError
    from kg.ingest.records import record_paper

    if not looks_extracted(record):
        raise _BadRecordError(f"expected '{PAPER_KEY}' and the lists {', '.join(TYPE_KEYS.values())}")
    fields = record[PAPER_KEY]
    sources, keys = fields.get("sources"), fields.get("source_keys")
    listed = _strings(sources)
    try:
        paper = record_paper(fields, Source("", "") if listed else source())
    except RecordError as exc:
        raise _BadRecordError(str(exc)) from None
    if listed:  # where the paper was read, not the extract file
        paper = replace(paper, sources=tuple(sources), source_keys=tuple(keys) if _strings(keys) else ())
    mentions: list[Mention] = []
    try:
        for label, key in TYPE_KEYS.items():
            for entity in record[key]:
                mentions.extend(_mentions(paper, label, entity))
    except (KeyError, TypeError, ValueError) as exc:
        raise _BadRecordError(f"a malformed entity ({type(exc).__name__}: {exc})") from None
    return paper, mentions


def _strings(value: object) -> TypeGuard[list[str]]:
    return isinstance(value, list) and bool(value) and all(isinstance(s, str) for s in value)


def _mentions(paper: Paper, label: Label, entity: Mapping[str, Any]) -> Iterator[Mention]:
    """The mentions one entity of a record stands for (one per evidence item)."""
    name = str(entity.get("name") or entity["url"])  # a link's name is its URL
    key = entity["key"]
    if not isinstance(key, str) or not key:
        raise ValueError("an entity without its key")
    for item in entity["evidence"]:
        start, end = int(item["start"]), int(item["end"])
        if not 0 <= start <= end <= len(paper.text):
            raise ValueError(f"offsets {start}-{end} outside the paper's text")
        attrs = item.get("attrs") or {}
        yield Mention(
            label=label,
            name=name,
            key=key,
            start=start,
            end=end,
            sentence=Evidence(str(item["sentence"]), int(item["sentence_start"]), int(item["sentence_end"])),
            extractor=str(item["extractor"]),
            confidence=float(item["confidence"]),
            role=item.get("role"),
            aliases=tuple(str(a) for a in item.get("aliases") or ()),
            attrs=tuple((str(k), str(v)) for k, v in attrs.items()),
        )
