"""Nodes named by the user or found in query results, resolved to :class:`~kg.model.Node` values.

Three lookups, all through the store interface (``get_nodes``, ``find_nodes``, ``iter_nodes``),
so they answer the same on every store and never build Cypher from a name:

* :func:`resolve_paper_node`: a paper by id, arXiv id (any version, abs/pdf or Hugging Face URL)
  or exact title (case-insensitive), via :func:`kg.resolve_names.resolve_paper_id`;
* :func:`resolve_entity_node`: an entity of any of several labels (method, dataset, model family,
  task, repo, …) by id, canonical name or alias (case-insensitive), or a repo by its URL;
* :func:`nodes_by_id`: which of some strings are node ids, and their nodes.

An unknown name is a :class:`~kg.errors.NotFoundError` that suggests close names.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kg.errors import NotFoundError
from kg.ids import entity_id, fold, normalise_url
from kg.model import Label, Node
from kg.store.base import GraphStore

ENTITY_LABELS: tuple[Label, ...] = (
    Label.METHOD,
    Label.DATASET,
    Label.MODEL_FAMILY,
    Label.TASK,
    Label.REPO,
    Label.MODEL,
    Label.METRIC,
)
"""The labels :func:`resolve_entity_node` searches, in order: the first label with a match wins."""
SUGGESTIONS = 3
_KIND_NAMES = {
    Label.METHOD: "method",
    Label.DATASET: "dataset",
    Label.MODEL_FAMILY: "model family",
    Label.TASK: "task",
    Label.REPO: "repo",
    Label.MODEL: "model",
    Label.METRIC: "metric",
    Label.AUTHOR: "author",
    Label.PAPER: "paper",
    Label.CONCEPT: "concept",
    Label.TOPIC: "topic",
}
_BY_PREFIX = {label.id_prefix: label for label in Label if label.id_prefix}


def resolve_paper_node(store: GraphStore, ref: str) -> Node:
    """The paper ``ref`` names: its id, arXiv id (any version, or a URL holding it) or exact title."""
    from kg.resolve_names import resolve_paper_id

    paper_id = resolve_paper_id(store, ref)
    return store.get_nodes(Label.PAPER, [paper_id])[paper_id]


def resolve_entity_node(
    store: GraphStore, name: str, labels: Sequence[Label] = ENTITY_LABELS, *, suggest: bool = True
) -> Node:
    """The entity called ``name`` among ``labels``.

    Tried in order: the id itself, the id the name would have (a repo's: from its URL), then a
    case-insensitive match of a canonical name, then of an alias or a repo's URL; within one kind
    of match the first label in ``labels`` wins, within a label the smallest id.
    """
    wanted = name.strip()
    if not wanted:
        raise NotFoundError("an entity name cannot be empty")
    for label in labels:
        direct = [wanted, _id_for(label, wanted)]
        found = store.get_nodes(label, direct)
        for candidate in direct:
            if candidate in found:
                return found[candidate]
    key = fold(wanted)
    by_alias: Node | None = None
    for label in labels:
        for node in store.iter_nodes(label):  # ordered by id
            canonical = str(node.props.get("name") or "")
            if fold(canonical) == key:
                return node
            others = [str(a) for a in node.props.get("aliases") or []]
            if label is Label.REPO and node.props.get("url"):
                others.append(str(node.props["url"]))
            if by_alias is None and any(fold(other) == key for other in others):
                by_alias = node
    if by_alias is not None:
        return by_alias
    kinds = _kinds(labels)
    close = _close(store, wanted, labels) if suggest else []
    hint = f"; close: {', '.join(close)}" if close else ""
    raise NotFoundError(f"no {kinds} named {wanted!r}{hint}")


def nodes_by_id(store: GraphStore, values: Iterable[str]) -> dict[str, Node]:
    """The nodes whose ids are among ``values`` (other strings are ignored), by id.

    An id's prefix (``method:``, ``repo:`` …) names its label; anything else is tried as a paper id.
    """
    wanted: dict[Label, set[str]] = {}
    for value in values:
        prefix = value.split(":", 1)[0] if ":" in value else ""
        wanted.setdefault(_BY_PREFIX.get(prefix, Label.PAPER), set()).add(value)
    found: dict[str, Node] = {}
    for label, ids in wanted.items():
        found.update(store.get_nodes(label, sorted(ids)))
    return found


def kind_name(label: Label) -> str:
    """How messages name a label: ``method``, ``model family`` …"""
    return _KIND_NAMES[label]


def _id_for(label: Label, name: str) -> str:
    """The id a node of ``label`` called ``name`` would have."""
    if label is Label.REPO:
        return f"{label.id_prefix}:{normalise_url(name)}"
    return entity_id(label.id_prefix, name)


def _kinds(labels: Sequence[Label]) -> str:
    """``method, dataset or task`` for a list of labels."""
    words = [kind_name(label) for label in labels]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _close(store: GraphStore, ref: str, labels: Sequence[Label]) -> list[str]:
    """Up to :data:`SUGGESTIONS` names (with their kind) closest to ``ref``
    (:func:`kg.query.finder.closest`)."""
    from kg.query.finder import closest, display_name

    return [
        f"{display_name(h.node)} ({kind_name(h.node.label)})"
        for h in closest(store, ref, labels, SUGGESTIONS)
    ]
