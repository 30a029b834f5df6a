"""Statistical phrase mining: the concept vocabulary of a corpus of abstracts.

A phrase is a concept when it is
- frequent: in at least ``min_df`` documents;
- cohesive: its words do not occur together less often than chance (the lowest normalised PMI
  of its binary splits, document counts, at least ``min_npmi``: common words such as "image" and
  "generation" co-occur in documents without the phrase, so the bar is just below zero);
- independent: not mostly the fragment of one longer phrase ("language model" inside
  "large language model" is kept only if it stands alone often enough);
- specific: its documents' primary categories differ from the corpus's (Kullback-Leibler
  divergence), which generic phrases ("experimental results") do not; a single word must be a
  gazetteer entity ("RL") or a nominalisation ("-tion", "-ing", "-ity" ...) not in
  ``generic_words.txt``, and be bursty (occur on average at least ``min_unigram_burstiness``
  times in the abstracts that use it: "hallucination", "pruning" are, "appearance", "execution"
  are not) and in at most ``max_unigram_df_share`` of them;
- not generic by the data lists ``generic_phrases.txt`` (whole phrases) and ``generic_heads.txt``
  (a phrase whose last word is one: "proposed method", "extensive experiments"), nor by its
  shape (:mod:`kg.concepts.shape`: "mainly focused", "sizes ranging", "importance of data").

The kept concepts are then counted as linking finds them (longest phrase first): a concept's
``df`` is the number of documents it is linked to, and its ``specificity`` the divergence of those
documents' categories, which weighs it in a paper (:meth:`Vocabulary.weight`).

Phrases with one key (plural, hyphen, spelling variants) are one concept; its name is its most
frequent spelling. A concept whose key is a gazetteer entity's carries that entity's id.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kg.concepts.link import longest
from kg.concepts.shape import generic_shape
from kg.concepts.text import MAX_WORDS, candidates, chunks, good_end, phrase_key, stopwords, word_list
from kg.concepts.vocabulary import Concept, Vocabulary

_NOMINAL = re.compile(r"(?:tion|sion|ing|ity|ness|ment|ism|ance|ence)s?$")


@dataclass(frozen=True, slots=True)
class MiningSettings:
    """The thresholds of :func:`mine` (the shipped vocabulary's are the defaults)."""

    min_df: int = 10
    min_npmi: float = -0.1
    min_independence: float = 0.3
    min_specificity: float = 0.06
    min_unigram_burstiness: float = 1.7
    max_unigram_df_share: float = 0.03
    max_df_share: float = 0.08


@dataclass(frozen=True, slots=True)
class Document:
    """One abstract to mine: its text (title and abstract) and its primary category."""

    text: str
    category: str


def _doc_ngrams(doc_chunks: list[list[str]], stop: frozenset[str]) -> set[tuple[str, ...]]:
    grams: set[tuple[str, ...]] = set()
    for words in doc_chunks:
        for i, j in candidates(words, stop):
            grams.add(tuple(words[i:j]))
    return grams


def count(
    documents: Iterable[Document], min_df: int
) -> tuple[int, Counter[tuple[str, ...]], Counter[str], Counter[str], list[tuple[list[list[str]], str]]]:
    """Document frequencies of candidate phrases (pruned a priori: an n-gram is counted only if
    its two (n-1)-word parts are frequent), category counts, word counts (occurrences) and the
    tokenised corpus."""
    docs: list[tuple[list[list[str]], str]] = []
    categories: Counter[str] = Counter()
    unigram_df: Counter[tuple[str, ...]] = Counter()
    word_tf: Counter[str] = Counter()
    for doc in documents:
        doc_chunks = [[t.word for t in chunk] for chunk in chunks(doc.text)]
        docs.append((doc_chunks, doc.category))
        categories[doc.category] += 1
        unigram_df.update({(w,) for words in doc_chunks for w in words})
        word_tf.update(w for words in doc_chunks for w in words)
    df: Counter[tuple[str, ...]] = Counter({g: c for g, c in unigram_df.items() if c >= min_df})
    for n in range(2, MAX_WORDS + 1):
        counts: Counter[tuple[str, ...]] = Counter()
        for doc_chunks, _ in docs:
            seen: set[tuple[str, ...]] = set()
            for words in doc_chunks:
                for i in range(len(words) - n + 1):
                    gram = tuple(words[i : i + n])
                    if gram[:-1] in df and gram[1:] in df:
                        seen.add(gram)
            counts.update(seen)
        frequent = {g: c for g, c in counts.items() if c >= min_df}
        if not frequent:
            break
        df.update(frequent)
    return len(docs), df, categories, word_tf, docs


def _npmi(gram: tuple[str, ...], df: Counter[tuple[str, ...]], n_docs: int) -> float:
    """The lowest normalised PMI over the binary splits of ``gram`` (1.0 for one word)."""
    if len(gram) == 1:
        return 1.0
    p_ab = df[gram] / n_docs
    worst = 1.0
    for k in range(1, len(gram)):
        left, right = gram[:k], gram[k:]
        if left[-1] == "of" or right[0] == "of":  # split around the linker, not at it
            continue
        p_a, p_b = df[left] / n_docs, df[right] / n_docs
        if not p_a or not p_b:
            continue
        pmi = math.log(p_ab / (p_a * p_b))
        worst = min(worst, pmi / -math.log(p_ab) if p_ab < 1 else 0.0)
    return worst


def _kl(dist: Counter[str], prior: dict[str, float]) -> float:
    total = sum(dist.values())
    smoothed = {c: (dist.get(c, 0) + prior[c] * 5) / (total + 5) for c in prior}
    return sum(p * math.log(p / prior[c]) for c, p in smoothed.items() if p > 0)


def mine(
    documents: Iterable[Document],
    *,
    settings: MiningSettings | None = None,
    entities: dict[str, tuple[str, str]] | None = None,
) -> tuple[Vocabulary, dict[str, list[tuple[str, str]]]]:
    """The concept vocabulary of ``documents``; also what each filter dropped (key, reason)
    for the report. ``entities`` maps a phrase key to a gazetteer entity (id, name)."""
    settings = settings or MiningSettings()
    stop = stopwords()
    generic = word_list("generic_phrases.txt")
    single_generic = word_list("generic_words.txt")
    entity_words = {key for key in (entities or {}) if "-" not in key}
    heads = word_list("generic_heads.txt")
    n_docs, df, categories, word_tf, docs = count(documents, settings.min_df)
    prior = {c: n / n_docs for c, n in categories.items() if n / n_docs >= 0.002}
    other = "other"
    prior[other] = max(1e-6, 1 - sum(prior.values()))

    phrases = [
        g
        for g in df
        if good_end(g[0], stop) and good_end(g[-1], stop) and all(w == "of" or w not in stop for w in g[1:-1])
    ]
    cand = set(phrases)
    # Containment: the df of the most frequent candidate one word longer that contains a phrase.
    container: dict[tuple[str, ...], int] = defaultdict(int)
    for g in phrases:
        if len(g) > 1:
            for part in (g[:-1], g[1:]):
                container[part] = max(container[part], df[g])
    dropped: dict[str, list[tuple[str, str]]] = defaultdict(list)
    kept: list[tuple[str, ...]] = []
    for g in phrases:
        text = " ".join(g)
        if len(g) == 1 and (g[0] in single_generic or phrase_key(g) in single_generic):
            dropped["generic list"].append((text, str(df[g])))
            continue
        if len(g) == 1 and g[0] not in entity_words:
            if not _NOMINAL.search(g[0]):
                continue  # one word: a nominalisation ("hallucination", "pruning") or an entity
            if word_tf[g[0]] / df[g] < settings.min_unigram_burstiness:
                dropped["one word, not bursty"].append((text, f"{word_tf[g[0]] / df[g]:.2f}"))
                continue
        if df[g] > settings.max_df_share * n_docs:
            dropped["too common"].append((text, str(df[g])))
        elif text in generic or g[-1] in heads or all(w in heads for w in g):
            dropped["generic list"].append((text, str(df[g])))
        elif phrase_key(g) not in (entities or {}) and (shape := generic_shape(g)):
            dropped[f"generic shape: {shape}"].append((text, str(df[g])))
        elif _npmi(g, df, n_docs) < settings.min_npmi:
            dropped["not cohesive"].append((text, str(df[g])))
        elif 1 - container.get(g, 0) / df[g] < settings.min_independence:
            dropped["fragment"].append((text, str(df[g])))
        else:
            kept.append(g)
    # Category spread of the kept phrases, one more pass.
    kept_set = set(kept)
    spread: dict[tuple[str, ...], Counter[str]] = {g: Counter() for g in kept}
    for doc_chunks, category in docs:
        cat = category if category in prior else other
        for g in _doc_ngrams(doc_chunks, stop) & kept_set:
            spread[g][cat] += 1
    by_key: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    specificity: dict[tuple[str, ...], float] = {}
    for g in kept:
        specificity[g] = _kl(spread[g], prior)
        if specificity[g] < settings.min_specificity or (
            len(g) == 1 and df[g] > settings.max_unigram_df_share * n_docs
        ):
            dropped["not specific"].append((" ".join(g), f"{specificity[g]:.3f}"))
            continue
        key = phrase_key(g)
        entity = (entities or {}).get(key)
        by_key[f"={entity[0]}" if entity else key].append(g)
    del cand
    concepts: list[Concept] = []
    entities = entities or {}
    for key, grams in by_key.items():
        grams.sort(key=lambda g: (-df[g], g))
        best = grams[0]
        # A concept's documents: its spellings' union is not counted; the most frequent one's df
        # plus the others' is an upper bound, so use the largest (documents of one concept overlap).
        concept_df = max(df[g] for g in grams)
        entity = entities.get(key) if not key.startswith("=") else None
        if key.startswith("="):  # spellings of one gazetteer entity: one concept, the entity
            key = phrase_key(best)
            entity = (
                entities[key]
                if key in entities
                else next(entities[phrase_key(g)] for g in grams if phrase_key(g) in entities)
            )
        concepts.append(
            Concept(
                key=key,
                name=entity[1].lower() if entity else " ".join(best),
                df=concept_df,
                specificity=round(max(specificity[g] for g in grams), 4),
                cohesion=round(min(_npmi(g, df, n_docs) for g in grams), 4),
                forms=tuple(sorted({" ".join(g) for g in grams})),
                entity=entity[0] if entity else None,
            )
        )
    relinked = _relink(Vocabulary(n_docs=n_docs, concepts=tuple(concepts)), docs, prior, settings, dropped)
    return relinked, dict(dropped)


def _relink(
    vocabulary: Vocabulary,
    docs: list[tuple[list[list[str]], str]],
    prior: dict[str, float],
    settings: MiningSettings,
    dropped: dict[str, list[tuple[str, str]]],
) -> Vocabulary:
    """The concepts as linking sees them: each document linked to the vocabulary (longest
    phrases, :func:`kg.concepts.link.longest`), a concept's ``df`` is the number of documents it
    is found in and its ``specificity`` the divergence of their categories from the corpus's.
    A phrase mostly inside longer ones ("neural networks" in "graph neural networks") is found
    less often than it occurs; below ``min_df`` it is dropped."""
    spread: dict[str, Counter[str]] = defaultdict(Counter)
    for doc_chunks, category in docs:
        cat = category if category in prior else "other"
        found = {c.id for words in doc_chunks for c, _, _ in longest(words, vocabulary)}
        for concept_id in found:
            spread[concept_id][cat] += 1
    concepts: list[Concept] = []
    for c in vocabulary.concepts:
        found_in = sum(spread[c.id].values())
        if found_in < settings.min_df:
            dropped["inside longer phrases"].append((c.name, str(found_in)))
            continue
        specificity = round(_kl(spread[c.id], prior), 4)
        concepts.append(Concept(c.key, c.name, found_in, specificity, c.cohesion, c.forms, c.entity))
    concepts.sort(key=lambda c: (-c.df, c.key))
    return Vocabulary(n_docs=vocabulary.n_docs, concepts=tuple(concepts))


def top(vocabulary: Vocabulary, n: int, *, with_entities: bool = False) -> Sequence[Concept]:
    """The ``n`` most frequent concepts (by documents), entity-merged ones left out unless asked."""
    return [c for c in vocabulary.concepts if with_entities or c.entity is None][:n]
