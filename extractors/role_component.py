"""``kg_roles``: the trained role classifier decides proposed or used for every method and dataset.

Runs after ``kg_resolve`` on its mentions. Without trained weights (a pipeline assembled before
training) it leaves the resolver's rule roles as they are. A known entity (any form of a
gazetteer entry, whichever component found it) stays "used" whatever the classifier says: it
was published before.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from extractors.components import BatchComponent
from extractors.names import normalise_key
from extractors.role_model import RoleModel, entity_features
from extractors.sentences import sentence_bounds
from extractors.state import doc_state
from extractors.types import Label, Mention

ROLED = (Label.METHOD, Label.DATASET)


History = dict[str, tuple[int, int]]


def history_of(mentions: Sequence[Mention], history: History) -> tuple[int, int]:
    """Of the entity's forms, the most used one's (used, proposed) counts in the annotations."""
    counts = [history.get(normalise_key(form), (0, 0)) for m in mentions for form in (m.name, *m.aliases)]
    return max(counts, default=(0, 0))


def mention_features(
    text: str,
    title_end: int,
    mentions: Sequence[Mention],
    sentences: Sequence[tuple[int, int]],
    history: History | None = None,
) -> list[float]:
    """The role classifier's features of one entity, from its resolved mentions (rule roles included)."""
    return entity_features(
        text,
        title_end,
        [(m.start, m.end) for m in mentions],
        name=mentions[0].name,
        label=mentions[0].label.value,
        rule_proposed=any(m.role == "proposed" for m in mentions),
        defined=any(m.aliases for m in mentions),
        sources={m.extractor for m in mentions},
        sentences=sentences,
        history=history_of(mentions, history or {}),
    )


class RoleClassifier(BatchComponent):
    """Re-decide roles with :class:`RoleModel` (``threshold`` on the probability of proposed)."""

    def __init__(self, name: str, threshold: float, known: frozenset[str] = frozenset()) -> None:
        self.name = name
        self.threshold = threshold
        self.model = RoleModel()
        self.history: History = {}  # name key -> (used, proposed) annotated abstracts
        self.known = known  # match keys of every gazetteer form: published before, never proposed

    def __call__(self, doc: Doc) -> Doc:
        state = doc_state(doc)
        if not self.model.weights or not state.mentions:
            return doc
        sentences = state.sentences or sentence_bounds(state.text, state.title_end)
        groups: dict[str, list[Mention]] = {}
        for mention in state.mentions:
            if mention.label in ROLED:
                groups.setdefault(mention.node_id, []).append(mention)
        roles: dict[str, str] = {}
        for node_id, mentions in groups.items():
            sources = {m.extractor for m in mentions}
            x = mention_features(state.text, state.title_end, mentions, sentences, self.history)
            known = "kg_gazetteer" in sources or any(
                normalise_key(form) in self.known for m in mentions for form in (m.name, *m.aliases)
            )
            proposed = self.model.probability(x) >= self.threshold and not known
            roles[node_id] = "proposed" if proposed else "used"
        state.mentions = [
            m._replace(role=roles[m.node_id]) if m.node_id in roles else m for m in state.mentions
        ]
        return doc

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "weights.json").write_text(json.dumps(self.model.weights, indent=1, sort_keys=True) + "\n")
        (path / "history.json").write_text(json.dumps(self.history, sort_keys=True, indent=0) + "\n")

    def from_disk(self, path: str | Path, **kwargs: Any) -> RoleClassifier:
        weights, history = Path(path) / "weights.json", Path(path) / "history.json"
        if weights.exists():
            self.model = RoleModel(json.loads(weights.read_text()))
        if history.exists():
            self.history = {k: (v[0], v[1]) for k, v in json.loads(history.read_text()).items()}
        return self
