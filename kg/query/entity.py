"""``kg entity NAME``: everything the graph says about one entity of any type.

Who proposed it and when, every paper that uses, evaluates on, addresses, reports or mentions it
(with the evidence sentence), and the entities it most often appears with. Read through the store
interface (one ``neighbourhood`` call), so both stores answer alike and no Cypher is built from
the name.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from kg.errors import NotFoundError
from kg.model import Edge, Label, Node, RelType
from kg.query.finder import display_name
from kg.resolve_node import ENTITY_LABELS, kind_name, resolve_entity_node
from kg.store.base import GraphStore

TYPES: dict[str, Label] = {
    "method": Label.METHOD,
    "dataset": Label.DATASET,
    "task": Label.TASK,
    "model": Label.MODEL,
    "family": Label.MODEL_FAMILY,
    "metric": Label.METRIC,
    "repo": Label.REPO,
}
"""The types ``kg entity --type`` takes and their labels."""
RELATIONS: dict[RelType, str] = {
    RelType.PROPOSES: "proposes",
    RelType.USES: "uses",
    RelType.INTRODUCES: "introduces",
    RelType.EVALUATES_ON: "evaluates on",
    RelType.ADDRESSES: "addresses",
    RelType.REPORTS: "reports",
    RelType.MENTIONS: "mentions",
    RelType.HAS_CODE: "links",
}
"""How a paper relates to an entity, in words."""
COOCCURRING = 5
"""How many co-occurring entities of each type a report lists by default."""
_ORIGIN = (RelType.PROPOSES, RelType.INTRODUCES)
_COUNTED = (Label.METHOD, Label.DATASET, Label.TASK, Label.MODEL_FAMILY, Label.MODEL, Label.METRIC)


def resolve_typed(store: GraphStore, name: str, kind: str | None = None) -> Node:
    """The entity called ``name`` (of type ``kind`` if given); a miss under one type names the
    type the name exists under (``no method named 'MMLU'; MMLU is a dataset (dataset:mmlu)``)."""
    from kg.resolve_names import elsewhere_hint

    if kind is None:
        return resolve_entity_node(store, name)
    if kind not in TYPES:
        raise NotFoundError(f"unknown entity type {kind!r}; the types are {', '.join(TYPES)}")
    try:
        return resolve_entity_node(store, name, [TYPES[kind]], suggest=False)
    except NotFoundError:
        hint = elsewhere_hint(store, name.strip(), TYPES[kind])
        raise NotFoundError(f"no {kind_name(TYPES[kind])} named {name.strip()!r}{hint}") from None


def entity_report(
    store: GraphStore, name: str, *, kind: str | None = None, cooccurring: int = COOCCURRING
) -> dict[str, Any]:
    """Who proposed the entity and when, the papers that use it (evidence included), and the
    ``cooccurring`` entities of each type that share the most papers with it.

    A model family's papers are those mentioning any of its models.
    """
    node = resolve_typed(store, name, kind)
    hops = 3 if node.label is Label.MODEL_FAMILY else 2
    sub = store.neighbourhood(node.id, hops=hops)
    nodes = {n.id: n for n in sub.nodes}
    targets = {node.id}
    if node.label is Label.MODEL_FAMILY:
        targets |= {e.source for e in sub.edges if e.type is RelType.IN_FAMILY and e.target == node.id}
    links = [e for e in sub.edges if e.target in targets and nodes[e.source].label is Label.PAPER]
    papers = sorted({e.source for e in links}, key=lambda p: (_date(nodes[p]) or "9999", p))
    rows = [_paper_row(nodes, edge, node) for edge in links]
    rows.sort(key=lambda r: (r["date"] or "9999", r["paper"], r["relation"], r["via"] or ""))
    origin = [r for r in rows if r["role"] == "proposed" or r["relation"] in ("proposes", "introduces")]
    return {
        "entity": {
            "id": node.id,
            "type": node.label.value,
            "name": display_name(node),
            "aliases": list(node.props.get("aliases") or []),
            "papers": len(papers),
            "first": _date(nodes[papers[0]]) if papers else None,
            "last": max((d for p in papers if (d := _date(nodes[p]))), default=None),
        },
        "proposed_by": origin,
        "papers": [r for r in rows if r not in origin],
        "cooccurring": _cooccurring(sub.edges, nodes, set(papers), node, targets, cooccurring),
    }


def _date(paper: Node) -> str | None:
    return paper.props.get("published") or paper.props.get("listed")


def _paper_row(nodes: dict[str, Node], edge: Edge, entity: Node) -> dict[str, Any]:
    paper = nodes[edge.source]
    return {
        "date": _date(paper),
        "paper": paper.id,
        "title": paper.props.get("title"),
        "relation": RELATIONS.get(edge.type, edge.type.value.lower()),
        "role": edge.props.get("role"),
        "via": display_name(nodes[edge.target]) if edge.target != entity.id else None,
        "evidence": edge.props.get("evidence"),
    }


def _cooccurring(
    edges: list[Edge], nodes: dict[str, Node], papers: set[str], entity: Node, own: set[str], per_type: int
) -> list[dict[str, Any]]:
    """Other entities linked to the entity's papers, the ``per_type`` sharing most papers per type."""
    shared: dict[str, set[str]] = defaultdict(set)
    family_of: dict[str, set[str]] = defaultdict(set)
    for edge in edges:
        if edge.type is RelType.IN_FAMILY:
            family_of[edge.source].add(edge.target)
    for edge in edges:
        if edge.source in papers and edge.target not in own and nodes[edge.target].label in _COUNTED:
            shared[edge.target].add(edge.source)
            for family in family_of.get(edge.target, ()):
                if family != entity.id and family in nodes:
                    shared[family].add(edge.source)
    by_type: dict[Label, list[dict[str, Any]]] = defaultdict(list)
    for other, with_papers in shared.items():
        node = nodes[other]
        by_type[node.label].append(
            {"type": node.label.value, "name": display_name(node), "id": other, "papers": len(with_papers)}
        )
    out: list[dict[str, Any]] = []
    for label in ENTITY_LABELS:
        ranked = sorted(by_type.get(label, []), key=lambda r: (-r["papers"], r["id"]))
        out += ranked[:per_type]
    return out
