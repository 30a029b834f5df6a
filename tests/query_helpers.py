"""Helpers for the named-query tests: the sample graph in both stores, and the cases every query
runs on."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from kg.errors import StoreError
from kg.store.copy import copy_graph
from kg.store.nx_store import NetworkXStore

if TYPE_CHECKING:
    from kg.store.neo4j_store import Neo4jStore

# Three papers in date order: FlowPrune is proposed by the first and adopted by the other two.
ADOPTERS = Path(__file__).parent / "data" / "adopters.jsonl"
MINIPLM = "a53d13144b1464db"
MINIPLM_TITLE = "MiniPLM: Knowledge Distillation for Pre-Training Language Models"
COMPACT = "74b44b0adf2363de"  # Compact Language Models via Pruning and Knowledge Distillation
MASKLLM = "ad43a79fb4c8fc61"
MASKLLM_TITLE = "MaskLLM: Learnable Semi-Structured Sparsity for Large Language Models"
NTP_PAPER = "0af06fb970662dd5"  # Correlation and Navigation in the Vocabulary Key Representation Space …

KD_PAPERS = {
    # Hand-checked: each abstract speaks of knowledge distillation (read in kg/data/sample/).
    "091479fb892fd80f": "Advantage-Guided Distillation for Preference Alignment in Small Language Models",
    "46987f71f619ff0d": "Knowledge Grafting of Large Language Models",
    "675247d54e3366d2": "Sinkhorn Distance Minimization for Knowledge Distillation",
    "7225dd70eaa60b65": "On Teacher Hacking in Language Model Distillation",
    COMPACT: "Compact Language Models via Pruning and Knowledge Distillation",
    "88e9cf76a57d8cfd": "Multi-Granularity Semantic Revision for Large Language Model Distillation",
    "9d7f55d4d31f9ece": "Multi-Level Knowledge Distillation for Out-of-Distribution Detection in Text",
    "d25730cfe304c564": "LLaVA-MoD: Making LLaVA Tiny via MoE Knowledge Distillation",
}
"""The papers the sample graph links to knowledge distillation, besides MiniPLM."""

CASES: list[tuple[str, dict[str, Any]]] = [
    ("papers-using-method", {"method": "knowledge distillation"}),
    ("papers-using-method", {"method": "KD", "role": "used"}),
    ("papers-using-method", {"method": "Chain-of-Thought Prompting", "role": "used"}),
    ("shared-methods", {"paper": MINIPLM}),
    ("shared-methods", {"paper": MASKLLM_TITLE.upper(), "limit": "5"}),
    ("shared-methods", {"paper": NTP_PAPER, "k": "2"}),
    ("method-cooccurrence", {"method": "knowledge distillation"}),
    ("method-cooccurrence", {"method": "Transformer", "limit": "50"}),
    ("top-entities", {}),
    ("top-entities", {"kind": "dataset", "since": "2026-03", "until": "2026-04"}),
    ("top-entities", {"kind": "family", "limit": "100"}),
    ("top-entities", {"kind": "task", "since": "2025"}),
    ("top-entities", {"kind": "model", "until": "2026-03-12"}),
    ("top-entities", {"kind": "metric"}),
    ("family-timeline", {}),
    ("family-timeline", {"family": "qwen"}),
    ("family-timeline", {"since": "2026-03-15", "until": "2026-08"}),
    ("papers-with-code", {}),
    ("papers-with-code", {"method": "knowledge distillation"}),
    ("papers-with-code", {"task": "question answering"}),
    ("papers-with-code", {"kind": "model", "limit": "2"}),
    ("similar-papers", {"paper": MINIPLM}),
    ("similar-papers", {"paper": MASKLLM, "limit": "25"}),
    ("papers-on-dataset", {"dataset": "MMLU"}),
    ("papers-on-dataset", {"dataset": "gsm8k", "role": "used"}),
    ("methods-for-task", {"task": "question answering"}),
    ("methods-for-task", {"task": "language modeling", "limit": "5"}),
    ("entity-timeline", {"entity": "knowledge distillation"}),
    ("entity-timeline", {"entity": "Llama", "since": "2026"}),
    ("entity-timeline", {"entity": "MMLU", "until": "2026-03"}),
    ("similar-concepts", {"paper": MASKLLM_TITLE}),
    ("similar-concepts", {"paper": MINIPLM, "limit": "25"}),
    ("connection", {"paper": MINIPLM, "other": COMPACT}),
    ("connection", {"paper": MINIPLM, "other": MASKLLM_TITLE}),
    ("connection", {"paper": "091479fb892fd80f", "other": NTP_PAPER}),
]
"""At least one run of every named query on the sample graph; each returns rows."""


def case_id(case: tuple[str, dict[str, Any]]) -> str:
    name, params = case
    return name + "".join(f"-{k}={v}" for k, v in params.items())[:60]


def load_sample(neo: Neo4jStore, ingested: Path) -> Neo4jStore:
    """``neo`` holding the sample graph (copied from the embedded file unless it already holds it)."""
    embedded = NetworkXStore(ingested, create=False)
    if neo.stats() != embedded.stats():
        copy_graph(embedded, neo, clear=True)
    return neo


def embedded_cypher_or_skip(store: NetworkXStore) -> NetworkXStore:
    """The embedded store, or a skip while it cannot run Cypher yet (run_cypher still refuses)."""
    try:
        store.run_cypher("RETURN 1 AS one", {})
    except StoreError as exc:
        if "does not run Cypher yet" in str(exc):
            pytest.skip(f"the embedded store cannot run Cypher yet: {exc}")
        raise
    return store
