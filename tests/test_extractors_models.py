"""Model names and their families: the table, the suffix grammar, case rules, negatives, offsets."""

from __future__ import annotations

import itertools
import json
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.models import FAMILIES_FILE, ModelMatch, default_finder, family_of, find_models


def names(text: str) -> list[str]:
    return [m.name for m in find_models(text)]


def only(text: str) -> ModelMatch:
    found = find_models(text)
    assert len(found) == 1, found
    return found[0]


# --- the table ---------------------------------------------------------------------------------


def test_table_is_well_formed() -> None:
    rows = [json.loads(line) for line in FAMILIES_FILE.read_text(encoding="utf-8").splitlines() if line]
    assert 150 <= len(rows) <= 300
    ids = Counter(row["id"] for row in rows)
    assert [i for i, n in ids.items() if n > 1] == []
    for row in rows:
        assert set(row) <= {"id", "family", "kind", "patterns", "cased", "proper", "versioned"}, row
        assert row["family"] and row["kind"], row
        assert any(row.get(p) for p in ("patterns", "cased", "proper", "versioned")), row
        assert row["id"] == row["id"].lower() and " " not in row["id"], row


def test_every_table_stem_is_found_in_a_sentence() -> None:
    finder = default_finder()
    rows = [json.loads(line) for line in FAMILIES_FILE.read_text(encoding="utf-8").splitlines() if line]
    for row in rows:
        for policy in ("patterns", "cased", "proper", "versioned"):
            for pattern in row.get(policy, ()):
                text = f"We compare it with {pattern}-7B and others."
                found = finder.find(text)
                assert [(m.name, m.family_id) for m in found] == [(f"{pattern}-7B", row["id"])], (
                    pattern,
                    found,
                )


