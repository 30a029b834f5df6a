"""From candidates to mentions: link abbreviations, propagate short forms, settle overlaps,
drop generic phrases and decide roles.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from extractors.abbreviations import Abbreviation
from extractors.candidates import DEFAULT_PRIORITY, Candidate
from extractors.coined import GENERIC_LONG, coined_label, is_generic_short
from extractors.names import entity_key, normalise_key, not_entity, slug
from extractors.roles import cue_ends, is_proposed_at
from extractors.types import Evidence, Label, Mention
from extractors.wordlists import entries

ROLED = (Label.METHOD, Label.DATASET)
COINED = "kg_coined"
GAZETTEER = "kg_gazetteer"
PHRASES = "kg_phrases"
ACRONYMS = "kg_acronyms"
LEARNED = "kg_learned"


class Sentences:
    """Sentence boundaries of a text, for evidence and role cues."""

    def __init__(self, text: str, bounds: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.bounds = list(bounds) or [(0, len(text))]
        self.starts = [start for start, _ in self.bounds]

    def at(self, offset: int) -> tuple[int, int]:
        index = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        return self.bounds[index]


def _covering(cands: list[Candidate], start: int, end: int, slack: int = 1) -> Candidate | None:
    """A candidate spanning exactly ``start:end`` (give or take ``slack`` characters)."""
    for cand in cands:
        if abs(cand.start - start) <= slack and abs(cand.end - end) <= slack:
            return cand
    return None


_CONTENT_WORD = re.compile(r"[a-z]{4,}")


def agrees(long_form: str, known_forms: frozenset[str]) -> bool:
    """Whether a paper's long form names the gazetteer entity a short form matched.

    "Bring Your Own Language (BYOL)" is not Bootstrap Your Own Latent: at least half of the
    long form's content words must appear among the entity's known forms. Without known forms
    (not a gazetteer match) there is nothing to disagree with.
    """
    if not known_forms:
        return True
    words = set(_CONTENT_WORD.findall(long_form.lower()))
    known = {w for form in known_forms for w in _CONTENT_WORD.findall(form)}
    return not words or len(words & known) * 2 >= len(words)


def link_abbreviations(text: str, cands: list[Candidate], abbreviations: Sequence[Abbreviation]) -> None:
    """Pair short and long forms: alias them on a known entity, or coin a new one; then propagate.

    Acronym guesses (``kg_acronyms``) for a short form the paper defines give way to the
    definition, which decides the entity and its type.
    """
    shorts = {abbr.short for abbr in abbreviations}
    cands[:] = [c for c in cands if c.source != ACRONYMS or text[c.start : c.end] not in shorts]
    defined: dict[str, Candidate] = {}
    for abbr in abbreviations:
        if is_generic_short(abbr.short_key) or GENERIC_LONG.match(abbr.long):
            continue
        long_c = _covering(cands, abbr.long_start, abbr.long_end)
        short_c = _covering(cands, abbr.short_start, abbr.short_end, slack=0)
        if any(c is not None and c.label is Label.REPO for c in (long_c, short_c)):
            continue  # "HausaNLP (https://catalog.hausanlp.org)": a name and its link, not a pair
        if long_c is None and short_c is not None and not agrees(abbr.long, short_c.known_forms):
            short_c.known_forms = frozenset()  # the paper's own definition wins over a gazetteer homonym
            short_c.label = coined_label(abbr.long) or short_c.label
            short_c.name, short_c.key, short_c.source = abbr.long, slug(abbr.long), COINED
        entity = long_c or short_c
        if _known_short_form(abbr, long_c, short_c):  # "masked language modelling (MLM)": the known MLM
            entity = short_c
        if entity is None:
            label = coined_label(abbr.long)
            if label is None:
                continue
            entity = long_c = Candidate(
                label, abbr.long_start, abbr.long_end, abbr.long, slug(abbr.long), COINED, 0.7
            )
            cands.append(entity)
        entity.aliases |= {abbr.short, abbr.long} - {entity.name}
        entity.defined = True
        for cand in (long_c, short_c):
            if cand is not None and cand is not entity:
                cand.label, cand.key, cand.name = entity.label, entity.key, entity.name
        if long_c is None:
            cands.append(_twin(entity, abbr.long_start, abbr.long_end))
        if short_c is None:
            cands.append(_twin(entity, abbr.short_start, abbr.short_end))
        defined[abbr.short] = entity
    _link_prefixes(text, cands, defined.values())
    _propagate(text, cands, defined)


def _known_short_form(abbr: Abbreviation, long_c: Candidate | None, short_c: Candidate | None) -> bool:
    """Whether the short form is a gazetteer entity the long form names while the long form's
    candidate is only a phrase guess: then the known entity, not the phrase, is the identity."""
    return (
        long_c is not None
        and short_c is not None
        and bool(short_c.known_forms)
        and not long_c.known_forms
        and agrees(abbr.long, short_c.known_forms)
    )


def _link_prefixes(text: str, cands: list[Candidate], entities: Iterable[Candidate]) -> None:
    """A shortened use of a defined long form ("Advantage-Guided Distillation" in the title of a
    paper defining "Advantage-Guided Distillation for Preference Alignment") is that entity."""
    names = {e.name.lower(): e for e in entities if " " in e.name}
    if not names:
        return
    for cand in cands:
        if cand.source not in (COINED, "kg_phrases") or cand.key in {e.key for e in names.values()}:
            continue
        surface = text[cand.start : cand.end].lower() + " "
        entity = next((e for name, e in names.items() if name.startswith(surface)), None)
        if entity is not None and entity.label is cand.label:
            cand.key, cand.name, cand.salient_only = entity.key, entity.name, False


def _twin(entity: Candidate, start: int, end: int) -> Candidate:
    return Candidate(
        entity.label,
        start,
        end,
        entity.name,
        entity.key,
        entity.source,
        entity.confidence,
        aliases=entity.aliases,
        attrs=entity.attrs,
        defined=entity.defined,
    )


def _propagate(text: str, cands: list[Candidate], defined: dict[str, Candidate]) -> None:
    """Every other use of a defined short form is a mention of the same entity: candidates
    spanning exactly that use take the definition's identity; uncovered uses get a twin."""
    if not defined:
        return
    forms = sorted(defined, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])")
    by_span: dict[tuple[int, int], list[Candidate]] = {}
    for cand in cands:
        by_span.setdefault((cand.start, cand.end), []).append(cand)
    taken = bytearray(len(text))
    for cand in cands:
        taken[cand.start : cand.end] = b"\x01" * cand.length
    for match in pattern.finditer(text):
        entity = defined[match.group()]
        exact = by_span.get((match.start(), match.end()))
        if exact:
            for cand in exact:
                if cand.label is entity.label:
                    cand.key, cand.name = entity.key, entity.name
        elif not any(taken[match.start() : match.end()]):
            cands.append(_twin(entity, match.start(), match.end()))


