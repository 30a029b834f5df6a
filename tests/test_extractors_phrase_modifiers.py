"""Head-noun phrases stop at words that cannot be modifiers: finite verbs in -s, adverbs and
function words ("rebalances decoding" is not a method; "decoding" alone has no modifier)."""

from __future__ import annotations

import pytest

from extractors.phrases import find_phrases


def phrase_texts(text: str) -> list[str]:
    return [phrase.text for phrase in find_phrases(text)]


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("The scheme rebalances token sampling at each step.", "token sampling"),
        ("It often adjusts temperature sampling.", "temperature sampling"),
        ("Our results go beyond coarse-grained filtering here.", "coarse-grained filtering"),
        ("The paper yet prompt-conditioned decoding is slow.", "prompt-conditioned decoding"),
        ("We compare six merging rules.", None),
    ],
)
def test_phrases_do_not_start_with_verbs_or_adverbs(sentence: str, phrase: str | None) -> None:
    found = phrase_texts(sentence)
    if phrase is None:
        assert not any("merging" in text for text in found)
    else:
        assert phrase in found
        assert not any(text.endswith(phrase) and text != phrase for text in found)


@pytest.mark.parametrize(
    "phrase",
    [
        "news summarization",
        "sales forecasting",
        "physics-informed regularization",
        "bias mitigation",
        "class-balanced sampling",
    ],
)
def test_nouns_in_s_still_modify(phrase: str) -> None:
    assert phrase in phrase_texts(f"We study {phrase} in depth.")


def test_a_capitalised_method_name_may_hold_an_adverb_and_run_long() -> None:
    found = phrase_texts("We propose Adaptively Weighted Sampling for decoding.")
    assert "Adaptively Weighted Sampling" in found
    found = phrase_texts("We call it Gradient-guided Sparse Expert Vector Merging here.")
    assert "Gradient-guided Sparse Expert Vector Merging" in found
    # Lower-case phrases keep to three modifiers and stop at adverbs.
    assert "weighted sampling" in phrase_texts("It uses adaptively weighted sampling.")


def test_capitalised_task_names_stay_short() -> None:
    found = phrase_texts("Towards Multi-Type Bangla Medical Entity Recognition")
    assert not any(text.startswith("Towards") for text in found)
    assert all(len(text.split()) <= 4 for text in found)


def test_a_capitalised_name_takes_a_capitalised_tail() -> None:
    assert "Style-Aware Decoding Layer" in phrase_texts("We add a Style-Aware Decoding Layer.")
    assert "contrastive decoding layer" in phrase_texts("We add a contrastive decoding layer.")
    assert "Neural Text Decoding algorithm" not in phrase_texts("A Neural Text Decoding algorithm.")
