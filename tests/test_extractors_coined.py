"""Names a paper defines or introduces: which long forms name an entity, and of which type."""

from __future__ import annotations

from typing import Any

import pytest

from extractors.coined import coined_label, find_coined_names
from kg.extraction import paper_entities
from kg.model import Label, Paper
from kg.pipeline import extract


def entities(title: str, abstract: str) -> dict[str, Any]:
    ((paper, mentions),) = list(extract([Paper(title=title, abstract=abstract)]))
    return paper_entities(paper, mentions)


@pytest.mark.parametrize(
    "long_form",
    [
        "graphics processing units",  # a plural head: a class of things
        "Knowledge Graphs",
        "Outcome Reward Models",
        "state-of-the-art",  # one lower-case word: an adjective or a field
        "autoregressive",
        "Alzheimer's disease",  # a non-method head
        "White blood cell",
    ],
)
def test_long_forms_that_name_no_method(long_form: str) -> None:
    assert coined_label(long_form) is None


@pytest.mark.parametrize(
    ("long_form", "label"),
    [
        ("Dynamic Sparse No Training", Label.METHOD),
        ("Low-Rank Adaptation", Label.METHOD),
        ("Mixture of Experts", Label.METHOD),  # the head is "Mixture", before the preposition
        ("Gradient Descent Analysis", Label.METHOD),  # -is is singular
        ("Massive Text Embedding Benchmark", Label.DATASET),
        ("summarization", Label.TASK),
        ("word error rate", Label.METRIC),
    ],
)
def test_long_forms_that_name_an_entity(long_form: str, label: Label) -> None:
    assert coined_label(long_form) is label


def test_defined_classes_of_things_are_not_methods() -> None:
    found = entities(
        "Faster clinical NLP",
        "We train on graphics processing units (GPUs) using electronic health records (EHRs).",
    )
    names = {m["name"] for m in found["methods"]}
    assert not names & {"graphics processing units", "electronic health records"}


@pytest.mark.parametrize(
    ("sentence", "name", "label"),
    [
        (
            "We introduce Shadow Distillation, a novel distillation technique.",
            "Shadow Distillation",
            Label.METHOD,
        ),
        ("We present Prism Transformer, a new attention mechanism.", "Prism Transformer", Label.METHOD),
        (
            "We introduce Tangle-Case Bench, a unified benchmark for tangled cases.",
            "Tangle-Case Bench",
            Label.DATASET,
        ),
        ("We introduce Riddle Humor Dataset (RHD), built from jokes.", "Riddle Humor Dataset", Label.DATASET),
    ],
)
def test_introduced_capitalised_names(sentence: str, name: str, label: Label) -> None:
    text = "A title\n" + sentence
    found = {text[start:end]: found_label for start, end, found_label in find_coined_names(text, 7)}
    assert found.get(name) is label


@pytest.mark.parametrize(
    ("sentence", "name", "label"),
    [
        ("We introduce Drift Factor, a measure of spread.", "Drift Factor", Label.METRIC),
        ("We propose Sliding Budget Windows, a way to cut text.", "Sliding Budget Windows", Label.METHOD),
    ],
)
def test_introduced_names_are_typed_by_their_head(sentence: str, name: str, label: Label) -> None:
    text = "A title\n" + sentence
    found = {text[start:end]: found_label for start, end, found_label in find_coined_names(text, 7)}
    assert found.get(name) is label


def test_an_uncapitalised_or_unintroduced_phrase_is_not_coined() -> None:
    text = "A title\nWe introduce a simple method, which works. Results Show Gains, a lot."
    assert list(find_coined_names(text, 7)) == []