_TASK_NOUN = re.compile(r"\s+tasks?\b")


def type_by_task_noun(text: str, cands: list[Candidate]) -> None:
    """A name the paper itself coins and then uses as "the FAS task" or "FIM tasks" is a task."""
    keys = {
        c.key
        for c in cands
        if c.label is Label.METHOD and c.source in (COINED, ACRONYMS) and _TASK_NOUN.match(text, c.end)
    }
    for cand in cands:
        if cand.key in keys and cand.source in (COINED, ACRONYMS, "kg_phrases"):
            cand.label = Label.TASK


def settle_overlaps(cands: list[Candidate], length: int, rank: Mapping[str, int]) -> list[Candidate]:
    """Keep the longest of overlapping candidates (ties: links, models, gazetteer, coined).

    A known method at the end of a longer phrase of the same type stays too: "Multi-Level
    Knowledge Distillation" is a kind of knowledge distillation, which the paper uses (a nested
    mention never makes the paper its proposer).
    """
    taken = bytearray(length)
    kept: list[Candidate] = []
    nested: list[Candidate] = []
    for cand in sorted(cands, key=lambda c: (-c.length, rank.get(c.source, len(rank)), c.start)):
        if not any(taken[cand.start : cand.end]):
            taken[cand.start : cand.end] = b"\x01" * cand.length
            kept.append(cand)
        elif cand.source == GAZETTEER and cand.label is Label.METHOD and " " in cand.name:
            nested.append(cand)
    if nested:
        ends = {(c.end, c.label) for c in kept if c.source == PHRASES}
        for cand in nested:
            if (cand.end, cand.label) in ends:
                cand.nested = True
                kept.append(cand)
    return sorted(kept, key=lambda c: (c.start, c.end))


def is_generic(cand: Candidate, surface: str, *, learned: bool = False) -> bool:
    """Classes and fields ("LLMs", "large language models", "deep learning") are not entities.

    The trained recogniser learned from the annotations when a field is an entity ("we train it
    with reinforcement learning"): its spans are only held to the list of names that never are
    one and to adjectives ("LLM-based").
    """
    if cand.label is Label.REPO:
        return False
    if not_entity(surface, cand.label.value):
        return True
    if learned:
        return bool(_ADJECTIVE.match(surface.strip()))
    return _generic_surface(surface)


