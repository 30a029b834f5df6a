"""Entity ids: reuse the hand-curated files' ids where names overlap, else slug the canonical name."""

from __future__ import annotations

import collections
from collections.abc import Iterable
from pathlib import Path

from .normalise import clean, slug
from .readers import read_jsonl
from .registry import Entity, Registry

IdName = tuple[str, str]  # (id, canonical)


class Alignment:
    """(label, casefolded pattern) -> (id, canonical) of the hand-curated pattern files."""

    def __init__(self, log: list[str]) -> None:
        self.table: dict[tuple[str, str], IdName] = {}
        self.log = log

    def load(self, paths: Iterable[Path]) -> None:
        """Read hand-curated pattern files whose ids and canonical names we reuse."""
        for path in sorted(paths):
            for row in read_jsonl(path):
                key = (row.get("label", ""), clean(str(row.get("pattern", ""))).casefold())
                if key[1] and "id" in row:
                    self.table.setdefault(key, (str(row["id"]), str(row.get("canonical") or row["pattern"])))
            self.log.append(f"align: read {path.name}")

    def lookup(self, label: str, ent: Entity) -> IdName | None:
        """The curated (id, canonical) for ``ent``: its canonical name's entry, else the entry most
        of its (non-variant) patterns point at; None when nothing is listed."""
        if not self.table:
            return None
        votes: collections.Counter[IdName] = collections.Counter()
        first = self.table.get((label, ent.canonical.casefold()))
        for pat in ent.patterns.values():
            hit = self.table.get((label, pat.text.casefold()))
            if hit is not None and pat.kind != "variant":
                votes[hit] += 1
        if first is None and not votes:
            return None
        best = first or sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        if len(votes) > 1:
            self.log.append(
                f"{label} align {ent.canonical!r}: several curated ids {sorted(votes)}, took {best[0]}"
            )
        return best


def assign_ids(registries: dict[str, Registry], alignment: Alignment) -> None:
    """Give every entity an id: the hand-curated entry's id when one of our names is listed there
    (so both files name one entity alike), else a slug of canonical, disambiguated on collision."""
    used: dict[tuple[str, str], Entity] = {}
    for label, reg in registries.items():
        for key in sorted(reg.entities):
            ent = reg.entities[key]
            aligned = alignment.lookup(label, ent)
            if aligned is not None:
                ent.eid, ent.canonical = aligned
                continue
            base = slug(ent.canonical)
            eid = base
            if (label, eid) in used and used[(label, eid)] is not ent:
                full = next((p.text for p in ent.patterns.values() if p.kind == "full"), None)
                eid = f"{base}-{slug(full)}" if full else f"{base}-{len(used)}"
            used[(label, eid)] = ent
            ent.eid = eid
