"""The extraction pipeline on hand-written sentences: abbreviations, roles, generic phrases,
gazetteer casing, head-noun phrases and context-named datasets."""

from __future__ import annotations

from typing import Any

import pytest

from extractors.datasets import find_dataset_names
from extractors.phrases import find_phrases
from extractors.roles import is_proposed
from kg.extraction import paper_entities
from kg.model import Label, Paper
from kg.pipeline import extract

# These test the rule layer (the trained filter decides later which of its finds to keep).
pytestmark = pytest.mark.usefixtures("rules_only")


def entities(title: str, abstract: str) -> dict[str, Any]:
    ((paper, mentions),) = list(extract([Paper(title=title, abstract=abstract)]))
    return paper_entities(paper, mentions)


def names(found: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {e["name"]: e for e in found[kind]}


@pytest.mark.parametrize(
    "abstract",
    [
        "We propose Dynamic Sparse No Training (DSnoT), a training-free method. DSnoT prunes weights.",
        "We propose DSnoT (Dynamic Sparse No Training), a training-free method. DSnoT prunes weights.",
    ],
)
def test_abbreviations_in_both_orders_are_one_proposed_method(abstract: str) -> None:
    found = entities("Pruning without training", abstract)
    (method,) = [m for m in found["methods"] if "DSnoT" in m["aliases"] or m["name"] == "DSnoT"]
    assert method["role"] == "proposed"
    assert {method["name"], *method["aliases"]} >= {"DSnoT", "Dynamic Sparse No Training"}
    assert len(method["evidence"]) == 3  # the long form, the short form, the later use


def test_known_methods_keep_their_canonical_name_and_are_used() -> None:
    found = entities(
        "A study of preference tuning",
        "We compare Direct Preference Optimization (DPO) with reinforcement learning from human feedback.",
    )
    methods = names(found, "methods")
    assert methods["direct preference optimization"]["aliases"] == ["DPO", "Direct Preference Optimization"]
    assert methods["direct preference optimization"]["role"] == "used"
    assert methods["reinforcement learning from human feedback"]["role"] == "used"


def test_evidence_offsets_index_title_newline_abstract() -> None:
    title, abstract = "Distilling small models", "We apply knowledge distillation to BERT."
    found = entities(title, abstract)
    (evidence,) = names(found, "methods")["knowledge distillation"]["evidence"]
    text = f"{title}\n{abstract}"
    assert text[evidence["start"] : evidence["end"]] == "knowledge distillation"
    assert evidence["sentence"] == abstract


@pytest.mark.parametrize(
    ("sentence", "mention", "proposed"),
    [
        ("In this paper, we propose a novel framework named TreeSynth.", "TreeSynth", True),
        ("We introduce a new benchmark, termed WorldBench, for evaluation.", "WorldBench", True),
        ("We present MaskLLM, a learnable pruning method.", "MaskLLM", True),
        ("TreeSynth, a novel data synthesis approach, divides the space.", "TreeSynth", True),
        ("Existing methods such as LoRA are costly.", "LoRA", False),
        ("We fine-tune with LoRA and compare against DPO.", "DPO", False),
    ],
)
def test_role_cues(sentence: str, mention: str, proposed: bool) -> None:
    start = sentence.index(mention)
    assert is_proposed(sentence, start, start + len(mention)) is proposed


def test_generic_phrases_are_not_entities() -> None:
    found = entities(
        "Large Language Models (LLMs) for everything",
        "Multimodal large language models (MLLMs) and small language models (SLMs) rely on deep learning.",
    )
    everything = [
        e["name"].lower() for kind in ("methods", "datasets", "models", "tasks") for e in found[kind]
    ]
    assert not any(n in everything for n in ("llms", "large language models", "mllms", "deep learning"))


def test_acronym_gazetteer_entries_match_only_as_written() -> None:
    found = entities("Glue and math", "We glue parts together with math. Results on GLUE and MATH improve.")
    datasets = [d for d in found["datasets"] if d["name"] in ("GLUE", "MATH")]
    assert [len(d["evidence"]) for d in datasets] == [1, 1]


def test_head_noun_phrases() -> None:
    text = (
        "We use temperature sampling and policy distillation for controversy detection; it reduces sampling."
    )
    found = {(p.label, p.text, p.strong) for p in find_phrases(text)}
    assert (Label.METHOD, "temperature sampling", True) in found
    assert (Label.METHOD, "policy distillation", True) in found
    assert (Label.TASK, "controversy detection", False) in found
    assert not any(text == "reduces sampling" for _, text, _ in found)


def test_datasets_named_by_context() -> None:
    text = "We release the Community Alignment dataset. Experiments on CTB5, UD1.4 and OntoNotes4.0 follow."
    assert [(d.name, d.with_head) for d in find_dataset_names(text)] == [
        ("Community Alignment", "Community Alignment dataset"),
        ("CTB5", None),
        ("UD1.4", None),
        ("OntoNotes4.0", None),
    ]


def test_links_are_repos_with_kind() -> None:
    found = entities("X", "Code: https://github.com/NVlabs/MaskLLM. Weights at huggingface.co/org/model.")
    assert [(r["url"], r["kind"]) for r in found["repos"]] == [
        ("https://github.com/NVlabs/MaskLLM", "code"),
        ("huggingface.co/org/model", "model"),
    ]


def test_a_coined_name_used_as_the_x_task_is_a_task() -> None:
    found = entities(
        "Explaining spoof detection",
        "Face Anti-Spoofing (FAS) protects face recognition. We recast the FAS task as question answering.",
    )
    assert "Face Anti-Spoofing" in names(found, "tasks")
    assert "Face Anti-Spoofing" not in names(found, "methods")


@pytest.mark.parametrize(
    "abstract",
    [
        "Models are either Fine-Tuned (FT) or Pre-Trained (PT). FT models differ from PT models.",
        "Real data has a long-tailed (LT) distribution. LT data hurts.",
    ],
)
def test_defined_adjectives_are_not_methods(abstract: str) -> None:
    found = entities("Merging models", abstract)
    assert not {n.lower() for n in names(found, "methods")} & {"fine-tuned", "pre-trained", "long-tailed"}


def test_measures_inside_adjectives_are_not_metrics() -> None:
    found = entities(
        "Efficient translation",
        "We present a high-accuracy system. Cross entropy is an accuracy-oriented objective.",
    )
    assert "accuracy" not in names(found, "metrics")


def test_method_phrases_that_modify_a_data_noun_are_not_methods() -> None:
    found = entities(
        "Adaptive sampling strategies to construct equitable training datasets",
        "We build equitable training datasets with a data sampling function and a spatial partitioning tree.",
    )
    methods = {n.lower() for n in names(found, "methods")}
    assert not methods & {"equitable training", "data sampling", "spatial partitioning"}


def test_a_method_named_only_in_passing_in_the_title_is_dropped() -> None:
    found = entities(
        "Upsample or upweight? Balanced training on imbalanced data",
        "We compare scalarization with temperature sampling on imbalanced corpora.",
    )
    assert "balanced training" not in {n.lower() for n in names(found, "methods")}


def test_listed_tasks_end_at_the_verb() -> None:
    found = entities(
        "Dice loss for imbalanced NLP tasks",
        "Many NLP tasks such as tagging and machine reading comprehension are faced with data imbalance.",
    )
    assert "machine reading comprehension are faced" not in names(found, "tasks")


def test_a_known_method_inside_a_longer_method_phrase_is_kept() -> None:
    found = entities(
        "Multi-Level Knowledge Distillation for Out-of-Distribution Detection",
        "We study multi-level knowledge distillation for detection.",
    )
    methods = {n.lower() for n in names(found, "methods")}
    assert {"multi-level knowledge distillation", "knowledge distillation"} <= methods


@pytest.mark.parametrize("long_form", ["small-scale Multimodal Language Models", "large-scale MLLM"])
def test_scaled_model_classes_are_generic(long_form: str) -> None:
    found = entities("Making models tiny", f"We distil a {long_form} (s-MLLM) from a teacher.")
    assert long_form not in names(found, "methods")
