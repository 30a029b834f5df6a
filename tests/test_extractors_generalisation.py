"""General mechanisms, each on hand-written sentences: tasks written as verbs or "N of X"
phrases, clause-shaped list items, dataset names by shape and position, names hyphen-joined to a
known name, and spellings of one name."""

from __future__ import annotations

import pytest

from extractors.datasets import find_dataset_names
from extractors.enumerations import find_enumerations
from extractors.nominal import find_nominal_tasks, is_standalone_task, singular
from kg.model import Label
from kg.pipeline import mentions_of

# These test the rule layer (the trained filter decides later which of its finds to keep).
pytestmark = pytest.mark.usefixtures("rules_only")


def mentions(text: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for mention in mentions_of([text])[0]:
        found.setdefault(mention.label.value, set()).add(mention.name)
    return found


def nominal(title: str, abstract: str = "We study it.") -> list[str]:
    text = f"{title}\n{abstract}"
    return [task.name for task in find_nominal_tasks(text, len(title))]


# --- tasks written as a verb or an "N of X" phrase -------------------------------------------


@pytest.mark.parametrize(
    ("title", "task"),
    [
        ("Detecting Machine-Generated Texts with Probes", "machine-generated text detection"),
        ("Predicting Rare Events by Shrinking Odds", "rare event prediction"),
        ("Toward Mitigating Hallucinations in Vision Models", "hallucination mitigation"),
        ("SpecBox: Generating Grounded Responses from Tables", "grounded response generation"),
        ("A Toolkit for Detecting Label Biases", "label bias detection"),
        ("Compressing LLMs via Pruning", "LLM compression"),
    ],
)
def test_a_title_gerund_names_the_task_it_performs(title: str, task: str) -> None:
    assert nominal(title) == [task]


@pytest.mark.parametrize(
    "title",
    [
        "Detecting and Repairing Bugs",  # coordinated verbs: no object
        "Identifying Challenges in Preference Optimization",  # a vague object
        "Classifying Unipolar and Bipolar Depression",  # the object is only an adjective
        "Evaluation of Deep Generative Models",  # the object's noun is a class word
        "Summarization of Clinical Q&A Forums",  # the object is cut inside a word
        "Towards Detecting What Matters",  # no noun phrase follows
    ],
)
def test_title_gerunds_without_a_clean_object_give_nothing(title: str) -> None:
    assert nominal(title) == []


def test_an_of_phrase_is_inverted_into_the_task_name() -> None:
    found = nominal(
        "A Study",
        "We address the automatic detection of hate speech and the estimation of probabilities. "
        'We also report the evaluation of our method and the generation of auxiliary "thinking" tokens.',
    )
    assert found == ["hate speech detection", "probability estimation"]


def test_the_task_of_names_a_task_shaped_phrase() -> None:
    assert nominal("A Study", "We consider the task of claim span extraction. The task of ours is hard.") == [
        "claim span extraction"
    ]


@pytest.mark.parametrize(
    ("word", "one"),
    [
        ("Texts", "Texts"[:-1]),
        ("LLMs", "LLM"),
        ("anomalies", "anomaly"),
        ("Biases", "Bias"),
        ("hypotheses", "hypothesis"),
        ("news", "news"),
        ("analysis", "analysis"),
        ("bias", "bias"),
    ],
)
def test_singular(word: str, one: str) -> None:
    assert singular(word) == one


def test_a_title_gerund_task_reaches_the_mentions() -> None:
    found = mentions("Detecting Machine-Generated Texts by Multi-Population Probes\nWe study it.")
    assert "machine-generated text detection" in found.get("Task", set())


# --- list items that are clauses --------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "items"),
    [
        ("In essential tasks such as de-identification, there is less research.", ["de-identification"]),
        (
            "complex tasks such as mathematical reasoning, by employing detailed steps.",
            ["mathematical reasoning"],
        ),
        ("metrics such as accuracy, along with latency.", ["accuracy"]),
        ("tasks such as summarization, demonstrated superiority over baselines.", ["summarization"]),
        ("tasks like machine translation -- a key need.", ["machine translation"]),
        ("metrics such as accuracy, latency and memory usage", ["accuracy", "latency", "memory usage"]),
    ],
)
def test_enumerations_stop_at_clauses(sentence: str, items: list[str]) -> None:
    assert [item.text for item in find_enumerations(sentence)] == items


def test_applications_lists_keep_only_task_shaped_items() -> None:
    items = find_enumerations("useful in applications such as healthcare, aerospace and machine translation.")
    assert [(item.label, item.text) for item in items] == [(Label.TASK, "machine translation")]


# --- dataset names by shape and position ------------------------------------------------------


def test_a_dataset_name_never_spans_a_sentence_end() -> None:
    names = [
        hit.name
        for hit in find_dataset_names("labels such as Irony and Absurdity. The dataset spans ten languages.")
    ]
    assert names == []