# A whole mention that is an adjective built on a name: "LLM-based", "AI-generated", "GPU-accelerated".
_ADJECTIVE = re.compile(
    r"^[\w.+-]+-(?:" + "|".join(map(re.escape, entries("adjective_suffixes"))) + r")$",
    re.IGNORECASE,
)


@lru_cache(maxsize=65536)
def _generic_surface(surface: str) -> bool:
    surface = surface.strip()
    return (
        is_generic_short(normalise_key(surface))
        or bool(GENERIC_LONG.match(surface))
        or bool(_ADJECTIVE.match(surface))
        or not_entity(surface)
    )


def merge_spellings(cands: list[Candidate]) -> None:
    """Spellings of one name that differ only in hyphens, spaces or case ("MoEQuant" and
    "MoE-Quant") are one entity in a paper: they take the identity of the first written."""
    first: dict[str, Candidate] = {}
    spellings: list[tuple[Candidate, str]] = []
    for cand in cands:
        if cand.label in (Label.MODEL, Label.REPO):
            continue
        spelling = cand.name.lower().replace("-", "").replace(" ", "")
        spellings.append((cand, spelling))
        seen = first.get(spelling)
        if seen is None or cand.start < seen.start:
            first[spelling] = cand
    for cand, spelling in spellings:
        seen = first[spelling]
        if seen.key != cand.key:
            cand.key, cand.name = seen.key, seen.name


def unify_labels(cands: list[Candidate], rank: Mapping[str, int]) -> None:
    """One entity, one type: where finders disagree on a name's type, the most trusted wins
    (gazetteer, then dataset context, then coined names; the acronym guess last)."""
    best: dict[str, Candidate] = {}
    for cand in cands:
        current = best.get(cand.key)
        last = len(rank)
        if current is None or rank.get(cand.source, last) < rank.get(current.source, last):
            best[cand.key] = cand
    for cand in cands:
        winner = best[cand.key]
        if cand.label is not winner.label and cand.label not in (Label.MODEL, Label.REPO):
            cand.label = winner.label
            if winner.label is Label.MODEL:
                cand.attrs = winner.attrs  # a model keeps its family on every mention


def salient(cands: list[Candidate], title_end: int) -> list[Candidate]:
    """Keep ``salient_only`` candidates only where the paper dwells on them: in the title,
    repeated, or defined with an abbreviation; or where a learned layer found them too."""
    counts: dict[str, int] = {}
    for cand in cands:
        counts[cand.key] = counts.get(cand.key, 0) + 1
    in_title = {c.key for c in cands if c.start < title_end and c.label is not Label.METHOD}
    return [
        c
        for c in cands
        if not c.salient_only or c.learned_agrees or c.key in in_title or counts[c.key] > 1 or c.defined
    ]


def to_mentions(text: str, cands: list[Candidate], sentences: Sentences, title_end: int) -> list[Mention]:
    """Frozen mentions with evidence; roles decided per entity (proposed if any mention says so)."""
    proposed: set[str] = set()
    cues = cue_ends(text)
    # A known method or dataset (a gazetteer entry: published before) is used, never proposed.
    known = {c.key for c in cands if c.known_forms}
    for cand in cands:
        if cand.label in ROLED and cand.key not in proposed and not cand.nested and cand.key not in known:
            s_start, _ = sentences.at(cand.start)
            if is_proposed_at(text, s_start, cand.start, cand.end, cues, in_title=cand.start < title_end):
                proposed.add(cand.key)
    mentions = []
    evidence: dict[int, Evidence] = {}
    for cand in cands:
        s_start, s_end = sentences.at(cand.start)
        if s_start not in evidence:
            evidence[s_start] = Evidence(text[s_start:s_end], s_start, s_end)
        role = None
        if cand.label in ROLED:
            role = "proposed" if cand.key in proposed else "used"
        mentions.append(
            Mention(
                label=cand.label,
                name=cand.name,
                key=entity_key(cand.label.value, cand.key),
                start=cand.start,
                end=cand.end,
                sentence=evidence[s_start],
                extractor=cand.source,
                confidence=cand.confidence,
                role=role,
                aliases=tuple(sorted(cand.aliases)),
                attrs=tuple(sorted(cand.attrs.items())),
            )
        )
    return mentions