# --- names and families (the guideline examples) -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "family"),
    [
        ("We fine-tune Llama-2-Chat-13B on it.", "Llama-2-Chat-13B", "Llama"),
        ("We fine-tune LLaMA-2-7B on it.", "LLaMA-2-7B", "Llama"),
        ("We fine-tune Llama 3.1 on it.", "Llama 3.1", "Llama"),
        ("We prompt Code Llama and it works.", "Code Llama", "Llama"),
        ("We prompt CodeLlama-34B-Instruct.", "CodeLlama-34B-Instruct", "Llama"),
        ("We use Meta-Llama-3-8B here.", "Meta-Llama-3-8B", "Llama"),
        ("The Llama-3.2-11B-Vision-Instruct model.", "Llama-3.2-11B-Vision-Instruct", "Llama"),
        ("We ask GPT-3.5 to rate.", "GPT-3.5", "GPT"),
        ("We ask GPT-4V to rate.", "GPT-4V", "GPT"),
        ("We ask GPT-4o to rate.", "GPT-4o", "GPT"),
        ("We ask GPT-4o-mini to rate.", "GPT-4o-mini", "GPT"),
        ("We ask GPT-4.1 to rate.", "GPT-4.1", "GPT"),
        ("We ask ChatGPT to rate.", "ChatGPT", "GPT"),
        ("We ask InstructGPT to rate.", "InstructGPT", "GPT"),
        ("We ask GPT-3.5-turbo to rate.", "GPT-3.5-turbo", "GPT"),
        ("We call gpt-4-1106-preview via the API.", "gpt-4-1106-preview", "GPT"),
        ("We call text-davinci-003 via the API.", "text-davinci-003", "GPT"),
        ("A GPT-2 Small model.", "GPT-2 Small", "GPT"),
        ("We use Mixtral-8x7B-Instruct-v0.1 too.", "Mixtral-8x7B-Instruct-v0.1", "Mixtral"),
        ("We use Mixtral-8x7B too.", "Mixtral-8x7B", "Mixtral"),
        ("We use Mistral-7B too.", "Mistral-7B", "Mistral"),
        ("We use Mistral 7B too.", "Mistral 7B", "Mistral"),
        ("We use Qwen2.5 too.", "Qwen2.5", "Qwen"),
        ("We use Qwen2.5-7B too.", "Qwen2.5-7B", "Qwen"),
        ("We use Qwen2.5-Math-7B-Instruct too.", "Qwen2.5-Math-7B-Instruct", "Qwen"),
        ("We use Qwen3-30B-A3B too.", "Qwen3-30B-A3B", "Qwen"),
        ("We use Gemma-7B-it too.", "Gemma-7B-it", "Gemma"),
        ("We use gemma-2-9b-it too.", "gemma-2-9b-it", "Gemma"),
        ("We use Aya-101 too.", "Aya-101", "Aya"),
        ("We use Claude 3 too.", "Claude 3", "Claude"),
        ("We use Claude 3 Opus too.", "Claude 3 Opus", "Claude"),
        ("We use Claude 3.5 Sonnet too.", "Claude 3.5 Sonnet", "Claude"),
        ("We use claude-3-5-sonnet-20240620 too.", "claude-3-5-sonnet-20240620", "Claude"),
        ("We use Gemini 1.5 Pro too.", "Gemini 1.5 Pro", "Gemini"),
        ("We use T5 too.", "T5", "T5"),
        ("We use mT5 too.", "mT5", "T5"),
        ("We use Flan-T5 too.", "Flan-T5", "T5"),
        ("We use Flan-T5-XXL too.", "Flan-T5-XXL", "T5"),
        ("We use ByT5 too.", "ByT5", "T5"),
        ("We use t5-small too.", "t5-small", "T5"),
        ("We use BERT too.", "BERT", "BERT"),
        ("We use mBERT too.", "mBERT", "BERT"),
        ("We use bert-base-uncased too.", "bert-base-uncased", "BERT"),
        ("We use BERT large too.", "BERT large", "BERT"),
        ("We use RoBERTa too.", "RoBERTa", "RoBERTa"),
        ("We use roberta-large too.", "roberta-large", "RoBERTa"),
        ("We use DeBERTa too.", "DeBERTa", "DeBERTa"),
        ("We use DeBERTaV3 too.", "DeBERTaV3", "DeBERTa"),
        ("We use XLM-R too.", "XLM-R", "XLM-R"),
        ("We use XLM-RoBERTa too.", "XLM-RoBERTa", "XLM-R"),
        ("We use DistilBERT too.", "DistilBERT", "DistilBERT"),
        ("We use ALBERT too.", "ALBERT", "ALBERT"),
        ("We use ELECTRA too.", "ELECTRA", "ELECTRA"),
        ("We use SciBERT too.", "SciBERT", "SciBERT"),
        ("We use Sentence-BERT too.", "Sentence-BERT", "Sentence-BERT"),
        ("We use BART too.", "BART", "BART"),
        ("We use mBART too.", "mBART", "mBART"),
        ("We use DeepSeekMoE-16B too.", "DeepSeekMoE-16B", "DeepSeek"),
        ("We use DeepSeek-R1 too.", "DeepSeek-R1", "DeepSeek"),
        ("We use DeepSeek-V3 too.", "DeepSeek-V3", "DeepSeek"),
        ("We use DeepSeek R1 too.", "DeepSeek R1", "DeepSeek"),
        ("We use DeepSeek-R1-Distill-Qwen-7B too.", "DeepSeek-R1-Distill-Qwen-7B", "DeepSeek"),
        ("We use LLaVA 1.5 too.", "LLaVA 1.5", "LLaVA"),
        ("We use LLaVA-1.5-7B too.", "LLaVA-1.5-7B", "LLaVA"),
        ("We use BLIP-2 too.", "BLIP-2", "BLIP"),
        ("We use InstructBLIP too.", "InstructBLIP", "InstructBLIP"),
        ("We use CLIP too.", "CLIP", "CLIP"),
        ("We use CLIP-ViT-L/14 too.", "CLIP-ViT-L/14", "CLIP"),
        ("We use ViT-B/16 too.", "ViT-B/16", "ViT"),
        ("We use DINOv2 too.", "DINOv2", "DINO"),
        ("We use SAM 2 too.", "SAM 2", "SAM"),
        ("We use Stable Diffusion XL too.", "Stable Diffusion XL", "Stable Diffusion"),
        ("We use DALL-E 3 too.", "DALL-E 3", "DALL-E"),
        ("We use Whisper large-v3 too.", "Whisper large-v3", "Whisper"),
        ("We use wav2vec 2.0 too.", "wav2vec 2.0", "wav2vec"),
        ("We use HuBERT too.", "HuBERT", "HuBERT"),
        ("We use ResNet-50 too.", "ResNet-50", "ResNet"),
        ("We use VGG16 too.", "VGG16", "VGG"),
        ("We use PaLM 2 too.", "PaLM 2", "PaLM"),
        ("We use Med-PaLM 2 too.", "Med-PaLM 2", "PaLM"),
        ("We use Flan-PaLM too.", "Flan-PaLM", "PaLM"),
        ("We use GPT-J too.", "GPT-J", "GPT-J"),
        ("We use GPT-NeoX-20B too.", "GPT-NeoX-20B", "GPT-NeoX"),
        ("We use GPT-Neo too.", "GPT-Neo", "GPT-Neo"),
        ("We use Pythia-1.4b-deduped too.", "Pythia-1.4b-deduped", "Pythia"),
        ("We use OPT-1.3B too.", "OPT-1.3B", "OPT"),
        ("We use OPT too.", "OPT", "OPT"),
        ("We use BLOOM too.", "BLOOM", "BLOOM"),
        ("We use BLOOMZ too.", "BLOOMZ", "BLOOM"),
        ("We use bloom-7b1 too.", "bloom-7b1", "BLOOM"),
        ("We use Falcon-40B too.", "Falcon-40B", "Falcon"),
        ("We use Phi-2 too.", "Phi-2", "Phi"),
        ("We use Phi-3-mini-4k-instruct too.", "Phi-3-mini-4k-instruct", "Phi"),
        ("We use OLMo too.", "OLMo", "OLMo"),
        ("We use StarCoder too.", "StarCoder", "StarCoder"),
        ("We use CodeGen2 too.", "CodeGen2", "CodeGen"),
        ("We use Codex too.", "Codex", "Codex"),
        ("We use Yi-34B too.", "Yi-34B", "Yi"),
        ("We use Baichuan2-13B too.", "Baichuan2-13B", "Baichuan"),
        ("We use ChatGLM3-6B too.", "ChatGLM3-6B", "GLM"),
        ("We use GLM-4 too.", "GLM-4", "GLM"),
        ("We use InternLM2 too.", "InternLM2", "InternLM"),
        ("We use MiniCPM-V too.", "MiniCPM-V", "MiniCPM"),
        ("We use Command R+ too.", "Command R+", "Command"),
        ("We use Jais-13B too.", "Jais-13B", "Jais"),
        ("We use XGLM too.", "XGLM", "XGLM"),
        ("We use ERNIE 3.0 too.", "ERNIE 3.0", "ERNIE"),
        ("We use NLLB-200 too.", "NLLB-200", "NLLB"),
        ("We use NLLB-200-distilled-600M too.", "NLLB-200-distilled-600M", "NLLB"),
        ("We use M2M-100 too.", "M2M-100", "M2M-100"),
        ("We use MarianMT too.", "MarianMT", "MarianMT"),
        ("We use E5 too.", "E5", "E5"),
        ("We use e5-large-v2 too.", "e5-large-v2", "E5"),
        ("We use BGE-M3 too.", "BGE-M3", "BGE"),
        ("We use ALMA-13B-R too.", "ALMA-13B-R", "ALMA"),
        ("We use TinyLlama too.", "TinyLlama", "TinyLlama"),
        ("We use SmolLM2 too.", "SmolLM2", "SmolLM"),
        ("We use Zephyr-7B-beta too.", "Zephyr-7B-beta", "Zephyr"),
        ("We use Vicuna too.", "Vicuna", "Vicuna"),
        ("We use Vicuna-13B too.", "Vicuna-13B", "Vicuna"),
        ("We use WizardLM too.", "WizardLM", "WizardLM"),
        ("We use Orca 2 too.", "Orca 2", "Orca"),
        ("We use Tülu 3 too.", "Tülu 3", "Tülu"),
        ("We use MPT-7B too.", "MPT-7B", "MPT"),
        ("We use RedPajama-INCITE-7B too.", "RedPajama-INCITE-7B", "RedPajama-INCITE"),
        ("We use StableLM too.", "StableLM", "StableLM"),
        ("We use Grok-1 too.", "Grok-1", "Grok"),
        ("We use Nemotron-4-340B too.", "Nemotron-4-340B", "Nemotron"),
        ("We use Granite-3.0-8B too.", "Granite-3.0-8B", "Granite"),
        ("We use Mamba-2.8B too.", "Mamba-2.8B", "Mamba"),
        ("We use RWKV-4 too.", "RWKV-4", "RWKV"),
        ("We use o1-preview too.", "o1-preview", "o1"),
        ("We use OpenAI o1 too.", "OpenAI o1", "o1"),
        ("We use o3-mini too.", "o3-mini", "o3"),
        ("We use QwQ-32B too.", "QwQ-32B", "QwQ"),
        ("We use Llama 2 70B too.", "Llama 2 70B", "Llama"),
        ("We use Gemma 2B too.", "Gemma 2B", "Gemma"),
        ("We use GPT-3 175B too.", "GPT-3 175B", "GPT"),
    ],
)
def test_name_and_family(text: str, name: str, family: str) -> None:
    found = only(text)
    assert (found.name, found.family) == (name, family)
    assert text[found.start : found.end] == name


