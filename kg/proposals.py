"""The first paper to name a method or dataset proposes it; later papers that "propose" it use it.

Cue rules and the trained role classifier judge one abstract at a time, and an abstract that
says "we present a Transformer-based ..." or "building on LoRA, we ..." can read as proposing
what earlier papers introduced long ago. The graph knows better: when a paper dated earlier
(in this batch or already stored) has any edge to the entity, a later ``PROPOSES`` becomes
``USES`` (and ``INTRODUCES`` becomes ``EVALUATES_ON``). Papers without a date never demote
a dated one; papers of the same date keep what they said.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kg.model import Paper, RelType
from kg.store.base import GraphStore

DEMOTED = {RelType.PROPOSES: RelType.USES, RelType.INTRODUCES: RelType.EVALUATES_ON}
_ROLED_RELS = (RelType.PROPOSES, RelType.USES, RelType.INTRODUCES, RelType.EVALUATES_ON)

EdgeRows = dict[RelType, list[tuple[str, str, dict[str, Any]]]]


def earliest_users(store: GraphStore, targets: Iterable[str]) -> dict[str, str]:
    """For each target entity, the earliest date of a stored paper with an edge to it (one
    batched read for every target: :meth:`~kg.store.base.GraphStore.dated_sources`)."""
    earliest: dict[str, str] = {}
    for target, _, date in store.dated_sources(_ROLED_RELS, targets):
        if date < earliest.get(target, "9999"):
            earliest[target] = date
    return earliest


def demote_later_proposals(store: GraphStore, papers: Iterable[Paper], edges: EdgeRows) -> int:
    """Rewrite, in ``edges``, proposals by papers dated after another paper naming the same entity.

    Returns how many proposals became uses.
    """
    proposed = [(rel, row) for rel in DEMOTED for row in edges.get(rel, [])]
    if not proposed:
        return 0
    dates = {paper.id: d for paper in papers if (d := paper.published or paper.listed)}
    targets = {target for _, (_, target, _) in proposed}
    earliest = earliest_users(store, targets)
    for rel in _ROLED_RELS:
        for source, target, _ in edges.get(rel, []):
            if target in targets and (date := dates.get(source)) and date < earliest.get(target, "9999"):
                earliest[target] = date
    demoted = 0
    for rel, new_rel in DEMOTED.items():
        keep = []
        for source, target, props in edges.get(rel, []):
            date = dates.get(source)
            if date is not None and earliest.get(target, date) < date:
                edges.setdefault(new_rel, []).append((source, target, {**props, "role": "used"}))
                demoted += 1
            else:
                keep.append((source, target, props))
        edges[rel] = keep
    return demoted
