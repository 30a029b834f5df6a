"""Conflict resolution: one entity per (label, pattern), and one label per curated pattern."""

from __future__ import annotations

import collections

from .registry import KIND_RANK, Entity, Pattern
from .selection import Owners

Chosen = dict[tuple[str, str], tuple[Entity, Pattern]]  # (label, lowercase pattern) -> owner
LabelsByPattern = dict[str, list[str]]  # lowercase pattern -> labels it is written under


def owner_rank(ent: Entity, pat: Pattern) -> tuple[int, float, int, int, str]:
    """Sort key of a pattern's claimants: strongest kind, most papers/mentions, most specific."""
    specificity = -len(ent.canonical)
    return (KIND_RANK[pat.kind], -ent.weight, -ent.mentions, specificity, ent.eid)


def choose_owners(owners: Owners, log: list[str]) -> Chosen:
    """One id per (label, pattern): the best-ranked claimant keeps it."""
    chosen: Chosen = {}
    for (label, low), cands in sorted(owners.items()):
        cands.sort(key=lambda ep: owner_rank(ep[0], ep[1]))
        ent, pat = cands[0]
        if len({e.eid for e, _ in cands}) > 1:
            losers = ", ".join(sorted({e.eid for e, _ in cands[1:] if e.eid != ent.eid}))
            log.append(f"{label} conflict {pat.text!r}: kept {ent.eid}, dropped for {losers}")
        chosen[(label, low)] = (ent, pat)
    return chosen


def resolve_labels(chosen: Chosen, log: list[str]) -> LabelsByPattern:
    """One pattern under two labels: a curated entry (KB, PwC, SciREX salient) beats a mention-pool
    one (dropped from ``chosen``); otherwise both stay. Returns each pattern's remaining labels."""
    by_pattern: LabelsByPattern = collections.defaultdict(list)
    for label, low in chosen:
        by_pattern[low].append(label)
    for low, labels in sorted(by_pattern.items()):
        if len(labels) < 2:
            continue
        curated = [lb for lb in labels if chosen[(lb, low)][0].keep_rule == "always"]
        if curated and len(curated) < len(labels):
            for lb in labels:
                if lb not in curated:
                    log.append(f"{lb} drop {low!r}: curated as {'/'.join(curated)}")
                    del chosen[(lb, low)]
            by_pattern[low] = curated
    return by_pattern