def test_a_dataset_name_may_hold_a_year_or_a_version() -> None:
    names = {
        hit.name
        for hit in find_dataset_names(
            "validated on the RWTH-PHOENIX-Weather 2014 T dataset and the Kaggle ASAP 2.0 dataset"
        )
    }
    assert names == {"RWTH-PHOENIX-Weather 2014 T", "Kaggle ASAP 2.0"}


def test_a_coined_name_after_the_head_noun_is_a_dataset() -> None:
    names = [
        hit.name
        for hit in find_dataset_names("We introduce a multilingual dataset MultiDiac, with diverse samples.")
    ]
    assert names == ["MultiDiac"]


def test_a_reported_result_names_its_benchmark() -> None:
    names = [
        hit.name for hit in find_dataset_names("It reaches 80% accuracy on TQBench and gains on Omni-Bench.")
    ]
    assert names == ["TQBench", "Omni-Bench"]


def test_benchmark_shaped_names_count_once() -> None:
    found = mentions("A Title\nWe report instruction following on ZorbEval and safety on KLAX-Bench.")
    assert {"ZorbEval", "KLAX-Bench"} <= found.get("Dataset", set())


# --- a known name hyphen-joined to a name part ------------------------------------------------


def test_a_known_name_inside_a_hyphenated_name_is_that_name() -> None:
    found = mentions(
        "A Title\nWe propose KG-RAG and compare it with RAG, Transformer-based and CoT-style baselines "
        "on N-MNIST. We study multi-image understanding."
    )
    assert "KG-RAG" in found["Method"]
    assert "N-MNIST" in found["Dataset"] and "MNIST" not in found["Dataset"]
    assert {"Transformer", "chain-of-thought prompting"} <= found["Method"]
    assert "multi-image understanding" in found["Task"]


def test_spellings_of_one_name_are_one_entity() -> None:
    found = mentions("A Title\nWe propose MoEQuant, a quantization framework. MoE-Quant includes two parts.")
    assert {name for name in found["Method"] if "quant" in name.lower() and "ization" not in name} == {
        "MoEQuant"
    }


# --- tasks that stand on one mention ------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "standalone"),
    [
        ("hate speech detection", True),
        ("story generation", True),
        ("video understanding", True),
        ("superior detection", False),  # an evaluative adjective
        ("automated translation", False),  # a participle
        ("fewer autoregressive generation", False),  # a comparative
        ("detection", False),  # no modifier
        ("mathematical reasoning", False),  # not a standalone head (left to the gazetteer)
    ],
)
def test_standalone_tasks_need_a_strong_head_and_noun_modifiers(phrase: str, standalone: bool) -> None:
    assert is_standalone_task(phrase) is standalone


def test_a_task_with_noun_modifiers_counts_on_one_mention() -> None:
    found = mentions("A Title\nWe study quarrel speech detection with a new model. Results are good.")
    assert "quarrel speech detection" in found.get("Task", set())


# --- methods listed by name ---------------------------------------------------------------------


def test_methods_listed_by_name_after_a_cue() -> None:
    items = find_enumerations(
        "Recent methods like Cog Attention and the Differential Transformer have addressed this."
    )
    assert [(item.label, item.text) for item in items] == [
        (Label.METHOD, "Cog Attention"),
        (Label.METHOD, "Differential Transformer"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "simple methods such as linear routers often fail.",  # a description, not a name
        "baselines such as DPO often overfit to noise.",  # a clause
    ],
)
def test_method_lists_take_names_only(sentence: str) -> None:
    assert [item.text for item in find_enumerations(sentence) if item.label is Label.METHOD] in ([], ["DPO"])


# --- metrics that are not evaluation measures ---------------------------------------------------


def test_a_trade_off_is_not_a_metric() -> None:
    found = mentions("A Title\nWe study the robustness-accuracy trade-off and report perplexity.")
    assert found.get("Metric", set()) == {"perplexity"}


def test_a_model_keeps_its_family_on_every_mention() -> None:
    for mention in mentions_of(["Mamba-Based Ensembles\nMamba models are fast. We prune Mamba layers."])[0]:
        if mention.label is Label.MODEL:
            assert dict(mention.attrs).get("family") == "Mamba"


def test_what_a_benchmark_is_for_is_a_task() -> None:
    found = mentions("A Title\nWe build a benchmark for long-context reasoning over manuals.")
    assert "long-context reasoning" in found.get("Task", set())


def test_undefined_all_capitals_tokens_are_not_methods() -> None:
    found = mentions(
        "A Title\nWe follow IEEE and ICD guidelines and compare with RegMix. IEEE and ICD codes "
        "are used again, and RegMix again."
    )
    assert "RegMix" in found.get("Method", set())
    assert not {"IEEE", "ICD"} & found.get("Method", set())