@pytest.mark.parametrize(
    ("text", "name", "family", "family_id"),
    [
        ("We release Komodo-7B, a model.", "Komodo-7B", "Komodo", "komodo"),
        ("We release Komodo-7B-Instruct, a model.", "Komodo-7B-Instruct", "Komodo", "komodo"),
        ("It beats X-ALMA-13B on it.", "X-ALMA-13B", "X-ALMA", "x-alma"),
        ("It beats Sailor2-8B on it.", "Sailor2-8B", "Sailor", "sailor"),
        ("It beats FooLM-8x22B-Chat on it.", "FooLM-8x22B-Chat", "FooLM", "foolm"),
        ("It beats Bielik-11B-v2.6 on it.", "Bielik-11B-v2.6", "Bielik", "bielik"),
        ("It beats BanglaBERT on it.", "BanglaBERT", "BanglaBERT", "banglabert"),
        ("It beats SwitchGPT on it.", "SwitchGPT", "SwitchGPT", "switchgpt"),
    ],
)
def test_unlisted_names_are_their_own_family(text: str, name: str, family: str, family_id: str) -> None:
    found = only(text)
    assert (found.name, found.family, found.family_id) == (name, family, family_id)


def test_a_sentence_with_many_models() -> None:
    text = (
        "Our model outperforms OpenAI's GPT-3.5, Cohere's Aya-101, Llama-2-Chat-13B, "
        "Mixtral-8x7B-Instruct-v0.1 and Gemma-7B-it, while X-ALMA-13B and mT5 lag behind."
    )
    assert names(text) == [
        "GPT-3.5",
        "Aya-101",
        "Llama-2-Chat-13B",
        "Mixtral-8x7B-Instruct-v0.1",
        "Gemma-7B-it",
        "X-ALMA-13B",
        "mT5",
    ]
    assert [m.family for m in find_models(text)] == [
        "GPT",
        "Aya",
        "Llama",
        "Mixtral",
        "Gemma",
        "X-ALMA",
        "T5",
    ]


