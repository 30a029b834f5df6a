"""Papers and their mentions into graph rows, merged with what the store already holds.

``ingest()`` is the library behind ``kg ingest``: read every file first (so bad input aborts
before anything is written), merge duplicate papers, extract, upsert, commit once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, cast

from kg.aliases import AliasTable
from kg.errors import IngestError
from kg.ids import entity_id, normalise_title, slug
from kg.model import Label, Mention, Node, Paper, RelType
from kg.proposals import demote_later_proposals
from kg.store.base import GraphStore, Stats

REL_FOR_MENTION: dict[tuple[Label, str | None], RelType] = {
    (Label.METHOD, "proposed"): RelType.PROPOSES,
    (Label.METHOD, "used"): RelType.USES,
    (Label.DATASET, "proposed"): RelType.INTRODUCES,
    (Label.DATASET, "used"): RelType.EVALUATES_ON,
    (Label.MODEL, None): RelType.MENTIONS,
    (Label.TASK, None): RelType.ADDRESSES,
    (Label.METRIC, None): RelType.REPORTS,
    (Label.REPO, None): RelType.HAS_CODE,
}
_LIST_PROPS = ("aliases", "sources")


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two records of one paper that disagree: the newer was kept whole, the older dropped."""

    paper: str
    older: str
    newer: str
    fields: tuple[str, ...]

    def __str__(self) -> str:
        return (
            f"paper {self.paper}: {self.older} and {self.newer} differ in {' and '.join(self.fields)}; "
            f"kept {self.newer}"
        )


def conflicting_fields(older: Paper, newer: Paper) -> tuple[str, ...]:
    """The fields two records of one paper disagree on: a title, or an abstract, that both have
    and that differ once case, punctuation and spacing are ignored (an abstract that is the start
    of the other, as a listing cut short, does not conflict)."""
    differ: list[str] = []
    if older.title and newer.title and normalise_title(older.title) != normalise_title(newer.title):
        differ.append("title")
    if older.abstract and newer.abstract:
        old_key, new_key = normalise_title(older.abstract), normalise_title(newer.abstract)
        if not (old_key.startswith(new_key) or new_key.startswith(old_key)):
            differ.append("abstract")
    return tuple(differ)


def combine(older: Paper, newer: Paper, conflicts: dict[str, Conflict] | None = None) -> Paper:
    """The same paper seen twice: the richest value of every field (:meth:`Paper.merge`), or,
    when the two conflict, the newer record whole (keeping a known arXiv id), noted in
    ``conflicts`` under the kept paper's id."""
    differ = conflicting_fields(older, newer)
    if not differ:
        return older.merge(newer)
    kept = replace(newer, arxiv_id=newer.arxiv_id or older.arxiv_id)
    if conflicts is not None:
        older_source = ", ".join(older.sources) or "the graph"
        conflict = Conflict(kept.id, older_source, ", ".join(newer.sources) or "?", differ)
        conflicts.pop(older.id, None)
        conflicts[kept.id] = conflict
    return kept


@dataclass
class IngestReport:
    """What one ingest did: papers read, new and merged, what was skipped, and counts."""

    files: int = 0
    records: int = 0
    papers: int = 0
    new_papers: int = 0
    merged_papers: int = 0
    skipped: list[IngestError] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    found_entities: dict[str, int] = field(default_factory=dict)
    found_edges: dict[str, int] = field(default_factory=dict)
    before: Stats | None = None
    after: Stats | None = None

    def as_dict(self) -> dict[str, Any]:
        assert self.before is not None and self.after is not None
        return {
            "files": self.files,
            "records": self.records,
            "papers": self.papers,
            "new_papers": self.new_papers,
            "merged_papers": self.merged_papers,
            "skipped": len(self.skipped),
            "conflicts": len(self.conflicts),
            "found": {"entities": self.found_entities, "edges": self.found_edges},
            "new": {
                "nodes": {k: v - self.before.nodes[k] for k, v in self.after.nodes.items()},
                "edges": {k: v - self.before.edges[k] for k, v in self.after.edges.items()},
            },
            "total": self.after.as_dict(),
        }