@dataclass(frozen=True)
class Precedence:
    """How the trained recogniser's spans and the rule finders' candidates combine.

    - ``trusted`` rule sources (and every name the paper defines with an abbreviation) are kept
      as found and win any overlap with a learned span;
    - ``confirmed`` rule sources are kept only where a learned span overlaps them: the recogniser
      vetoes the guesses of low-precision rules;
    - a learned span wins an overlap with any other rule candidate; where both found the same
      span and type, the rule's candidate stays (it carries canonical names and aliases).

    Empty sets (the default) leave the rules as they are, with learned spans as one more source.
    With ``alternatives``, overlapping learned and rule candidates are both kept (each layer
    settles its own overlaps), for a later component (the trained entity filter) to choose;
    every source in ``layers`` (the annotation lexicon's names) is one more such layer, judged
    like learned spans.

    ``priority`` orders the sources for the overlaps of equal length within a layer and for a
    name's one type where sources disagree (first wins; unlisted sources after every listed one).
    """

    learned: str = LEARNED
    trusted: frozenset[str] = frozenset()
    confirmed: frozenset[str] = frozenset()
    alternatives: bool = False
    layers: frozenset[str] = frozenset()
    priority: tuple[str, ...] = DEFAULT_PRIORITY

    @cached_property
    def rank(self) -> dict[str, int]:
        """Source -> its place in ``priority`` (lower wins; unlisted sources after every listed one)."""
        return {source: i for i, source in enumerate(self.priority)}

    def own_layer(self, source: str) -> bool:
        """Whether ``source``'s candidates settle their overlaps apart from the rules'."""
        return source == self.learned or source in self.layers


def combine(cands: list[Candidate], precedence: Precedence) -> list[Candidate]:
    """Apply ``precedence`` to learned and rule candidates (see :class:`Precedence`)."""
    learned = [c for c in cands if c.source == precedence.learned]
    if not any(precedence.own_layer(c.source) for c in cands) and not precedence.confirmed:
        return cands
    if precedence.alternatives:  # a learned span that a rule candidate also found stays the rule's
        found = {(c.start, c.end, c.label) for c in cands if not precedence.own_layer(c.source)}
        agreed = {(c.start, c.end, c.label) for c in cands if precedence.own_layer(c.source)} & found
        for cand in cands:  # ... and the rule's candidate is judged as the learned span would be
            cand.learned_agrees = (cand.start, cand.end, cand.label) in agreed
        return [
            c for c in cands if not precedence.own_layer(c.source) or (c.start, c.end, c.label) not in found
        ]
    rules = [c for c in cands if c.source != precedence.learned]
    strong = [c for c in rules if c.source in precedence.trusted or c.defined]
    kept = list(strong)
    learned = [c for c in learned if not any(c.overlaps(s) for s in strong)]
    for cand in rules:
        if cand.source in precedence.trusted or cand.defined:
            continue
        overlapping = [c for c in learned if c.overlaps(cand)]
        if overlapping:
            same = [c for c in overlapping if (c.start, c.end, c.label) == (cand.start, cand.end, cand.label)]
            if same:
                kept.append(cand)
                learned = [c for c in learned if c not in same]
        elif cand.source not in precedence.confirmed:
            kept.append(cand)
    return kept + learned


def resolve(
    text: str,
    cands: list[Candidate],
    abbreviations: Sequence[Abbreviation],
    sentences: Sentences,
    title_end: int,
    precedence: Precedence = Precedence(),
) -> list[Mention]:
    """The whole resolution, in order."""
    link_abbreviations(text, cands, abbreviations)
    cands = combine(cands, precedence)
    merge_spellings(cands)
    type_by_task_noun(text, cands)
    unify_labels(cands, precedence.rank)
    kept = [
        c
        for c in salient(cands, title_end)
        if not is_generic(
            c, text[c.start : c.end], learned=precedence.own_layer(c.source) or c.learned_agrees
        )
    ]
    if precedence.alternatives:
        sources = sorted({c.source for c in kept if precedence.own_layer(c.source)})
        layers = (
            [c for c in kept if not precedence.own_layer(c.source)],
            *([c for c in kept if c.source == source] for source in sources),
        )
        kept = sorted(
            (c for layer in layers for c in settle_overlaps(layer, len(text), precedence.rank)),
            key=lambda c: (c.start, c.end),
        )
    else:
        kept = settle_overlaps(kept, len(text), precedence.rank)
    return to_mentions(text, kept, sentences, title_end)