def test_slashes_and_lists() -> None:
    assert names("GPT-3.5 / GPT-4V / GPT-4o / ChatGPT") == ["GPT-3.5", "GPT-4V", "GPT-4o", "ChatGPT"]
    assert names("T5 / mT5 / Flan-T5") == ["T5", "mT5", "Flan-T5"]
    assert names("(LLaMA-V1/V2, Vicuna, and OPT)") == ["LLaMA-V1", "Vicuna", "OPT"]
    assert names("Mistral-7B/24B and Qwen2-1.5B.") == ["Mistral-7B", "Qwen2-1.5B"]


def test_name_ends_before_ordinary_words_and_punctuation() -> None:
    assert names("BERT-based models and GPT-4-generated data.") == ["BERT", "GPT-4"]
    assert names("BERT-like encoders.") == ["BERT"]
    assert names("Fine-Tuning BERT-Based Models") == ["BERT"]
    assert names("We evaluate Llama 3.1.") == ["Llama 3.1"]
    assert names("We evaluate GPT-4's answers.") == ["GPT-4"]
    assert names("Llama 2 outperforms GPT-4 by 5 points, 3 times faster than BERT 3 times.") == [
        "Llama 2",
        "GPT-4",
        "BERT",
    ]
    assert names("BERT large-scale pretraining and GPT-4 large language model") == ["BERT", "GPT-4"]


