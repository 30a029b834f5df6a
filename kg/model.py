"""The graph schema in one place: papers, node labels, relationship types, nodes and edges.

Nodes and edges are plain values passed between the ingest/extraction side and the stores;
stores never see spaCy objects and extractors never see stores.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from typing import Any

from extractors.types import Evidence as Evidence
from extractors.types import Label as Label
from extractors.types import Mention as Mention
from kg.ids import paper_id


class RelType(StrEnum):
    """Relationship types, each from one label to another (see ``SCHEMA``)."""

    PROPOSES = "PROPOSES"
    USES = "USES"
    INTRODUCES = "INTRODUCES"
    EVALUATES_ON = "EVALUATES_ON"
    MENTIONS = "MENTIONS"
    IN_FAMILY = "IN_FAMILY"
    ADDRESSES = "ADDRESSES"
    REPORTS = "REPORTS"
    HAS_CODE = "HAS_CODE"
    WROTE = "WROTE"
    # Concepts and topics (kg.concepts).
    ABOUT = "ABOUT"
    IN_TOPIC = "IN_TOPIC"


SCHEMA: dict[RelType, tuple[Label, Label]] = {
    RelType.PROPOSES: (Label.PAPER, Label.METHOD),
    RelType.USES: (Label.PAPER, Label.METHOD),
    RelType.INTRODUCES: (Label.PAPER, Label.DATASET),
    RelType.EVALUATES_ON: (Label.PAPER, Label.DATASET),
    RelType.MENTIONS: (Label.PAPER, Label.MODEL),
    RelType.IN_FAMILY: (Label.MODEL, Label.MODEL_FAMILY),
    RelType.ADDRESSES: (Label.PAPER, Label.TASK),
    RelType.REPORTS: (Label.PAPER, Label.METRIC),
    RelType.HAS_CODE: (Label.PAPER, Label.REPO),
    RelType.WROTE: (Label.AUTHOR, Label.PAPER),
    RelType.ABOUT: (Label.PAPER, Label.CONCEPT),
    RelType.IN_TOPIC: (Label.PAPER, Label.TOPIC),
}


@dataclass(frozen=True, slots=True)
class Paper:
    """One paper as read from a listing. ``sources`` are where its records were read
    (``path:line``), ``source_keys`` the same records by content (``digest:line``, see
    :mod:`kg.ingest.source`): one source per key, however many paths it was read from.

    ``published`` and ``listed`` are ISO dates (``YYYY-MM-DD``) or ``None``.
    """

    title: str
    abstract: str = ""
    arxiv_id: str | None = None
    authors: tuple[str, ...] = ()
    author_count: int | None = None
    published: str | None = None
    listed: str | None = None
    upvotes: int | None = None
    url: str | None = None
    code_url: str | None = None
    categories: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    source_keys: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """The arXiv id when known, else a stable hash of the normalised title."""
        return paper_id(self.title, self.arxiv_id)

    @property
    def text(self) -> str:
        """The text extractors read; evidence offsets index into it."""
        return f"{self.title}\n{self.abstract}" if self.abstract else self.title

    def merge(self, other: Paper) -> Paper:
        """The same paper seen twice: keep the richest value of every field."""
        changes: dict[str, Any] = {}
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if f.name == "sources":
                changes["sources"], changes["source_keys"] = union_sources(self, other)
            elif f.name == "source_keys":
                continue
            elif f.name == "upvotes":
                changes[f.name] = max((v for v in (mine, theirs) if v is not None), default=None)
            elif (isinstance(mine, str) and isinstance(theirs, str)) or isinstance(mine, tuple):
                changes[f.name] = theirs if len(theirs) > len(mine) else mine
            else:
                changes[f.name] = mine if mine is not None else theirs
        return replace(self, **changes)


def union_sources(*papers: Paper) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The sources of records of one paper, first seen first: (sources, keys). A source whose
    key (the same content read from another path) or whose ``path:line`` (a file changed since)
    is known already adds nothing. A source without a key (a graph written before keys) is keyed
    by itself."""
    by_key: dict[str, str] = {}
    for paper in papers:
        keys = paper.source_keys + paper.sources[len(paper.source_keys) :]
        for key, where in zip(keys, paper.sources, strict=False):
            if key not in by_key and where not in by_key.values():
                by_key[key] = where
    return tuple(by_key.values()), tuple(by_key)


@dataclass(slots=True)
class Node:
    """A node: its id, label and properties (scalars and lists of scalars only)."""

    id: str
    label: Label
    props: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Edge:
    """A directed, typed edge; at most one edge of a type between two nodes."""

    source: str
    target: str
    type: RelType
    props: dict[str, Any] = field(default_factory=dict)
