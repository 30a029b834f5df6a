"""``kg_lexicon``: every occurrence of a name the annotations know becomes a candidate of its type."""

from __future__ import annotations

import spacy

import extractors.factories  # noqa: F401  (registers the factories and the tokenizer)
from extractors.lexicon_spans import LexiconSpans, lexicon_names
from extractors.state import doc_state

TABLE = {
    "commonvoice": {"occurs": 10, "Dataset": 9},
    "instructionfollowing": {"occurs": 20, "Task": 12, "Method": 1},
    "gpt4o": {"occurs": 30, "Model": 30},
    "attention": {"occurs": 400, "Method": 12},  # rarely annotated where it occurs: not proposed
}


def test_names_keep_the_type_annotated_most_where_the_share_is_high_enough() -> None:
    names = lexicon_names(TABLE, min_share=0.2, labels=("Method", "Dataset", "Model", "Task", "Metric"))
    assert names == {"commonvoice": "Dataset", "instructionfollowing": "Task", "gpt4o": "Model"}


def test_every_written_form_of_a_known_name_is_proposed_once() -> None:
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "kg.TitleAwareTokenizer.v1"}}})
    spans = nlp.add_pipe("kg_lexicon", config={"min_share": 0.2})
    assert isinstance(spans, LexiconSpans)
    spans.set_lexicon(TABLE)
    text = "Voices\nWe test GPT-4o and gpt 4o on Common Voice for instruction-following with attention."
    doc = nlp(text)
    found = sorted((c.label.value, text[c.start : c.end], c.name) for c in doc_state(doc).candidates)
    assert found == [
        ("Dataset", "Common Voice", "Common Voice"),
        ("Model", "GPT-4o", "GPT-4o"),
        ("Model", "gpt 4o", "gpt 4o"),
        ("Task", "instruction-following", "instruction-following"),
    ]
    assert all(c.source == "kg_lexicon" for c in doc_state(doc).candidates)


def test_the_names_round_trip_through_the_pipeline_folder(tmp_path) -> None:  # type: ignore[no-untyped-def]
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_lexicon").set_lexicon(TABLE)
    nlp.to_disk(tmp_path / "pipe")
    again = spacy.load(tmp_path / "pipe")
    assert again.get_pipe("kg_lexicon").names == nlp.get_pipe("kg_lexicon").names
