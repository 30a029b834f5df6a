"""The shipped pipeline is a directory that ``spacy.load`` rebuilds: tokenizer, order, trained parts."""

from __future__ import annotations

import spacy

import extractors.factories  # noqa: F401  (registers the factories and the tokenizer)
from extractors import PIPELINE
from extractors.components import TitleAwareTokenizer
from kg.pipeline import TRAINED, make_rules_nlp

ORDER = [
    "kg_sentences",
    "kg_abbreviations",
    "kg_links",
    "kg_models",
    "kg_gazetteer",
    "kg_datasets",
    "kg_enumerations",
    "kg_phrases",
    "kg_coined",
    "kg_acronyms",
    "tok2vec",
    "ner",
    "kg_learned",
    "kg_lexicon",
    "kg_resolve",
    "kg_filter",
    "kg_roles",
]


def test_spacy_load_rebuilds_the_whole_pipeline_with_its_trained_parts() -> None:
    nlp = spacy.load(PIPELINE)
    assert nlp.pipe_names == ORDER
    assert isinstance(nlp.tokenizer, TitleAwareTokenizer)
    assert nlp.vocab.vectors.shape[0] > 0  # the recogniser's static vectors
    assert set(nlp.get_pipe("ner").labels) == {"METHOD", "DATASET", "MODEL", "TASK", "METRIC"}
    assert nlp.get_pipe("kg_filter").model.weights and nlp.get_pipe("kg_filter").lexicon.table
    assert nlp.get_pipe("kg_roles").model.weights and nlp.get_pipe("kg_roles").history
    assert nlp.get_pipe("kg_lexicon").names  # the annotations' names, for the filter to judge
    precedence = nlp.get_pipe("kg_resolve").precedence
    assert precedence.alternatives and "kg_links" in precedence.trusted and "kg_lexicon" in precedence.layers


def test_the_pipeline_finds_entities_and_the_rule_layer_runs_alone() -> None:
    text = "MaskLLM: Learnable Sparsity\nWe apply LoRA to Llama-2-7B and report perplexity on WikiText-2."
    doc = spacy.load(PIPELINE)(text)
    found = {(m.label.value, m.name) for m in doc._.kg_mentions}
    assert ("Model", "Llama-2-7B") in found
    rules = make_rules_nlp()
    assert not set(TRAINED) & set(rules.pipe_names)
    assert {m.label.value for m in rules(text)._.kg_mentions} >= {"Model", "Metric"}


def test_extractors_never_import_kg() -> None:
    """``kg`` imports ``extractors``, never the other way round: the extractors have their own types."""
    import re
    from pathlib import Path

    root = Path(PIPELINE).parent
    offenders = [
        path.name
        for path in root.glob("*.py")
        if re.search(r"^\s*(?:from|import) kg\b", path.read_text(), re.MULTILINE)
    ]
    assert offenders == []
