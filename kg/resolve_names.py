"""Names the user types, resolved to node ids: papers (id, arXiv id, exact title) and entities
(canonical name or any alias, case-insensitive, or the id itself).

Only the store interface is used (``get_nodes``, ``find_nodes``, ``iter_nodes``), so the answer
is the same on every store and no Cypher is built from the name. An unknown name is a
:class:`~kg.errors.NotFoundError` that suggests close names.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

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
    try:
        return resolve_paper(store, ref).id
    except NotFoundError:
        titles = {node.id: str(node.props.get("title") or "") for node in store.iter_nodes(Label.PAPER)}
        close = _close(ref, titles.items())
        hint = f"; close: {'; '.join(f'{titles[i]} ({i})' for i in close)}" if close else ""
        raise NotFoundError(f"no paper with id, arXiv id or title {_shown(ref.strip())}{hint}") from None


def resolve_entity(store: GraphStore, kind: str, name: str) -> str:
    """The id of the ``kind`` entity (``method``, ``dataset``, …) called ``name``.

    Tried in order: the id itself, the id the canonical name would have, a case-insensitive
    match of the canonical name, then of an alias (the smallest id wins a tie).
    """
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
    shown = {node_id: text for node_id, text in reversed(names)}  # the canonical name wins
    close = _close(wanted, names)
    hint = f"; close: {', '.join(shown[i] for i in close)}" if close else ""
    raise NotFoundError(f"no {kind} named {_shown(wanted)}{hint}")


def _close(ref: str, candidates: Iterable[tuple[str, str]]) -> list[str]:
    """Up to :data:`SUGGESTIONS` ids whose text contains ``ref`` or is close to it (none for a
    ``ref`` longer than :data:`FUZZY_MAX`)."""
    if len(ref) > FUZZY_MAX:
        return []
    key = fold(ref)
    pairs = [(node_id, fold(text)) for node_id, text in candidates if text]
    chosen: list[str] = []
    if key:
        chosen += [node_id for node_id, text in pairs if key in text]
    by_text: dict[str, str] = {}
    for node_id, text in pairs:
        by_text.setdefault(text, node_id)
    chosen += [by_text[t] for t in difflib.get_close_matches(key, list(by_text), n=SUGGESTIONS, cutoff=0.6)]
    return list(dict.fromkeys(chosen))[:SUGGESTIONS]


def _shown(name: str) -> str:
    """``name`` quoted for a message, cut to :data:`FUZZY_MAX` characters."""
    return repr(name) if len(name) <= FUZZY_MAX else repr(name[:FUZZY_MAX]) + f"… ({len(name):,} characters)"
