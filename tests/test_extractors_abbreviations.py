"""Abbreviation definitions: both orders, hyphens, digits, mixed case, plurals, LaTeX, and non-definitions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.abbreviations import Abbreviation, find_abbreviations, short_form_key


def pairs(text: str) -> list[tuple[str, str]]:
    return [(a.short, a.long) for a in find_abbreviations(text)]


def assert_offsets(text: str, found: list[Abbreviation]) -> None:
    for a in found:
        assert text[a.short_start : a.short_end] == a.short
        assert text[a.long_start : a.long_end] == a.long
        assert a.short and a.long
        # The two spans never overlap.
        assert a.short_end <= a.long_start or a.long_end <= a.short_start


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        # long form (SF)
        (
            "We propose Dynamic Sparse No Training (DSnoT), a training-free method.",
            "DSnoT",
            "Dynamic Sparse No Training",
        ),
        (
            "we introduce a multimodal large language model (MLLM) framework",
            "MLLM",
            "multimodal large language model",
        ),
        ("we develop a Lopsided Language Model (L-LM) loss function", "L-LM", "Lopsided Language Model"),
        (
            "a framework termed Interpretable Face Anti-Spoofing (I-FAS), which",
            "I-FAS",
            "Interpretable Face Anti-Spoofing",
        ),
        (
            "we propose a Spoof-aware Captioning and Filtering (SCF) strategy",
            "SCF",
            "Spoof-aware Captioning and Filtering",
        ),
        ("Retrieval-Augmented Generation (RAG) grounds answers.", "RAG", "Retrieval-Augmented Generation"),
        ("sparse mixture-of-experts (MoE) layers", "MoE", "mixture-of-experts"),
        ("a Mixture of Experts (MoE) model", "MoE", "Mixture of Experts"),
        (
            "reinforcement learning from human feedback (RLHF) aligns",
            "RLHF",
            "reinforcement learning from human feedback",
        ),
        ("we report perplexity (PPL) on WikiText", "PPL", "perplexity"),
        ("knowledge distillation (KD) transfers", "KD", "knowledge distillation"),
        ("Low-Rank Adaptation (LoRA) is popular", "LoRA", "Low-Rank Adaptation"),
        ("low-rank adaptation (LoRA) is popular", "LoRA", "low-rank adaptation"),
        ("chain-of-thought (CoT) prompting", "CoT", "chain-of-thought"),
        ("byte-pair encoding (BPE) tokenizers", "BPE", "byte-pair encoding"),
        (
            "models that are helpful, honest, and harmless (3H) remain rare",
            "3H",
            "helpful, honest, and harmless",
        ),
        ("3D Gaussian Splatting (3DGS) renders", "3DGS", "3D Gaussian Splatting"),
        ("weak-to-strong (W2S) generalization", "W2S", "weak-to-strong"),
        ("three-dimensional (3D) scenes", "3D", "three-dimensional"),
        ("for named entity recognition (NER) in", "NER", "named entity recognition"),
        ("a strong Vision Transformer (ViT) backbone", "ViT", "Vision Transformer"),
        (
            "with Explainable Artificial Intelligence (XAI) tools",
            "XAI",
            "Explainable Artificial Intelligence",
        ),
        # Extra text after ";" or "," in the parenthesis.
        ("supervised fine-tuning (SFT; Ouyang et al., 2022) and", "SFT", "supervised fine-tuning"),
        ("large language models (LLMs, e.g., GPT-4) are", "LLMs", "large language models"),
        # Leading determiners and "novel" are not part of the long form.
        (
            "we propose a novel Advantage-Guided Distillation for Preference Alignment (ADPA) method",
            "ADPA",
            "Advantage-Guided Distillation for Preference Alignment",
        ),
        ("we use the Direct Preference Optimization (DPO) loss", "DPO", "Direct Preference Optimization"),
        # Letters preferred at word starts: not "Policy Optimization" (Schwartz-Hearst's greedy match).
        ("and Proximal Policy Optimization (PPO) in RL", "PPO", "Proximal Policy Optimization"),
        ("Area Under the Rank Accuracy Curve (AURAC)", "AURAC", "Area Under the Rank Accuracy Curve"),
        ("this allows us to derive a REAlignment Reward (REAR)", "REAR", "REAlignment Reward"),
        (
            "is formulated as scalability due to global semidefinite programs (SDPs)",
            "SDPs",
            "semidefinite programs",
        ),
        # The whole hyphenated word: "multi-modal", not "modal".
        ("the multi-modal large language model (MLLM) can", "MLLM", "multi-modal large language model"),
        ("Small-scale MLLM (s-MLLM) aims to", "s-MLLM", "Small-scale MLLM"),
        # Letters taken from inside words.
        (
            "a Communicative Inter-Model Protocol Through Embedding Representation (CIPHER)",
            "CIPHER",
            "Communicative Inter-Model Protocol Through Embedding Representation",
        ),
        # LaTeX leftovers.
        ("large language models~(LLMs) are", "LLMs", "large language models"),
        (
            "a \\textbf{D}ynamic \\textbf{S}parse method (DS) that",
            "DS",
            "\\textbf{D}ynamic \\textbf{S}parse method",
        ),
        ("our ``Dynamic Sparse'' (DS) idea", "DS", "Dynamic Sparse"),
        # SF (long form)
        (
            "We propose DSnoT (Dynamic Sparse No Training), a training-free method.",
            "DSnoT",
            "Dynamic Sparse No Training",
        ),
        ("adapters such as LoRA (Low-Rank Adaptation) are", "LoRA", "Low-Rank Adaptation"),
        (
            "We use BERT (Bidirectional Encoder Representations from Transformers; Devlin et al.)",
            "BERT",
            "Bidirectional Encoder Representations from Transformers",
        ),
        ("LLMs (large language models) are", "LLMs", "large language models"),
        ("CoT (Chain-of-Thought) prompting", "CoT", "Chain-of-Thought"),
    ],
)
def test_definition(text: str, short: str, long: str) -> None:
    found = find_abbreviations(text)
    assert [(a.short, a.long) for a in found] == [(short, long)]
    assert_offsets(text, found)


@pytest.mark.parametrize(
    "text",
    [
        "pretrained encoders (e.g., BERT) are strong",
        "pretrained encoders (i.e., BERT and RoBERTa) are strong",
        "as shown in the ablation (see Fig. 2), the gain",
        "as in prior work (2023), we",
        "the difference is significant (p < 0.05) across",
        "we compare with the strongest proprietary model (GPT-4) and",
        "We use GPT-4 (OpenAI, 2023) as judge.",
        "we quantize to 4-bit weights and 8-bit activations (W4A8).",
        "models of various scales (3B, 7B, and 8B) improve",
        "Qwen2.5-7B-Instruct (7B) and others",
        "our method (Ours) beats the baseline (Adam) and (Table 3)",
        "the model (LLM is unbalanced",
        "large language models LLMs) are unbalanced",
        "large language models ((LLMs",
        "a method (called DSnoT) for pruning",
        "LLMs (i.e., large language models) are",
        "conduct amounts of experiments in various model families (CNNs)",
        "() (( )) (a) (A) (.) (-) (LLMs)",
        "",
        "no parentheses at all",
    ],
)
def test_not_a_definition(text: str) -> None:
    assert find_abbreviations(text) == []


def test_plural_short_form_has_singular_key() -> None:
    (abbr,) = find_abbreviations("Large language models (LLMs) are everywhere.")
    assert (abbr.short, abbr.long, abbr.short_key) == ("LLMs", "Large language models", "LLM")
    assert short_form_key("LLMs") == "LLM"
    assert short_form_key("MoEs") == "MoE"
    assert short_form_key("LLM's") == "LLM"
    assert short_form_key("RS") == "RS"
    assert short_form_key("LLM") == "LLM"
    assert short_form_key("Ms") == "Ms"


def test_plural_short_form_against_singular_long_form() -> None:
    assert pairs("a large language model (LLMs) is") == [("LLMs", "large language model")]


def test_first_definition_per_short_form_wins() -> None:
    text = (
        "Large Language Models (LLMs) are strong. A large language model (LLM) is a model. "
        "We fine-tune LLMs (Large Language Models) with Low-Rank Adaptation (LoRA)."
    )
    found = find_abbreviations(text)
    assert [(a.short, a.long) for a in found] == [
        ("LLMs", "Large Language Models"),
        ("LoRA", "Low-Rank Adaptation"),
    ]
    assert_offsets(text, found)


def test_results_are_sorted_by_position_with_offsets() -> None:
    text = (
        "Face Anti-Spoofing (FAS) is essential. In this work, we introduce a multimodal large language model "
        "(MLLM) framework for FAS, termed Interpretable Face Anti-Spoofing (I-FAS), which transforms the FAS "
        "task into an interpretable visual question answering (VQA) paradigm. We also design a Globally Aware "
        "Connector (GAC) and DSnoT (Dynamic Sparse No Training)."
    )
    found = find_abbreviations(text)
    assert [a.short for a in found] == ["FAS", "MLLM", "I-FAS", "VQA", "GAC", "DSnoT"]
    assert [a.long for a in found][-2:] == ["Globally Aware Connector", "Dynamic Sparse No Training"]
    starts = [min(a.short_start, a.long_start) for a in found]
    assert starts == sorted(starts)
    assert_offsets(text, found)
    gac = found[4]
    assert text[gac.long_start : gac.long_end] == "Globally Aware Connector"


def test_long_form_stays_in_its_sentence() -> None:
    assert pairs("We study Reinforcement. Learning Fast (LF) is new.") == [("LF", "Learning Fast")]
    assert pairs("We study reinforcement. Learning (RL) is hard.") == []


def test_abbreviation_is_a_frozen_dataclass() -> None:
    (abbr,) = find_abbreviations("knowledge distillation (KD)")
    assert abbr == Abbreviation("KD", "knowledge distillation", 24, 26, 0, 22)
    with pytest.raises(AttributeError):
        abbr.short = "X"  # type: ignore[misc]


_PIECES = [
    " (",
    ") ",
    "(LLMs)",
    "(e.g.,",
    " large ",
    " language ",
    " models ",
    "\\textbf{",
    "İ",
    "ß",
    "\u00a0",
    "\x1c",
]
_ALPHABET = st.sampled_from([*"abcdeLMSRAGTo ()-,;.:'\"$\\{}~0123456789sxX", *_PIECES])


@settings(max_examples=400, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_never_crashes_and_offsets_slice(text: str) -> None:
    found = find_abbreviations(text)
    assert_offsets(text, found)
    keys = [a.short_key for a in found]
    assert len(keys) == len(set(keys))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text(text: str) -> None:
    assert_offsets(text, find_abbreviations(text))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Large", "language", "Model", "of", "the", "Sparse-Mixture", "a", "X"]), max_size=8
    ),
    st.text(alphabet="ABLMSXlms-0123", min_size=1, max_size=8),
)
def test_offsets_slice_for_defined_looking_text(words: list[str], short: str) -> None:
    for text in (f"{' '.join(words)} ({short}) tail", f"{short} ({' '.join(words)}) tail"):
        assert_offsets(text, find_abbreviations(text))