def test_hyphenated_continuations_belong_to_the_name() -> None:
    assert names("We propose ERNIE-Gram and Hunyuan-TurboS.") == ["ERNIE-Gram", "Hunyuan-TurboS"]
    assert [m.family for m in find_models("We propose ERNIE-Gram.")] == ["ERNIE"]


# --- case and context rules --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We opt for a simpler design.",
        "Bloom filters are used; Bloom's taxonomy too.",
        "The falcon flew over the palm trees.",
        "We saw a mamba snake and an orca.",
        "Command the agent to stop.",
        "The phi coefficient and the Phi coefficient.",
        "Palm reading is not science; clip the values.",
        "A whisper of doubt; the gemini twins.",
        "We use sharpness-aware minimization (SAM) and DINO losses.",
        "A dolly and a koala; Yi said so.",
        "The GLM is a generalized linear model; MPT here.",
        "Gemini is a constellation.".lower(),
        "We grok it, then codex it.",
    ],
)
def test_ordinary_words_are_not_models(text: str) -> None:
    assert names(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Large language models (LLMs) and MLLMs are small language models.",
        "Vision-language models and open-weights models; encoder-only architectures.",
        "GPTs and BERTs are Transformers; LSTM and Transformer are methods.",
        "We report BERTScore and CLIPScore, and use llama.cpp.",
        "The Alpaca-Eval 2.0 benchmark and AlpacaEval and the Vicuna Benchmark.",
        "LLM-7B is not a name; Table-3B neither.",
        "pre-BERT systems and non-GPT baselines",
    ],
)
def test_generic_classes_and_lookalikes_are_not_models(text: str) -> None:
    assert names(text) == []


def test_proper_words_need_mid_sentence_capital_or_version() -> None:
    assert names("We compare with Falcon and Orca.") == ["Falcon", "Orca"]
    assert names("Falcon is strong.") == []
    assert names("Falcon-180B is strong.") == ["Falcon-180B"]
    assert names("We compare Mamba with Transformers.") == ["Mamba"]
    assert names("We compare with Whisper.") == ["Whisper"]
    # In a Title Case line a capitalised ordinary word says nothing.
    assert names("Soaring Like Falcon Over Data Streams\nWe study streams.") == []


def test_versioned_words_need_a_version() -> None:
    assert names("We prompt Phi-3 and Phi 2.") == ["Phi-3", "Phi 2"]
    assert names("We prompt Phi.") == []
    assert names("We prompt Yi-6B-Chat, SAM-H and GLM-130B.") == ["Yi-6B-Chat", "SAM-H", "GLM-130B"]
    assert names("The Segment Anything Model helps.") == ["Segment Anything Model"]


