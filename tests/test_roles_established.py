"""Well-established methods are used, never proposed: by a cue, the role classifier or a title.

The list is data (``extractors/data/established_methods.txt``); every name on it is a gazetteer
form, and a known entity's role is "used" whatever else the pipeline thinks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extraction import extract_entities
from kg.ids import normalise_key
from kg.ingest import read_papers
from kg.model import Paper
from kg.pipeline import make_nlp

ESTABLISHED = Path(__file__).parents[1] / "extractors" / "data" / "established_methods.txt"
SAMPLE = Path(__file__).parent / "data" / "arxiv-daily-sample.jsonl.gz"
NAMES = [line for line in ESTABLISHED.read_text().splitlines() if line and not line.startswith("#")]


def test_every_established_method_is_known_to_the_role_classifier() -> None:
    known = make_nlp().get_pipe("kg_roles").known
    assert [name for name in NAMES if normalise_key(name) not in known] == []


@pytest.mark.parametrize(
    "name", ["Transformer", "LoRA", "knowledge distillation", "retrieval-augmented generation"]
)
def test_a_paper_that_says_it_introduces_an_established_method_uses_it(name: str) -> None:
    paper = Paper(
        title=f"{name} for Everything",
        abstract=f"We introduce {name} for image classification. {name} improves accuracy on ImageNet.",
    )
    (record,) = extract_entities([paper])
    roles = {e["name"].lower(): e["role"] for e in record["methods"]}
    assert all(role == "used" for role in roles.values())


def test_no_paper_of_the_corpus_sample_proposes_an_established_method() -> None:
    keys = {normalise_key(name) for name in NAMES}
    proposed = [
        (record["id"], e["name"])
        for record in extract_entities(list(read_papers(SAMPLE)))
        for e in record["methods"]
        if e["role"] == "proposed" and {normalise_key(f) for f in (e["name"], *e["aliases"])} & keys
    ]
    assert proposed == []
