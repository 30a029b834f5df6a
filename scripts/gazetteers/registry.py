"""The data model: patterns, entities and per-label registries that merge entities by name."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .acronyms import initials_match, is_acronym_token
from .normalise import clean, norm_key

LABELS = ("METHOD", "DATASET", "TASK", "METRIC")

# Source priority: the first source to create an entity fixes its canonical name.
SOURCE_RANK = {"nlp_tdms": 0, "pwc": 1, "scirex": 2, "tdmsci": 3, "gsap_ner": 4, "scierc": 5, "cs_ner": 6}
# Sources whose licence allows redistribution (only these feed the shipped files).
LICENSED = {"nlp_tdms", "pwc", "scirex", "tdmsci", "builtin"}

# Pattern kinds, strongest first.
KIND_RANK = {"name": 0, "full": 1, "alias": 2, "variant": 3}
# Keep rules, weakest requirement first: always keep / >=2 mentions or a pool hit / a pool hit /
# >=2 mentions.
KEEP_RANK = {"always": 0, "support": 1, "pool": 2, "count2": 3}


@dataclass
class Pattern:
    """One surface form of an entity."""

    text: str
    kind: str  # name | full | alias | variant
    sources: set[str] = field(default_factory=set)
    count: int = 0


@dataclass
class Entity:
    """One gazetteer entity: a canonical name and its surface forms (keyed by lowercase text)."""

    label: str
    canonical: str
    sources: set[str]
    weight: float = 0.0  # PwC num_papers or annotated-mention count
    patterns: dict[str, Pattern] = field(default_factory=dict)
    model_like: bool = False
    keep_rule: str = "always"  # always | support | pool | count2 (see KEEP_RANK)
    mentions: int = 0
    eid: str = ""

    def add(self, text: str, kind: str, source: str, count: int = 0) -> None:
        """Add a surface form, or record another source (and a stronger kind) for a known one."""
        text = clean(text)
        if not text:
            return
        key = text.lower()
        pat = self.patterns.get(key)
        if pat is None:
            self.patterns[key] = Pattern(text, kind, {source}, count)
            return
        pat.sources.add(source)
        pat.count += count
        if KIND_RANK[kind] < KIND_RANK[pat.kind]:
            pat.kind = kind


def laxer_rule(a: str, b: str) -> str:
    """The less demanding of two keep rules."""
    return min(a, b, key=KEEP_RANK.__getitem__)


class Registry:
    """Entities of one label, merged by normalised name (never by acronym alone)."""

    def __init__(self, label: str, log: list[str]) -> None:
        self.label = label
        self.entities: dict[str, Entity] = {}
        self.index: dict[str, str] = {}  # norm_key of canonical / long aliases -> entity key
        self.log = log

    def key(self, text: str) -> str:
        """The merge key of ``text`` for this label."""
        return norm_key(text, dataset=self.label == "DATASET")

    def find(self, *names: str) -> Entity | None:
        """The entity indexed under the first of ``names`` that is known."""
        for name in names:
            key = self.index.get(self.key(name))
            if key is not None:
                return self.entities[key]
        return None

    def find_all(self, *names: str) -> list[Entity]:
        """All distinct entities indexed under any of ``names``, in order of first hit."""
        found: list[Entity] = []
        for name in names:
            key = self.index.get(self.key(name))
            if key is not None and self.entities[key] not in found:
                found.append(self.entities[key])
        return found

    def merge(self, into: Entity, other: Entity) -> None:
        """Fold ``other`` into ``into`` (all its names now point at ``into``)."""
        into_key = self.index[self.key(into.canonical)]
        other_key = next(k for k, e in self.entities.items() if e is other)
        for pat in other.patterns.values():
            for src in sorted(pat.sources):
                into.add(pat.text, "full" if pat.kind == "name" else pat.kind, src, pat.count)
        into.sources |= other.sources
        into.weight = max(into.weight, other.weight)
        into.mentions += other.mentions
        into.model_like = into.model_like or other.model_like
        into.keep_rule = laxer_rule(into.keep_rule, other.keep_rule)
        del self.entities[other_key]
        for k, v in list(self.index.items()):
            if v == other_key:
                self.index[k] = into_key
        self.log.append(f"{self.label} merged {other.canonical!r} into {into.canonical!r}")

    def add(
        self,
        canonical: str,
        aliases: Iterable[tuple[str, str]],
        source: str,
        weight: float = 0.0,
        mentions: int = 0,
        keep_rule: str = "always",
        model_like: bool = False,
    ) -> Entity | None:
        """Add (or extend) the entity named ``canonical`` with ``(alias, kind)`` surface forms."""
        canonical = clean(canonical)
        if not canonical:
            return None
        cleaned = [(clean(a), k) for a, k in aliases if clean(a)]
        long_aliases = [a for a, _ in cleaned if not is_acronym_token(a) or " " in a]
        ent = self.find(canonical, *long_aliases)
        if ent is None:
            key = self.key(canonical)
            ent = Entity(self.label, canonical, {source}, weight, keep_rule=keep_rule, model_like=model_like)
            self.entities[key] = ent
            self.index.setdefault(key, key)
        else:
            ent.sources.add(source)
            ent.weight = max(ent.weight, weight)
            ent.model_like = ent.model_like or model_like
            ent.keep_rule = laxer_rule(ent.keep_rule, keep_rule)
        ent.mentions += mentions
        ent.add(canonical, "name", source, mentions)
        for alias, kind in cleaned:
            ent.add(alias, kind, source)
        ent_key = self.index[self.key(ent.canonical)]
        for name in [canonical, *long_aliases]:
            self.index.setdefault(self.key(name), ent_key)
        return ent


def _bare_acronym(ent: Entity) -> bool:
    """Is the entity named only by a single acronym token (no multi-word surface form)?"""
    acr = ent.canonical
    return not (" " in acr or not is_acronym_token(acr) or any(" " in p.text for p in ent.patterns.values()))


def _has_other_acronym(ent: Entity, acr: str) -> bool:
    """Does ``ent`` already carry a single-token acronym other than ``acr``?"""
    return any(
        is_acronym_token(p.text) and " " not in p.text and p.text.lower() != acr.lower()
        for p in ent.patterns.values()
    )


def merge_acronym_expansions(registries: dict[str, Registry]) -> None:
    """An entity named only by an acronym ("LFW") absorbs the entity named by its expansion
    ("Labeled Faces in the Wild") when exactly one such expansion exists (datasets, tasks, metrics)."""
    for label in ("DATASET", "TASK", "METRIC"):
        reg = registries[label]
        for ent in sorted(reg.entities.values(), key=lambda e: e.canonical):
            if not _bare_acronym(ent) or not any(e is ent for e in reg.entities.values()):
                continue
            acr = ent.canonical
            matches = [e for e in reg.entities.values() if e is not ent and initials_match(acr, e.canonical)]
            if len(matches) != 1 or _has_other_acronym(matches[0], acr):
                continue  # none, ambiguous, or the expansion already has a (different) acronym
            target = matches[0]
            if KEEP_RANK[ent.keep_rule] < KEEP_RANK[target.keep_rule]:
                reg.merge(ent, target)  # the curated acronym entry keeps its name ("SQuAD")
            else:
                reg.merge(target, ent)
