"""``LiteralCues`` behaves exactly like the alternation it replaces, and the doc state is
readable through spaCy's ``doc._`` extensions."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from extractors.regex import LiteralCues
from kg.pipeline import make_nlp

SOURCES = [r"tasks?\s*(?:such as|:)", r"task\w*\s+on", r"metrics\b", "pre-?trained on", "trained on"]
ALTERNATION = re.compile(r"\b(?:" + "|".join(SOURCES) + ")")
WORDS = [
    "tasks",
    "task",
    "tasking",
    "such as",
    ":",
    "on",
    "metrics",
    "pre-trained",
    "pretrained",
    "trained",
    "subtasks",
    " ",
    "-",
    ",",
    "x",
]


@given(st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join))
def test_literal_cues_match_the_alternation(text: str) -> None:
    expected = [(m.start(), m.end()) for m in ALTERNATION.finditer(text)]
    assert [(m.start(), m.end()) for m in LiteralCues(SOURCES).finditer(text)] == expected


def test_doc_extensions_show_the_components_results() -> None:
    doc = make_nlp()("Distilling models\nWe apply knowledge distillation (KD) to BERT.")
    assert doc._.kg_title_end == len("Distilling models")
    assert doc._.kg_text.startswith("Distilling models\n")
    assert any(m.name == "knowledge distillation" for m in doc._.kg_mentions)
    assert doc._.kg_sentences and doc._.kg_abbreviations
