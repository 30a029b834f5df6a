"""One slug function, and node keys that make spelling variants one node (issue: one node per thing)."""

from __future__ import annotations

import pytest

from extractors.names import entity_key, not_entity, slug


@pytest.mark.parametrize(
    ("kind", "one", "other"),
    [
        ("Model", "Llama-2", "Llama2"),
        ("Model", "Llama-2", "LLaMA 2"),
        ("Model", "Llama-3 8B", "Llama3-8B"),
        ("Model", "LLaMA3", "Llama-3"),
        ("Method", "multi-layer perceptron", "Multilayer Perceptrons"),
        ("Method", "Bilevel Optimisation", "Bi-level Optimization"),
        ("Method", "Group Relative Policy Optimisation", "group relative policy optimization"),
        ("Task", "autoregressive modelling", "auto-regressive modeling"),
        ("Method", "fine-tuning", "finetuning"),
        ("Metric", "F1 score", "F1 scores"),
    ],
)
def test_spelling_variants_share_a_key(kind: str, one: str, other: str) -> None:
    assert entity_key(kind, one) == entity_key(kind, other)


@pytest.mark.parametrize(
    ("kind", "one", "other"),
    [
        ("Model", "Llama-3", "Llama-3-8B"),  # a size is another model
        ("Model", "GPT-4", "GPT-4o"),
        ("Model", "Llama-3.1", "Llama-3"),
        ("Method", "UNet++", "UNet"),
        ("Dataset", "MMLU", "MMLU-Pro"),
        ("Dataset", "SQuAD 1.1", "SQuAD 2.0"),
    ],
)
def test_different_things_keep_different_keys(kind: str, one: str, other: str) -> None:
    assert entity_key(kind, one) != entity_key(kind, other)


def test_mixture_of_experts_keeps_its_plural_and_repo_keys_are_urls() -> None:
    assert entity_key("Method", "mixture of experts") == "mixture-of-experts"
    assert entity_key("Repo", "github.com/a/b") == "github.com/a/b"


def test_slug_is_readable_ascii() -> None:
    assert slug("UNet++") == "unet-plus-plus"
    assert slug("Café Net & Co") == "cafe-net-and-co"
    assert slug("???")  # never empty


@pytest.mark.parametrize(
    "name",
    [
        "RGB",
        "rgb-d",
        "MRI",
        "LiDAR",
        "GPU",
        "API",
        "GUI",
        "CVPR",
        "OpenAI",
        "NVIDIA",
        "GitHub",
        "state of the art",
        "State-of-the-Art",
        "End-to-End",
    ],
)
def test_names_that_are_no_entity(name: str) -> None:
    assert not_entity(name)


@pytest.mark.parametrize("name", ["MMLU", "LoRA", "depth estimation", "ImageNet"])
def test_entities_are_not_on_the_list(name: str) -> None:
    assert not not_entity(name)
