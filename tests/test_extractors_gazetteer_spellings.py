"""Gazetteer matching: curated patterns in every hyphenation of a training word ("finetuning",
"fine tuning"); one-word gerunds ("Boosting") count only where the paper dwells on them."""

from __future__ import annotations

import pytest

from kg.extraction import paper_entities
from kg.model import Paper
from kg.pipeline import extract
from scripts.build_curated import spellings

# These test the rule layer (the trained filter decides later which of its finds to keep).
pytestmark = pytest.mark.usefixtures("rules_only")


def test_spellings_of_training_words() -> None:
    assert spellings("supervised fine-tuning") == [
        "supervised fine-tuning",
        "supervised finetuning",
        "supervised fine tuning",
    ]
    assert spellings("continual pretraining")[1:] == ["continual pre-training", "continual pre training"]
    # Only training words: "preference" and "contrastive" keep their spelling.
    assert spellings("direct preference optimization") == ["direct preference optimization"]
    assert spellings("contrastive learning") == ["contrastive learning"]


@pytest.mark.parametrize(
    "written", ["supervised finetuning", "supervised fine tuning", "Supervised Fine-Tuning"]
)
def test_any_spelling_finds_the_curated_method(written: str) -> None:
    ((paper, mentions),) = list(
        extract([Paper(title="A study", abstract=f"We apply {written} to a small model.")])
    )
    names = {m["name"] for m in paper_entities(paper, mentions)["methods"]}
    assert "supervised fine-tuning" in names


@pytest.mark.parametrize(
    "sentence", ["Boosting recall is hard for small models.", "boosting recall is hard."]
)
def test_a_one_word_gerund_said_once_is_a_verb_whatever_its_case(sentence: str) -> None:
    ((paper, mentions),) = list(extract([Paper(title="A study", abstract=sentence)]))
    assert "boosting" not in {m["name"].lower() for m in paper_entities(paper, mentions)["methods"]}


def test_a_one_word_gerund_the_paper_dwells_on_is_a_method() -> None:
    abstract = "Boosting combines weak learners. We study boosting on text."
    ((paper, mentions),) = list(extract([Paper(title="A study", abstract=abstract)]))
    assert "boosting" in {m["name"].lower() for m in paper_entities(paper, mentions)["methods"]}
