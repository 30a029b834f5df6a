"""The concept vocabulary: concepts with their document frequency, read from a shipped TSV file."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kg.concepts.text import DATA
from kg.errors import KGError

SHIPPED = DATA / "vocabulary.tsv"
SPECIFICITY_FLOOR = 0.001
"""Added to a concept's specificity in its weight, so no concept weighs nothing."""
_COLUMNS = ("key", "name", "df", "specificity", "cohesion", "entity", "forms")


@dataclass(frozen=True, slots=True)
class Concept:
    """A mined concept. ``df``: documents of the mined corpus linked to it; ``specificity``: the KL
    divergence of those documents' primary categories from the corpus's; ``cohesion``: its lowest normalised
    PMI; ``forms``: the lower-case spellings matched in text; ``entity``: the id of the gazetteer
    entity it is (then it is that node, not a Concept node)."""

    key: str
    name: str
    df: int
    specificity: float
    cohesion: float
    forms: tuple[str, ...]
    entity: str | None = None

    @property
    def id(self) -> str:
        """The graph node id: the entity's when it is one, else ``concept:<key>``."""
        return self.entity or f"concept:{self.key}"


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Concepts mined from ``n_docs`` documents, most frequent first."""

    n_docs: int
    concepts: tuple[Concept, ...]
    _by_form: dict[tuple[str, ...], Concept] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for concept in self.concepts:
            for form in concept.forms:
                self._by_form[tuple(form.split())] = concept

    def idf(self, concept: Concept) -> float:
        """``log(N / df)``: rare concepts weigh more."""
        return math.log(self.n_docs / max(1, concept.df))

    def weight(self, concept: Concept) -> float:
        """A concept's weight in a paper per occurrence: its IDF times its specificity (plus
        :data:`SPECIFICITY_FLOOR`), so a phrase of every field ("zero shot", "multi turn") counts
        less than one of a field ("semantic segmentation", "speech recognition") of the same
        frequency. Tuned on papers apart from the ones the similarity bar is reported on
        (``bench/tune_similarity.py``)."""
        return self.idf(concept) * (concept.specificity + SPECIFICITY_FLOOR)

    def by_form(self, words: tuple[str, ...]) -> Concept | None:
        return self._by_form.get(words)

    def save(self, path: Path) -> None:
        """Write the vocabulary as TSV (a ``# n_docs`` line, a header, one concept a line)."""
        lines = [f"# n_docs\t{self.n_docs}", "\t".join(_COLUMNS)]
        for c in self.concepts:
            values = (c.key, c.name, c.df, c.specificity, c.cohesion, c.entity or "", "|".join(c.forms))
            lines.append("\t".join(map(str, values)))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> Vocabulary:
        """Read a vocabulary written by :meth:`save`; a malformed line is a :class:`KGError`."""
        lines = path.read_text(encoding="utf-8").splitlines()
        if len(lines) < 2 or not lines[0].startswith("# n_docs\t") or tuple(lines[1].split("\t")) != _COLUMNS:
            raise KGError(f"{path}:1: not a concept vocabulary")
        concepts: list[Concept] = []
        for number, line in enumerate(lines[2:], start=3):
            parts = line.split("\t")
            try:
                key, name, df, spec, coh, entity, forms = parts
                concepts.append(
                    Concept(
                        key, name, int(df), float(spec), float(coh), tuple(forms.split("|")), entity or None
                    )
                )
            except ValueError:
                raise KGError(f"{path}:{number}: malformed concept line") from None
        return cls(n_docs=int(lines[0].split("\t")[1]), concepts=tuple(concepts))


@cache
def shipped() -> Vocabulary:
    """The vocabulary shipped with paper-kg (``kg/data/concepts/vocabulary.tsv``), read once."""
    return Vocabulary.read(SHIPPED)