def merge_duplicates(papers: Iterable[Paper], conflicts: dict[str, Conflict] | None = None) -> list[Paper]:
    """One paper per arXiv id or normalised title, first-seen order: the richest fields kept, or
    the newer record whole when two conflict (see :func:`combine`; noted in ``conflicts``)."""
    by_key: dict[str, Paper] = {}
    title_to_key: dict[str, str] = {}
    for paper in papers:
        title_key = normalise_title(paper.title)
        key = paper.arxiv_id or title_to_key.get(title_key) or f"title:{title_key}"
        if paper.arxiv_id and f"title:{title_key}" in by_key:
            # The arXiv id arrives after the title: re-key what we had under it.
            by_key[key] = by_key.pop(f"title:{title_key}")
        title_to_key.setdefault(title_key, key)
        if paper.arxiv_id:
            title_to_key[title_key] = key
        by_key[key] = combine(by_key[key], paper, conflicts) if key in by_key else paper
    return list(by_key.values())


def paper_row(paper: Paper) -> dict[str, Any]:
    """A Paper node's properties (lists of scalars only, dates as ISO strings)."""
    row: dict[str, Any] = {"id": paper.id, "title_key": normalise_title(paper.title)}
    for f in fields(paper):
        value = getattr(paper, f.name)
        row[f.name] = list(value) if isinstance(value, tuple) else value
    return row


def _paper_from_node(node: Node) -> Paper:
    known = {f.name for f in fields(Paper)}
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in node.props.items() if k in known}
    return Paper(**cast(dict[str, Any], values))


def _resolve_existing(
    store: GraphStore, papers: Sequence[Paper], conflicts: dict[str, Conflict] | None = None
) -> tuple[list[Paper], int]:
    """Merge incoming papers into the stored ones (by id, then title); returns (merged, n_existing)."""
    by_title = store.find_nodes(Label.PAPER, "title_key", {normalise_title(p.title) for p in papers})
    ids = {p.id for p in papers} | set(by_title.values())
    stored = store.get_nodes(Label.PAPER, ids)
    merged: list[Paper] = []
    existing = 0
    for paper in papers:
        old_id = paper.id if paper.id in stored else by_title.get(normalise_title(paper.title))
        if old_id is None:
            merged.append(paper)
            continue
        existing += 1
        combined = combine(_paper_from_node(stored[old_id]), paper, conflicts)
        if combined.id != old_id:
            store.rename_node(Label.PAPER, old_id, combined.id)
        merged.append(combined)
    return merged, existing


