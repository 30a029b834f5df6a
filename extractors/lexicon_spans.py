"""``kg_lexicon``: names the annotations know, found wherever they are written, as candidates.

Most entities that the recogniser and the rules miss are names that annotated abstracts already
name ("boosted trees", "instruction following", "Common Voice"). This component proposes every
occurrence of such a name, typed by how the annotations typed it, and leaves the verdict to the
trained entity filter (``kg_filter``), which knows how often each name is an entity where it
occurs. The names and their types are trained data (``scripts/train/filter.py``), saved in the
pipeline folder (``kg_lexicon/names.json``).

Matching is on tokens: a run of up to ``MAX_TOKENS`` tokens matches a name when their
``normalise_key`` forms, joined, equal the name's key (so "GPT-4o", "GPT 4o" and "gpt4o" are one).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from extractors.components import BatchComponent
from extractors.learned import span_candidate
from extractors.names import normalise_key
from extractors.state import doc_state
from extractors.types import Label

MAX_TOKENS = 8
SOURCE = "kg_lexicon"
LABELS = ("Method", "Dataset", "Model", "Task", "Metric")


def lexicon_names(
    table: Mapping[str, Mapping[str, int]], *, min_share: float, labels: Iterable[str]
) -> dict[str, str]:
    """Name key -> type for the names annotated as one type in at least ``min_share`` of the
    annotated abstracts they occur in (``table``: :class:`extractors.entity_filter.Lexicon` counts)."""
    wanted = set(labels)
    names = {}
    for key, counts in table.items():
        typed = sorted(((n, label) for label, n in counts.items() if label in wanted), reverse=True)
        if not typed or len(key) < 2:
            continue
        count, label = typed[0]
        if count / max(counts.get("occurs", 0), 1) >= min_share:
            names[key] = label
    return names


class LexiconSpans(BatchComponent):
    """Every occurrence of a known name -> a candidate of its annotated type."""

    def __init__(self, name: str, confidence: float, min_share: float = 0.2) -> None:
        self.name = name
        self.confidence = confidence
        self.min_share = min_share
        self.names: dict[str, str] = {}
        self._prefixes: frozenset[str] = frozenset()
        self._token_keys: dict[int, str] = {}

    def set_lexicon(self, table: Mapping[str, Mapping[str, int]]) -> None:
        """Know the names of an annotation lexicon (:class:`extractors.entity_filter.Lexicon` counts)."""
        self.set_names(lexicon_names(table, min_share=self.min_share, labels=LABELS))

    def set_names(self, names: Mapping[str, str]) -> None:
        """Replace the known names (key -> type name)."""
        self.names = dict(names)
        prefixes: set[str] = set()
        for key in self.names:
            prefixes.update(key[:i] for i in range(1, len(key)))
        self._prefixes = frozenset(prefixes)
        self._token_keys = {}

    def _keys(self, doc: Doc) -> list[str]:
        """Each token's match key (cached by the token's text)."""
        cache = self._token_keys
        keys = []
        for token in doc:
            key = cache.get(token.orth)
            if key is None:
                key = cache[token.orth] = normalise_key(token.text)
            keys.append(key)
        return keys

    def __call__(self, doc: Doc) -> Doc:
        if not self.names:
            return doc
        state = doc_state(doc)
        found = {(c.start, c.end, c.label) for c in state.candidates}
        keys = self._keys(doc)
        names, prefixes = self.names, self._prefixes
        for i, first in enumerate(keys):
            if not first:
                continue
            key = ""
            for j in range(i, min(i + MAX_TOKENS, len(doc))):
                if keys[j]:
                    key += keys[j]
                    kind = names.get(key)
                    if kind is not None:
                        start, end = doc[i].idx, doc[j].idx + len(doc[j])
                        label = Label(kind)
                        if (start, end, label) not in found:
                            surface = state.text[start:end]
                            state.candidates.append(
                                span_candidate(label, start, end, surface, self.name, self.confidence)
                            )
                if key not in prefixes:
                    break
        return doc

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "names.json").write_text(json.dumps(self.names, sort_keys=True, indent=0) + "\n")

    def from_disk(self, path: str | Path, **kwargs: Any) -> LexiconSpans:
        names = Path(path) / "names.json"
        if names.exists():
            self.set_names(json.loads(names.read_text(encoding="utf-8")))
        return self
