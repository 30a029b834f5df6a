"""Concepts: the text layer, mining, the shipped vocabulary (its judged top 40), linking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.concepts.link import link, matches
from kg.concepts.mine import Document, MiningSettings, mine, top
from kg.concepts.text import chunks, phrase_key
from kg.concepts.vocabulary import Concept, Vocabulary, shipped
from kg.errors import KGError

JUDGED = Path(__file__).parent / "data" / "concepts_top40.json"


def test_the_judged_top_40_is_the_shipped_vocabulary_s_and_at_least_36_are_concepts() -> None:
    judged = json.loads(JUDGED.read_text(encoding="utf-8"))["rows"]
    assert [c.name for c in shipped().concepts[:40]] == [row["name"] for row in judged]
    verdicts = [row["verdict"] for row in judged]
    assert set(verdicts) <= {"concept", "generic"}
    assert verdicts.count("concept") >= 36, [row["name"] for row in judged if row["verdict"] == "generic"]


def test_the_shipped_vocabulary_has_no_listed_generic_phrase() -> None:
    from kg.concepts.text import word_list

    generic = word_list("generic_phrases.txt")
    heads = word_list("generic_heads.txt")
    for concept in shipped().concepts:
        for form in concept.forms:
            assert form not in generic and form.split()[-1] not in heads, form


def test_concepts_that_are_gazetteer_entities_carry_the_entity_id() -> None:
    by_key = {c.key: c for c in shipped().concepts}
    assert by_key["reinforcement-learning"].id == "method:reinforcement-learning"
    assert by_key["semantic-segmentation"].id == "task:semantic-segmentation"
    assert all(c.id.startswith("concept:") for c in shipped().concepts if c.entity is None)


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_chunk_tokens_point_into_the_text(text: str) -> None:
    for chunk in chunks(text):
        for token in chunk:
            assert text[token.start : token.end].lower() == token.word


@given(
    st.lists(
        st.sampled_from(["semantic", "segmentation", "of", "the", "mixture", "experts", ".", ",", "x"]),
        max_size=40,
    )
)
@settings(max_examples=200, deadline=None)
def test_matches_are_vocabulary_forms_in_order_without_overlap(words: list[str]) -> None:
    vocabulary = Vocabulary(
        100,
        (
            Concept(
                "semantic-segmentation", "semantic segmentation", 5, 0.3, 0.5, ("semantic segmentation",)
            ),
            Concept("mixture-of-experts", "mixture of experts", 5, 0.3, 0.5, ("mixture of experts",)),
        ),
    )
    text = " ".join(words)
    end = -1
    for concept, start, stop in matches(text, vocabulary):
        assert start >= end
        assert " ".join(text[start:stop].lower().split()) in concept.forms
        end = stop


def test_a_paper_links_to_its_concepts_with_normalised_tf_idf_weights() -> None:
    title = "MaskLLM: Learnable Semi-Structured Sparsity for Large Language Models"
    abstract = (
        "Large Language Models are distinguished by their massive parameter counts. We prune them with "
        "semi-structured sparsity and knowledge distillation; semi-structured sparsity keeps 2:4 patterns."
    )
    links = link(title, abstract, shipped())
    assert links, "the paper has concepts"
    assert abs(sum(lk.weight**2 for lk in links) - 1.0) < 1e-3
    text = f"{title}\n{abstract}"
    for lk in links:
        assert text[lk.start : lk.end] == lk.surface and lk.surface in lk.sentence
    assert link(title, abstract, shipped()) == links  # deterministic


def test_vocabulary_round_trips_and_a_bad_line_names_the_file_and_line(tmp_path: Path) -> None:
    vocabulary = Vocabulary(
        10,
        (
            Concept("a-b", "a b", 3, 0.1, 0.2, ("a b", "a bs"), None),
            Concept("c", "c", 2, 0.1, 1.0, ("c",), "method:c"),
        ),
    )
    path = tmp_path / "v.tsv"
    vocabulary.save(path)
    assert Vocabulary.read(path).concepts == vocabulary.concepts
    path.write_text(path.read_text() + "broken line\n")
    with pytest.raises(KGError, match=r"v\.tsv:5: malformed"):
        Vocabulary.read(path)


def _corpus() -> list[Document]:
    docs = []
    for i in range(60):
        if i % 2:
            text = (
                f"Paper {i}: semantic segmentation with graph pruning. Experimental results show that "
                "graph pruning, a simple idea; semantic segmentation."
            )
            docs.append(Document(text, "cs.CV"))
        else:
            text = (
                f"Study {i}: reward hacking in preference tuning. Experimental results show that "
                "reward hacking, an old problem; preference tuning."
            )
            docs.append(Document(text, "cs.CL"))
    return docs


def test_mining_keeps_specific_phrases_drops_generic_ones_and_merges_entities() -> None:
    entities = {
        phrase_key(["semantic", "segmentation"]): ("task:semantic-segmentation", "semantic segmentation")
    }
    vocabulary, dropped = mine(
        _corpus(), settings=MiningSettings(min_df=10, max_df_share=0.6), entities=entities
    )
    names = {c.name for c in vocabulary.concepts}
    assert {"reward hacking", "graph pruning", "semantic segmentation"} <= names
    assert "experimental results" not in names  # a generic head ("results") and not specific
    merged = {c.name: c.id for c in vocabulary.concepts}
    assert merged["semantic segmentation"] == "task:semantic-segmentation"
    assert merged["reward hacking"] == "concept:reward-hacking"
    assert [c.name for c in top(vocabulary, 5)] == [c.name for c in vocabulary.concepts if c.entity is None][
        :5
    ]
    assert dropped  # the report says what each filter dropped


@pytest.mark.parametrize(
    ("phrase", "why"),
    [
        ("mainly focused", "adverb and its word"),
        ("computationally expensive", "adverb and its word"),
        ("sizes ranging", "clause fragment"),
        ("experiments conducted", "clause fragment"),
        ("importance of data", "generic X of Y"),
        ("quality of generated", "generic X of Y"),
        ("reducing computational", "verb and modifier"),
        ("model s internal", "possessive fragment"),
    ],
)
def test_generic_shapes_are_named(phrase: str, why: str) -> None:
    from kg.concepts.shape import generic_shape

    assert generic_shape(phrase.split()) == why


@pytest.mark.parametrize(
    "phrase",
    [
        "anomaly detection",
        "chain of thought reasoning",
        "mixture of experts",
        "alzheimer s disease",
        "physics informed",
        "k means clustering",
        "semi structured sparsity",
        "hallucination",
        "reward hacking",
    ],
)
def test_concept_shapes_pass(phrase: str) -> None:
    from kg.concepts.shape import generic_shape

    assert generic_shape(phrase.split()) is None


def test_the_shipped_vocabulary_has_no_generic_shape_but_entities() -> None:
    from kg.concepts.shape import generic_shape

    shaped = [
        c.name
        for c in shipped().concepts
        if c.entity is None and all(generic_shape(f.split()) for f in c.forms)
    ]
    assert shaped == []


def test_specific_concepts_weigh_more_than_generic_ones_of_the_same_frequency() -> None:
    vocabulary = shipped()
    by_name = {c.name: c for c in vocabulary.concepts}
    zero_shot, point_cloud = by_name["zero shot"], by_name["point cloud"]
    assert zero_shot.specificity < point_cloud.specificity
    ratio = vocabulary.weight(point_cloud) / vocabulary.weight(zero_shot)
    assert ratio > 2 * vocabulary.idf(point_cloud) / vocabulary.idf(zero_shot)