def graph_rows(
    paper: Paper, mentions: Iterable[Mention]
) -> tuple[dict[Label, dict[str, dict[str, Any]]], dict[RelType, list[tuple[str, str, dict[str, Any]]]]]:
    """Entity node rows and paper edges for one paper's mentions (first mention is the evidence)."""
    nodes: dict[Label, dict[str, dict[str, Any]]] = defaultdict(dict)
    edges: dict[tuple[RelType, str, str], dict[str, Any]] = {}
    for mention in sorted(mentions, key=lambda m: (m.start, m.end)):
        node_id = mention.node_id
        row = nodes[mention.label].setdefault(node_id, {"id": node_id, "name": mention.name, "aliases": []})
        row.update(dict(mention.attrs))
        row["aliases"] = sorted(set(row["aliases"]) | set(mention.aliases))
        attrs = dict(mention.attrs)
        if mention.label is Label.MODEL and attrs.get("family"):
            family_id = f"{Label.MODEL_FAMILY.id_prefix}:{attrs.get('family_id') or slug(attrs['family'])}"
            nodes[Label.MODEL_FAMILY].setdefault(
                family_id, {"id": family_id, "name": attrs["family"], "aliases": []}
            )
            edges.setdefault((RelType.IN_FAMILY, node_id, family_id), {"extractor": mention.extractor})
        rel = REL_FOR_MENTION[(mention.label, mention.role)]
        edge = edges.get((rel, paper.id, node_id))
        if edge is None:
            edges[(rel, paper.id, node_id)] = {
                "evidence": mention.sentence.sentence,
                "sentence_start": mention.sentence.start,
                "start": mention.start,
                "end": mention.end,
                "surface": paper.text[mention.start : mention.end],
                "extractor": mention.extractor,
                "confidence": mention.confidence,
                "role": mention.role,
                "mentions": 1,
            }
        elif rel is not RelType.IN_FAMILY:
            edge["mentions"] += 1
            edge["confidence"] = max(edge["confidence"], mention.confidence)
    by_rel: dict[RelType, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
    for (rel, source, target), props in edges.items():
        by_rel[rel].append((source, target, props))
    return nodes, by_rel


def _merge_entity_rows(
    store: GraphStore, label: Label, rows: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """Union list properties (aliases) with the stored node's, so upserts never lose any."""
    stored = store.get_nodes(label, rows)
    for node_id, row in rows.items():
        if node_id in stored:
            for prop in _LIST_PROPS:
                if prop in row:
                    row[prop] = sorted(set(row[prop]) | set(stored[node_id].props.get(prop, [])))
    return [rows[k] for k in sorted(rows)]


def stored_aliases(store: GraphStore) -> AliasTable:
    """Short forms the graph already knows, so new papers that only use them link to them."""
    table = AliasTable()
    for label in (Label.METHOD, Label.DATASET, Label.TASK, Label.METRIC):
        for node in store.iter_nodes(label):
            key = node.id.split(":", 1)[1]
            table.learn(label, key, str(node.props.get("name", key)), node.props.get("aliases") or [])
    return table


def load_papers(
    store: GraphStore,
    papers: Sequence[Paper],
    *,
    on_progress: Callable[[int, int], None] | None = None,
    conflicts: dict[str, Conflict] | None = None,
    workers: int = 1,
) -> tuple[int, dict[str, int], dict[str, int]]:
    """Extract and upsert ``papers``; returns (already stored, entities found, edges found).

    A paper that conflicts with its stored record replaces it (noted in ``conflicts``)."""
    from kg.pipeline import extract

    papers, existing = _resolve_existing(store, papers, conflicts)
    store.upsert_nodes(Label.PAPER, (paper_row(p) for p in papers))
    rows = _Rows()
    found = extract(papers, aliases=stored_aliases(store), workers=workers)
    for done, (paper, mentions) in enumerate(found, start=1):
        rows.add(paper, mentions)
        if on_progress is not None:
            on_progress(done, len(papers))
    rows.write(store, papers)
    return existing, rows.found_nodes(), rows.found_edges()


class _Rows:
    """Entity node rows and edges gathered from papers' mentions, written in one go."""

    def __init__(self) -> None:
        self.nodes: dict[Label, dict[str, dict[str, Any]]] = defaultdict(dict)
        self.edges: dict[RelType, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)

    def add(self, paper: Paper, mentions: Iterable[Mention], paper_id: str | None = None) -> None:
        """One paper's rows (its edges from ``paper_id`` when the stored paper has another id)."""
        paper_nodes, paper_edges = graph_rows(paper, mentions)
        for label, rows in paper_nodes.items():
            known = self.nodes[label]
            for node_id, row in rows.items():
                if node_id in known:
                    row["aliases"] = sorted(set(row["aliases"]) | set(known[node_id]["aliases"]))
                known[node_id] = row
        for rel, rel_rows in paper_edges.items():
            if paper_id is not None and paper_id != paper.id:
                rel_rows = [(paper_id if s == paper.id else s, t, props) for s, t, props in rel_rows]
            self.edges[rel].extend(rel_rows)

    def write(self, store: GraphStore, papers: Sequence[Paper]) -> None:
        """Demote later proposals, add authors, upsert the entity nodes, then the edges."""
        demote_later_proposals(store, papers, self.edges)
        _add_concepts(papers, self.nodes, self.edges)
        authors = _author_rows(papers)
        if authors:
            self.nodes[Label.AUTHOR].update(authors[0])
            self.edges[RelType.WROTE].extend(authors[1])
        for label, rows in self.nodes.items():
            store.upsert_nodes(label, _merge_entity_rows(store, label, rows))
        for rel, rel_rows in self.edges.items():
            store.upsert_edges(rel, rel_rows)

    def found_nodes(self) -> dict[str, int]:
        return {label.value: len(rows) for label, rows in self.nodes.items() if rows}

    def found_edges(self) -> dict[str, int]:
        return {rel.value: len({(s, t) for s, t, _ in rows}) for rel, rows in self.edges.items() if rows}


EXTRACTED_BATCH = 5_000
"""Papers of extracted records written to the store at a time (bounds the loader's memory)."""


@dataclass
class _Found:
    """Distinct entities and edges found over several batches."""

    nodes: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    edges: dict[str, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))

    def add(self, rows: _Rows) -> None:
        for label, found in rows.nodes.items():
            self.nodes[label.value].update(found)
        for rel, edges in rows.edges.items():
            self.edges[rel.value].update((s, t) for s, t, _ in edges)

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        return (
            {k: len(v) for k, v in self.nodes.items() if v},
            {k: len(v) for k, v in self.edges.items() if v},
        )


def load_extracted(
    store: GraphStore,
    records: Iterable[tuple[Paper, list[Mention]]],
    *,
    batch_size: int = EXTRACTED_BATCH,
    conflicts: dict[str, Conflict] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> Loaded:
    """Upsert papers extracted elsewhere (``kg extract`` records), streamed in batches.

    Returns what was read and found (:class:`Loaded`). A record of a
    paper already stored or earlier in the stream is merged into it as ``kg ingest`` merges
    duplicates (:func:`combine`); its edges keep the offsets into its own text.
    """
    found = _Found()
    counts = [0, 0]  # records, already stored (or earlier in the stream)
    ids: set[str] = set()
    batch: list[tuple[Paper, list[Mention]]] = []
    keys: set[str] = set()

    def flush() -> None:
        if batch:
            rows, existing, stored = _load_batch(store, batch, conflicts)
            found.add(rows)
            counts[1] += existing
            ids.update(stored)
            batch.clear()
            keys.clear()
            if on_progress is not None:
                on_progress(counts[0], 0)

    for paper, mentions in records:
        counts[0] += 1
        paper_keys = {paper.id, f"title:{normalise_title(paper.title)}"}
        if paper.arxiv_id:
            paper_keys.add(paper.arxiv_id)
        if keys & paper_keys or len(batch) >= batch_size:
            flush()  # a paper seen earlier in this batch is merged against the store
        batch.append((paper, mentions))
        keys |= paper_keys
    flush()
    nodes, edges = found.counts()
    papers = len(store.get_nodes(Label.PAPER, ids))  # a paper re-keyed later counts once
    return Loaded(counts[0], papers, counts[1], nodes, edges)


@dataclass(frozen=True, slots=True)
class Loaded:
    """What :func:`load_extracted` read: records, distinct papers, papers already stored (or
    earlier in the stream), and the distinct entities and edges found by type."""

    records: int
    papers: int
    existing: int
    entities: dict[str, int]
    edges: dict[str, int]


def _load_batch(
    store: GraphStore, batch: Sequence[tuple[Paper, list[Mention]]], conflicts: dict[str, Conflict] | None
) -> tuple[_Rows, int, list[str]]:
    """Write one batch of extracted papers; returns its rows, how many were already stored and
    the stored papers' ids."""
    merged, existing = _resolve_existing(store, [paper for paper, _ in batch], conflicts)
    store.upsert_nodes(Label.PAPER, (paper_row(p) for p in merged))
    rows = _Rows()
    for (paper, mentions), stored in zip(batch, merged, strict=True):
        rows.add(paper, mentions, stored.id)
    rows.write(store, merged)
    return rows, existing, [p.id for p in merged]


def _add_concepts(
    papers: Sequence[Paper],
    nodes: dict[Label, dict[str, dict[str, Any]]],
    edges: dict[RelType, list[tuple[str, str, dict[str, Any]]]],
) -> None:
    """Concepts and topics (kg.concepts): Concept nodes and weighted ABOUT edges of the papers."""
    from kg.concepts.rows import concept_rows

    concept_nodes, about = concept_rows(papers)
    if concept_nodes:
        nodes[Label.CONCEPT].update(concept_nodes)
        edges[RelType.ABOUT].extend(about)


def _author_rows(
    papers: Iterable[Paper],
) -> tuple[dict[str, dict[str, Any]], list[tuple[str, str, dict[str, Any]]]] | None:
    rows: dict[str, dict[str, Any]] = {}
    wrote: list[tuple[str, str, dict[str, Any]]] = []
    for paper in papers:
        for position, name in enumerate(paper.authors, start=1):
            node_id = entity_id(Label.AUTHOR.id_prefix, name)
            rows.setdefault(node_id, {"id": node_id, "name": name, "aliases": []})
            wrote.append((node_id, paper.id, {"position": position}))
    return (rows, wrote) if rows else None


def ingest(
    store: GraphStore,
    paths: Sequence[str | Path],
    *,
    format: str | None = None,
    skip_bad: bool = False,
    workers: int = 1,
    on_read: Callable[[Path, int], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    listing_year: int | None = None,
) -> IngestReport:
    """Read ``paths``, merge duplicates, extract entities, upsert into ``store`` and commit.

    Listings are read whole before anything is written and extracted (``workers`` processes);
    ``kg extract`` output (:mod:`kg.extracted`) is loaded without extracting again, streamed in
    batches. A bad record aborts before the commit: the stored graph is untouched.
    """
    from kg.extracted import is_extracted
    from kg.ingest import read_papers

    report = IngestReport(before=store.stats())
    read: list[Paper] = []
    extracted: list[Path] = []
    for path in paths:
        if format is None and is_extracted(Path(path)):
            extracted.append(Path(path))
            continue
        count = 0
        for paper in read_papers(
            path, format, skip_bad=skip_bad, skipped=report.skipped, listing_year=listing_year
        ):
            read.append(paper)
            count += 1
        report.files += 1
        if on_read is not None:
            on_read(Path(path), count)
    conflicts: dict[str, Conflict] = {}
    if read:
        papers = merge_duplicates(read, conflicts)
        report.records = len(read)
        report.papers = len(papers)
        existing, report.found_entities, report.found_edges = load_papers(
            store, papers, on_progress=on_progress, conflicts=conflicts, workers=workers
        )
        report.new_papers = len(papers) - existing
    if extracted:
        records = (pair for path in extracted for pair in _read_counted(path, skip_bad, report, on_read))
        loaded = load_extracted(store, records, conflicts=conflicts)
        report.records += loaded.records
        report.papers += loaded.papers
        report.new_papers += loaded.records - loaded.existing
        report.found_entities = _add_counts(report.found_entities, loaded.entities)
        report.found_edges = _add_counts(report.found_edges, loaded.edges)
    report.conflicts = list(conflicts.values())
    report.merged_papers = report.records - report.new_papers
    store.commit()
    build_engine = getattr(store, "build_engine", None)
    if build_engine is not None:  # the embedded store: readers answer from it at once
        build_engine()
    report.after = store.stats()
    return report


def _read_counted(
    path: Path, skip_bad: bool, report: IngestReport, on_read: Callable[[Path, int], None] | None
) -> Iterator[tuple[Paper, list[Mention]]]:
    """The records of one ``kg extract`` file, counted into ``report`` once read."""
    from kg.extracted import read_extracted

    count = 0
    for pair in read_extracted(path, skip_bad=skip_bad, skipped=report.skipped):
        count += 1
        yield pair
    report.files += 1
    if on_read is not None:
        on_read(path, count)


def _add_counts(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    """Counts of two loads together (an entity found by both is counted twice: rare and harmless)."""
    return {k: a.get(k, 0) + b.get(k, 0) for k in sorted(a.keys() | b.keys())}
