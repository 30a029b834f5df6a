"""Names the user types, resolved to node ids: papers (id, arXiv id, exact title) and entities
(canonical name or any alias, case-insensitive, or the id itself).

Only the store interface is used (``get_nodes``, ``find_nodes``, ``iter_nodes``), so the answer
is the same on every store and no Cypher is built from the name. An unknown name is a
:class:`~kg.errors.NotFoundError` that suggests close names.
"""

from __future__ import annotations

from kg.errors import NotFoundError
from kg.ids import entity_id, fold
from kg.model import Label
from kg.read import resolve_paper
from kg.store.base import GraphStore

ENTITY_LABELS: dict[str, Label] = {
    "method": Label.METHOD,
    "dataset": Label.DATASET,
    "task": Label.TASK,
    "family": Label.MODEL_FAMILY,
    "model": Label.MODEL,
    "metric": Label.METRIC,
}
"""Entity parameter types and the label each resolves in."""
SUGGESTIONS = 3
FUZZY_MAX = 200
"""Longer names get no close-name suggestions (the fuzzy match takes time as the square of the
length) and are cut to this length in messages."""


def resolve_paper_id(store: GraphStore, ref: str) -> str:
    """The id of the paper ``ref`` names: its id, arXiv id (any version, or URL) or exact title."""
    from kg.query.finder import closest, display_name

    try:
        return resolve_paper(store, ref).id
    except NotFoundError:
        close = closest(store, ref, [Label.PAPER], SUGGESTIONS)
        hint = (
            f"; close: {'; '.join(f'{display_name(h.node)} ({h.node.id})' for h in close)}" if close else ""
        )
        raise NotFoundError(f"no paper with id, arXiv id or title {_shown(ref.strip())}{hint}") from None


def resolve_entity(store: GraphStore, kind: str, name: str) -> str:
    """The id of the ``kind`` entity (``method``, ``dataset``, …; ``entity``: of any type) called ``name``.

    Tried in order: the id itself, the id the canonical name would have, a case-insensitive
    match of the canonical name, then of an alias (the smallest id wins a tie).
    """
    if kind == "entity":
        from kg.resolve_node import resolve_entity_node

        return resolve_entity_node(store, name).id
    label = ENTITY_LABELS[kind]
    wanted = name.strip()
    direct = [wanted] if wanted.startswith(f"{label.id_prefix}:") else []
    direct.append(entity_id(label.id_prefix, wanted))
    found = store.get_nodes(label, direct)
    for candidate in direct:
        if candidate in found:
            return candidate
    key = fold(wanted)
    by_alias: str | None = None
    names: list[tuple[str, str]] = []
    for node in store.iter_nodes(label):  # ordered by id
        canonical = str(node.props.get("name") or "")
        aliases = [str(a) for a in node.props.get("aliases") or []]
        if fold(canonical) == key:
            return node.id
        if by_alias is None and any(fold(alias) == key for alias in aliases):
            by_alias = node.id
        names += [(node.id, canonical), *((node.id, alias) for alias in aliases)]
    if by_alias is not None:
        return by_alias
    raise NotFoundError(f"no {kind} named {_shown(wanted)}{elsewhere_hint(store, wanted, label)}")


def elsewhere_hint(store: GraphStore, name: str, label: Label) -> str:
    """What to tell a user whose ``name`` is no ``label`` node: the type it is (``; MMLU is a
    dataset (dataset:mmlu)``), else the closest names of that label (``; close: a, b``)."""
    from kg.query.finder import closest, display_name
    from kg.resolve_node import ENTITY_LABELS as ALL_LABELS
    from kg.resolve_node import kind_name, resolve_entity_node

    if len(name) <= FUZZY_MAX:
        others = [other for other in ALL_LABELS if other is not label]
        try:
            node = resolve_entity_node(store, name, others, suggest=False)
        except NotFoundError:
            pass
        else:
            return f"; {display_name(node)} is a {kind_name(node.label)} ({node.id})"
    close = closest(store, name, [label], SUGGESTIONS)
    if close:
        return f"; close: {', '.join(display_name(h.node) for h in close)}"
    close = closest(store, name, ALL_LABELS, SUGGESTIONS)
    return (
        f"; close: {', '.join(f'{display_name(h.node)} ({kind_name(h.node.label)})' for h in close)}"
        if close
        else ""
    )


def _shown(name: str) -> str:
    """``name`` quoted for a message, cut to :data:`FUZZY_MAX` characters."""
    return repr(name) if len(name) <= FUZZY_MAX else repr(name[:FUZZY_MAX]) + f"… ({len(name):,} characters)"