def test_cased_names_take_any_case_only_as_identifiers() -> None:
    assert names("We load opt-1.3b and falcon-7b.") == ["opt-1.3b", "falcon-7b"]
    assert names("We load opt 13 and falcon 7.") == []


def test_company_is_not_its_model() -> None:
    assert names("Mistral AI released Mixtral.") == ["Mixtral"]


# --- URLs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Weights: https://huggingface.co/meta-llama/Llama-2-7b-hf.",
        "See huggingface.co/mistralai/Mistral-7B-v0.1 for weights.",
        "Code at github.com/salesforce/CodeGen2 and http://www.example.org/GPT-4/x.",
    ],
)
def test_names_inside_urls_are_skipped(text: str) -> None:
    assert names(text) == []


def test_names_next_to_urls_are_kept() -> None:
    text = "We fine-tune Llama-2-7B (https://huggingface.co/meta-llama/Llama-2-7b-hf) and GPT-4."
    assert names(text) == ["Llama-2-7B", "GPT-4"]


# --- offsets and order -------------------------------------------------------------------------


def test_offsets_order_and_no_overlap() -> None:
    text = (
        "Komodo-7B\nWe compare Llama 3.1, GPT-4o and mT5 with CLIP-ViT-L/14, wav2vec 2.0 and "
        "bert-base-uncased; o3-mini and Claude 3 Opus too."
    )
    found = find_models(text)
    assert [m.name for m in found] == [
        "Komodo-7B",
        "Llama 3.1",
        "GPT-4o",
        "mT5",
        "CLIP-ViT-L/14",
        "wav2vec 2.0",
        "bert-base-uncased",
        "o3-mini",
        "Claude 3 Opus",
    ]
    for m in found:
        assert text[m.start : m.end] == m.name
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


_PIECES = st.sampled_from(
    [
        "Llama-2-7B",
        "GPT-4o",
        "the",
        "BERT",
        "opt",
        "Falcon",
        "mT5",
        "https://x.org/a/Qwen2-7B",
        "Komodo-7B",
        "-",
        "/",
        ", ",
        ". ",
        "\n",
        "Phi",
        "(",
        "LLMs",
        "7B",
    ]
)


@given(st.lists(_PIECES, max_size=12).map(" ".join))
def test_matches_are_sorted_disjoint_and_exact(text: str) -> None:
    found = find_models(text)
    for m in found:
        assert text[m.start : m.end] == m.name
        assert m.family and m.family_id
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


# --- family_of ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "family"),
    [
        ("LLaMA-2-7B", ("Llama", "llama")),
        ("Llama 3.1", ("Llama", "llama")),
        ("GPT-4V", ("GPT", "gpt")),
        ("ChatGPT", ("GPT", "gpt")),
        ("Mixtral-8x7B", ("Mixtral", "mixtral")),
        ("Qwen2.5", ("Qwen", "qwen")),
        ("Gemma-7B-it", ("Gemma", "gemma")),
        ("Aya-101", ("Aya", "aya")),
        ("Claude 3", ("Claude", "claude")),
        ("Flan-T5", ("T5", "t5")),
        ("Komodo-7B", ("Komodo", "komodo")),
        ("Falcon", ("Falcon", "falcon")),
        ("Phi", ("Phi", "phi")),
        ("Segment Anything Model", ("SAM", "sam")),
        ("  XLM-RoBERTa  ", ("XLM-R", "xlm-r")),
    ],
)
def test_family_of(name: str, family: tuple[str, str]) -> None:
    assert family_of(name) == family


@pytest.mark.parametrize("name", ["", "LLMs", "large language models", "Transformer", "our model"])
def test_family_of_unknown(name: str) -> None:
    assert family_of(name) is None
