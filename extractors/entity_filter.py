"""``kg_filter``: the trained entity filter keeps or drops each entity the finders agreed on.

Rules and the trained recogniser both over-generate, and differently: where they agree, an
entity is usually right; where one alone finds it, it is right about a third of the time. A
logistic regression over signals of one entity in one abstract decides: which finders found it
and whether the recogniser agrees (same type, other type, overlap, none), where and how often it
is written, its shape and neighbouring words, and what the annotations say of its name (in how
many annotated abstracts that contain the name it is an entity, and of which type: the
annotations as a lexicon, but a feature rather than a verdict). Weights, the lexicon and a
threshold per type are trained by ``scripts/train/filter.py`` and shipped in the pipeline folder.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from extractors.components import BatchComponent
from extractors.logistic import LogisticModel
from extractors.names import normalise_key
from extractors.sentences import sentence_bounds
from extractors.state import doc_state
from extractors.types import Label, Mention

FILTERED = (Label.METHOD, Label.DATASET, Label.MODEL, Label.TASK, Label.METRIC)
NER_LABELS = {"METHOD": "Method", "DATASET": "Dataset", "MODEL": "Model", "TASK": "Task", "METRIC": "Metric"}
_WORD = re.compile(r"[A-Za-z0-9]+")
_MAX_GRAM = 6


def ngram_keys(text: str) -> set[str]:
    """Every run of 1-6 words of ``text`` as a match key (what ``normalise_key`` makes of a name)."""
    words = [w.lower() for w in _WORD.findall(text)]
    keys = set()
    for i in range(len(words)):
        key = ""
        for word in words[i : i + _MAX_GRAM]:
            key += word
            keys.add(key)
    return keys


class Lexicon:
    """Per name key: in how many annotated abstracts it is an entity of each type, and in how many
    it occurs at all."""

    def __init__(self, table: dict[str, dict[str, int]] | None = None) -> None:
        self.table = table or {}

    @classmethod
    def build(cls, papers: Iterable[tuple[str, dict[str, set[str]]]]) -> Lexicon:
        """From (text, {type: {forms annotated in that text}}) pairs."""
        papers = list(papers)
        table: dict[str, dict[str, int]] = {}
        for _, by_type in papers:
            for kind, forms in by_type.items():
                for key in {normalise_key(f) for f in forms} - {""}:
                    entry = table.setdefault(key, {"occurs": 0})
                    entry[kind] = entry.get(kind, 0) + 1
        for text, _ in papers:
            for key in ngram_keys(text) & table.keys():
                table[key]["occurs"] += 1
        return cls(table)

    def features(self, label: str, forms: Iterable[str]) -> dict[str, float]:
        best: dict[str, int] | None = None
        for form in sorted(forms):  # sorted: the same entry wins a tie whatever the hash seed
            entry = self.table.get(normalise_key(form))
            if entry is not None and (best is None or entry["occurs"] > best["occurs"]):
                best = entry
        if best is None:
            return {f"lex_unseen={label}": 1.0}
        occurs = max(best["occurs"], 1)
        annotated = sum(v for k, v in best.items() if k != "occurs")
        same = best.get(label, 0)
        return {
            f"lex_p={label}": (same + 0.5) / (occurs + 1.0),
            f"lex_any={label}": (annotated + 0.5) / (occurs + 1.0),
            f"lex_type={label}": same / annotated if annotated else 0.0,
            f"lex_log={label}": math.log1p(occurs) / 5.0,
        }


def _ner_agreement(mentions: Sequence[Mention], ents: Sequence[tuple[int, int, str]]) -> str:
    label = mentions[0].label.value
    best = "none"
    for m in mentions:
        for start, end, ent_label in ents:
            if start < m.end and m.start < end:
                if (start, end) == (m.start, m.end):
                    return "same" if ent_label == label else "exact_other"
                best = "overlap" if ent_label == label else ("overlap_other" if best == "none" else best)
    return best


def _word_at(text: str, start: int, end: int, *, before: bool) -> str:
    if before:
        words = _WORD.findall(text[max(0, start - 30) : start])
        return words[-1].lower() if words else "<s>"
    words = _WORD.findall(text[end : end + 30])
    return words[0].lower() if words else "</s>"


def entity_features(
    text: str,
    title_end: int,
    mentions: Sequence[Mention],
    ents: Sequence[tuple[int, int, str]],
    lexicon: Lexicon,
    sentences: Sequence[tuple[int, int]],
) -> dict[str, float]:
    """The signals of one entity (its mentions in one text) for the filter."""
    first = mentions[0]
    label = first.label.value
    name = first.name
    surfaces = [text[m.start : m.end] for m in mentions]
    f: dict[str, float] = {f"type={label}": 1.0}
    for source in {m.extractor for m in mentions}:
        f[f"src={label}:{source}"] = 1.0
    f[f"ner={label}:{_ner_agreement(mentions, ents)}"] = 1.0
    f[f"n={label}:{min(len(mentions), 4)}"] = 1.0
    first_sentence_end = next((end for start, end in sentences if start > title_end), len(text))
    if any(m.start < title_end for m in mentions):
        f[f"title={label}"] = 1.0
    if any(title_end < m.start < first_sentence_end for m in mentions):
        f[f"first={label}"] = 1.0
    if any(m.aliases for m in mentions):
        f[f"defined={label}"] = 1.0
    surface = surfaces[0]
    words = surface.split()
    f[f"words={label}:{min(len(words), 5)}"] = 1.0
    if surface[1:] != surface[1:].lower():
        f[f"caps={label}"] = 1.0
    if surface.isupper():
        f[f"allcaps={label}"] = 1.0
    if any(ch.isdigit() for ch in surface):
        f[f"digit={label}"] = 1.0
    if "-" in surface:
        f[f"hyphen={label}"] = 1.0
    if surface == surface.lower():
        f[f"lower={label}"] = 1.0
    f[f"head={label}:{words[-1].lower() if words else ''}"] = 1.0
    f[f"firstword={label}:{words[0].lower() if words else ''}"] = 1.0
    for m in mentions[:3]:
        f[f"prev={label}:{_word_at(text, m.start, m.end, before=True)}"] = 1.0
        f[f"next={label}:{_word_at(text, m.start, m.end, before=False)}"] = 1.0
    f.update(lexicon.features(label, {name, *surfaces, *(a for m in mentions for a in m.aliases)}))
    return f


def doc_entities(
    doc: Doc,
) -> tuple[dict[str, list[Mention]], list[tuple[int, int, str]], list[tuple[int, int]]]:
    """The doc's filterable entities (mentions by node id), the recogniser's spans and the sentences."""
    state = doc_state(doc)
    groups: dict[str, list[Mention]] = {}
    for mention in state.mentions or []:
        if mention.label in FILTERED:
            groups.setdefault(mention.node_id, []).append(mention)
    ents = [(e.start_char, e.end_char, NER_LABELS.get(e.label_, e.label_)) for e in doc.ents]
    sentences = state.sentences or sentence_bounds(state.text, state.title_end)
    return groups, ents, sentences


class EntityFilter(BatchComponent):
    """Drop the entities whose probability of being right is under their type's threshold."""

    def __init__(self, name: str, thresholds: dict[str, float]) -> None:
        self.name = name
        self.thresholds = thresholds
        self.model = LogisticModel()
        self.lexicon = Lexicon()

    def __call__(self, doc: Doc) -> Doc:
        state = doc_state(doc)
        if not self.model.weights or not state.mentions:
            return doc
        groups, ents, sentences = doc_entities(doc)
        dropped = set()
        for node_id, mentions in groups.items():
            x = entity_features(state.text, state.title_end, mentions, ents, self.lexicon, sentences)
            if self.model.probability(x) < self.thresholds.get(mentions[0].label.value, 0.5):
                dropped.add(node_id)
        if dropped:
            state.mentions = [m for m in state.mentions if m.node_id not in dropped]
        return doc

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "weights.json").write_text(json.dumps(self.model.weights, indent=0, sort_keys=True) + "\n")
        (path / "lexicon.json").write_text(json.dumps(self.lexicon.table, sort_keys=True) + "\n")

    def from_disk(self, path: str | Path, **kwargs: Any) -> EntityFilter:
        path = Path(path)
        if (path / "weights.json").exists():
            self.model = LogisticModel(json.loads((path / "weights.json").read_text()))
            self.lexicon = Lexicon(json.loads((path / "lexicon.json").read_text()))
        return self
