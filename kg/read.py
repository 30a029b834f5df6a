"""Reads behind ``kg papers`` and ``kg show``, over any :class:`~kg.store.base.GraphStore`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kg.errors import NotFoundError
from kg.ids import normalise_title, parse_arxiv_id
from kg.model import Label, Node, RelType
from kg.store.base import GraphStore

MAX_REF = 2_000
"""Characters in a paper reference (an id, an arXiv id or URL, a title) at most."""


def resolve_paper(store: GraphStore, ref: str) -> Node:
    """The paper named by an id, an arXiv id (or abs URL) or an exact title (case-insensitive)."""
    ref = ref.strip()
    if len(ref) > MAX_REF:  # no id, URL or title is this long (and the arXiv id scan is quadratic)
        raise NotFoundError(f"no paper with id, arXiv id or title {ref[:80]!r}… ({len(ref):,} characters)")
    candidates = [ref]
    if (arxiv := parse_arxiv_id(ref)) is not None:
        candidates.append(arxiv)
    found = store.get_nodes(Label.PAPER, candidates)
    for candidate in candidates:
        if candidate in found:
            return found[candidate]
    if arxiv is not None and (by_arxiv := store.find_nodes(Label.PAPER, "arxiv_id", [arxiv])):
        return store.get_nodes(Label.PAPER, by_arxiv.values())[by_arxiv[arxiv]]
    key = normalise_title(ref)
    if key and (by_title := store.find_nodes(Label.PAPER, "title_key", [key])):
        return store.get_nodes(Label.PAPER, by_title.values())[by_title[key]]
    raise NotFoundError(f"no paper with id, arXiv id or title {ref!r}")


_LISTED = ("published", "listed", "title", "upvotes")


def list_papers(
    store: GraphStore,
    *,
    has_code: bool = False,
    limit: int | None = None,
    since: str | None = None,
    until: str | None = None,
    search: str | None = None,
) -> list[dict[str, Any]]:
    """Papers, newest first by date (published, else listed; undated last): id, date, title,
    upvotes and their code/model/data links.

    ``since``/``until`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) keep papers dated within them,
    compared at the precision given; ``search`` keeps papers whose title or abstract holds
    every one of its words (case-insensitive).
    """
    from kg.ids import fold

    newest = getattr(store, "newest_papers", None)
    if newest is not None and limit is not None and not (since or until or search):
        return _newest(store, newest, has_code=has_code, limit=limit)
    rows: list[dict[str, Any]] = []
    links_of: dict[str, list[str]] = {}
    for edge in store.iter_edges(RelType.HAS_CODE):  # ordered by (source, target)
        links_of.setdefault(edge.source, []).append(edge.props.get("surface") or edge.target)
    words = fold(search or "").split()
    papers = []
    props = (*_LISTED, "abstract") if words else _LISTED
    for node in store.iter_node_props(Label.PAPER, props):  # ordered by id; the sort below is stable
        date = node.props.get("published") or node.props.get("listed") or ""
        if (since and (not date or date[: len(since)] < since)) or (
            until and (not date or date[: len(until)] > until)
        ):
            continue
        if words:
            text = fold(f"{node.props.get('title') or ''} {node.props.get('abstract') or ''}")
            if not all(word in text for word in words):
                continue
        papers.append((date, node))
    papers.sort(key=lambda pair: pair[0], reverse=True)
    for date, node in papers:
        links = links_of.get(node.id, [])
        if has_code and not links:
            continue
        rows.append(_listed(node, date, links))
        if limit is not None and len(rows) >= limit:
            break
    return rows


def _listed(node: Node, date: str, links: list[str]) -> dict[str, Any]:
    return {
        "id": node.id,
        "date": date or None,
        "published": node.props.get("published"),
        "listed": node.props.get("listed"),
        "title": node.props.get("title"),
        "upvotes": node.props.get("upvotes"),
        "links": links,
    }


def _date(node: Node) -> str:
    return str(node.props.get("published") or node.props.get("listed") or "")


def _newest(
    store: GraphStore, newest: Callable[..., list[Node]], *, has_code: bool, limit: int
) -> list[dict[str, Any]]:
    """:func:`list_papers` with only a limit, on a store that sorts (the embedded engine): the
    newest papers asked of it, instead of reading every paper."""
    rows = []
    for node in newest(limit, has_code=has_code):
        code = [e for e in store.edges_of(node.id) if e.type is RelType.HAS_CODE and e.source == node.id]
        rows.append(_listed(node, _date(node), [e.props.get("surface") or e.target for e in code]))
    return rows


def paper_details(store: GraphStore, ref: str) -> dict[str, Any]:
    """Everything known about a paper: its fields and every edge with evidence."""
    paper = resolve_paper(store, ref)
    edges = store.edges_of(paper.id)
    others = {e.source if e.target == paper.id else e.target for e in edges}
    nodes = {}
    for label in Label:
        nodes.update(store.get_nodes(label, others))
    links = []
    for edge in edges:
        other = nodes[edge.source if edge.target == paper.id else edge.target]
        links.append(
            {
                "relation": edge.type.value,
                "label": other.label.value,
                "id": other.id,
                "name": other.props.get("name"),
                "role": edge.props.get("role"),
                "confidence": edge.props.get("confidence"),
                "evidence": edge.props.get("evidence"),
                "start": edge.props.get("start"),
                "end": edge.props.get("end"),
            }
        )
    return {"paper": {"id": paper.id, **paper.props}, "entities": links}
