"""Find anything by name: ranked fuzzy search over paper titles and every entity's name and aliases.

Only the store interface is read (``iter_nodes``, ``iter_edges``), so both stores answer alike and
no Cypher is built from the text. The ranking (:func:`score`) puts an exact name first, then a name
starting with the text, then one holding it as whole words, then as a substring, then fuzzy
matches (rapidfuzz's ratio, token-set ratio or 0.9 of its partial ratio, over case-folded text);
ties go to the node with more papers, then to the smaller id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from kg.errors import KGError
from kg.ids import fold
from kg.model import Label, Node, RelType
from kg.store.base import GraphStore

FUZZY_CUTOFF = 75.0
"""Fuzzy matches scoring below this (0-100) are not hits."""
PARTIAL_WEIGHT = 0.9
"""A match of the text against part of a longer name counts this much of a whole match."""
PARTIAL_MIN = 4
"""Texts shorter than this are not matched against parts of names."""
MAX_TEXT = 200
"""Characters of search text at most (longer text is refused: no name is this long)."""
SEARCHED: tuple[Label, ...] = (
    Label.PAPER,
    Label.METHOD,
    Label.DATASET,
    Label.MODEL,
    Label.MODEL_FAMILY,
    Label.TASK,
    Label.METRIC,
    Label.REPO,
    Label.AUTHOR,
)
"""The labels :func:`find` searches by default."""


class SearchError(KGError):
    """Search text that cannot be searched (empty, or longer than any name)."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class Hit:
    """One node found: what matched and how well."""

    node: Node
    matched: str
    score: float
    papers: int

    @property
    def name(self) -> str:
        """The node's display name: a paper's title, an entity's name."""
        return display_name(self.node)

    def row(self) -> dict[str, Any]:
        """The hit as an output row."""
        return {
            "type": self.node.label.value,
            "name": self.name,
            "papers": self.papers,
            "id": self.node.id,
            "matched": self.matched,
            "score": round(self.score, 1),
        }


def display_name(node: Node) -> str:
    """A paper's title, an entity's name, or its id when it has neither."""
    return str(node.props.get("title") or node.props.get("name") or node.id)


def names_of(node: Node) -> list[str]:
    """Every text a node can be found by: title or name, aliases, a repo's URL."""
    texts = [display_name(node), *(str(a) for a in node.props.get("aliases") or [])]
    if node.label is Label.REPO and node.props.get("url"):
        texts.append(str(node.props["url"]))
    if node.label is Label.PAPER and node.props.get("arxiv_id"):
        texts.append(str(node.props["arxiv_id"]))
    return [t for t in dict.fromkeys(texts) if t]


def score(query: str, text: str) -> float:
    """How well ``text`` matches ``query`` (both case-folded), 0-100 (100 + bonus tiers above).

    Tiers: 400 exact, 300 prefix, 200 whole words inside, 150 substring, else the fuzzy ratio.
    Within a tier a shorter text ranks higher (it is closer to the query).
    """
    from rapidfuzz import fuzz

    if not query or not text:
        return 0.0
    closeness = 100.0 * len(query) / max(len(text), len(query))
    if text == query:
        return 400.0
    if text.startswith(query):
        return 300.0 + closeness / 2
    padded = f" {_words(text)} "
    if f" {_words(query)} " in padded:
        return 200.0 + closeness / 2
    if query in text:
        return 150.0 + closeness / 2
    if len(text) < len(query):  # a short name inside a long query is no partial match
        return float(fuzz.ratio(query, text))
    whole = max(fuzz.ratio(query, text), fuzz.token_set_ratio(query, text))
    # A misspelt word inside a longer name ("distilation" in "knowledge distillation"), discounted.
    part = PARTIAL_WEIGHT * fuzz.partial_ratio(query, text) if len(query) >= PARTIAL_MIN else 0.0
    return float(max(whole, part))


def paper_counts(store: GraphStore) -> Counter[str]:
    """How many papers each non-paper node is linked to (a family: through its models)."""
    by_node: dict[str, set[str]] = {}
    family_of: dict[str, set[str]] = {}
    for rel in RelType:
        for edge in store.iter_edges(rel):
            if rel is RelType.IN_FAMILY:
                family_of.setdefault(edge.source, set()).add(edge.target)
            elif rel is RelType.WROTE:
                by_node.setdefault(edge.source, set()).add(edge.target)
            else:
                by_node.setdefault(edge.target, set()).add(edge.source)
    for model, families in family_of.items():
        for family in families:
            by_node.setdefault(family, set()).update(by_node.get(model, set()))
    return Counter({node_id: len(papers) for node_id, papers in by_node.items()})


def find(
    store: GraphStore,
    text: str,
    *,
    labels: Sequence[Label] = SEARCHED,
    limit: int | None = 20,
    cutoff: float = FUZZY_CUTOFF,
) -> list[Hit]:
    """The nodes of ``labels`` whose title, name or an alias best match ``text``, best first."""
    query = fold(text)
    if not query:
        raise SearchError("search text cannot be empty")
    if len(query) > MAX_TEXT:
        raise SearchError(f"search text is {len(query):,} characters; at most {MAX_TEXT} are searched")
    hits = rank(query, _all_nodes(store, labels), cutoff=cutoff)
    counts = paper_counts(store)
    found = [
        Hit(node, matched, value, 1 if node.label is Label.PAPER else counts.get(node.id, 0))
        for node, matched, value in hits
    ]
    found.sort(key=lambda h: (-h.score, -h.papers, h.node.id))
    return found if limit is None else found[:limit]


def rank(query: str, nodes: Iterable[Node], *, cutoff: float = FUZZY_CUTOFF) -> list[tuple[Node, str, float]]:
    """Each node's best-matching text and its score, for the nodes scoring at least ``cutoff``."""
    out = []
    for node in nodes:
        best, matched = 0.0, ""
        for text in names_of(node):
            value = score(query, fold(text))
            if value > best:
                best, matched = value, text
        if best >= cutoff:
            out.append((node, matched, best))
    return out


def closest(store: GraphStore, text: str, labels: Sequence[Label], n: int = 3) -> list[Hit]:
    """The ``n`` best hits for ``text`` among ``labels`` (none for text too long to search)."""
    try:
        return find(store, text, labels=labels, limit=n)
    except SearchError:
        return []


def _all_nodes(store: GraphStore, labels: Sequence[Label]) -> Iterable[Node]:
    for label in labels:
        yield from store.iter_nodes(label)


def _words(text: str) -> str:
    """``text`` with every run of non-alphanumerics one space."""
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())
