"""Concepts on the whole arXiv daily corpus: mining, linking, similarity bar, topics.

    python bench/bench_concepts.py [--skip-mining] [--skip-topics] [--extracted EXTRACTED.jsonl] [--sample 200] [--seed 16]
        [--out build/bench-concepts.json]

On the 67,315 unique abstracts of ``../shared/corpus/arxiv-daily``, one run:
1. mining: the time to mine the vocabulary (``kg.concepts.mine``, what
   ``scripts/concepts/build_vocabulary.py`` ships); skipped with ``--skip-mining``;
2. linking: the time to link every paper to the shipped vocabulary's concepts (TF-IDF);
3. similarity: for ``--sample`` random papers (fixed seed), the top 5 similar papers among all
   67k: how often they share the paper's primary category (in their categories; and as their
   own primary category), and how many papers get no similar paper at all;
4. topics: the time to build Louvain topics over the whole paper-concept graph, their count and
   the largest ones.
Without ``--extracted``, concepts merged with gazetteer entities stand for those entities. With it
(``kg extract --format jsonl`` output of the corpus: ``python -m kg extract
../shared/corpus/arxiv-daily/*.jsonl.gz --workers 2 > extracted.jsonl``), the similarity is what
``queries/similar-concepts.cypher`` ranks by on a graph of the corpus: the ABOUT weights of the
shared concepts that are no entity, plus ``ENTITY_WEIGHT * (log(N/df) / log N) ** 2`` for each
method, dataset or task both papers name; the weighting before tuning (:data:`BASELINE`) is
measured beside it on the same papers, and topics are labelled with the entities too. The weights
were tuned on other papers (``bench/tune_similarity.py``), never on the reported sample.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts" / "concepts"))

from build_vocabulary import CORPUS, corpus_records, documents, gazetteer_entities  # noqa: E402

from kg.concepts.link import link  # noqa: E402
from kg.concepts.mine import mine  # noqa: E402
from kg.concepts.similar import ENTITY_WEIGHT, SimilarityIndex, combine, entity_vectors  # noqa: E402
from kg.concepts.topics import build_topics  # noqa: E402
from kg.concepts.vocabulary import SPECIFICITY_FLOOR, Vocabulary, shipped  # noqa: E402

REPORT_SEED = 16
REPORT_SAMPLE = 200
"""The papers the similarity bar is reported on: ``random.Random(16).sample(sorted(ids), 200)``."""
ENTITY_FILES = {"methods": "method", "datasets": "dataset", "tasks": "task"}
"""The extracted entities the query's entity term counts (PROPOSES, USES, INTRODUCES,
EVALUATES_ON, ADDRESSES), and their node id prefixes."""


def read_entities(extracted: Path) -> dict[str, set[str]]:
    """Each paper's method, dataset and task node ids, from ``kg extract --format jsonl`` output."""
    out: dict[str, set[str]] = {}
    with open(extracted, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            out[str(record["id"])] = {
                f"{prefix}:{entity['key']}"
                for field, prefix in ENTITY_FILES.items()
                for entity in record.get(field) or []
            }
    return out


BASELINE = (0.0, 0.25)
"""The weighting before tuning (specificity exponent, entity weight): plain TF-IDF concepts and
``(log(N/df) / log N) ** 2 / 4`` a shared entity, measured beside the shipped one."""


def weighted(
    counts: Mapping[str, Mapping[str, int]], vocabulary: Vocabulary, exponent: float, skip: frozenset[str]
) -> dict[str, dict[str, float]]:
    """L2-normalised ``(1 + log count) * idf * (specificity + floor) ** exponent`` vectors, without
    the concepts in ``skip`` (normalised before: an entity concept's ABOUT edge is left out of a
    graph after linking, :mod:`kg.concepts.rows`). Exponent 1 is :func:`kg.concepts.link.link`."""
    by_id = {c.id: c for c in vocabulary.concepts}
    out: dict[str, dict[str, float]] = {}
    for paper, found in counts.items():
        raw = {
            cid: (1 + math.log(n))
            * vocabulary.idf(by_id[cid])
            * (by_id[cid].specificity + SPECIFICITY_FLOOR) ** exponent
            for cid, n in found.items()
        }
        norm = math.sqrt(sum(w * w for w in raw.values())) or 1.0
        out[paper] = {cid: w / norm for cid, w in raw.items() if cid not in skip}
    return out


def read_entity_names(extracted: Path) -> dict[str, str]:
    """Entity node id -> name, from ``kg extract --format jsonl`` output (the first name seen)."""
    names: dict[str, str] = {}
    with open(extracted, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            for field, prefix in ENTITY_FILES.items():
                for entity in record.get(field) or []:
                    names.setdefault(f"{prefix}:{entity['key']}", str(entity["name"]))
    return names


def similarity_bar(
    index: SimilarityIndex, categories: dict[str, list[str]], sample: list[str], k: int = 5
) -> dict[str, float]:
    """Share of the top ``k`` neighbours sharing the paper's primary category; papers with none."""
    shared = primary = pairs = empty = 0
    for paper in sample:
        neighbours = index.similar(paper, k)
        if not neighbours:
            empty += 1
        mine_ = categories[paper][0]
        for other, _ in neighbours:
            pairs += 1
            shared += mine_ in categories[other]
            primary += mine_ == categories[other][0]
    return {
        "papers": len(sample),
        "pairs": pairs,
        "share_primary_in_categories": round(shared / max(1, pairs), 4),
        "same_primary": round(primary / max(1, pairs), 4),
        "no_similar_paper": round(empty / len(sample), 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--skip-mining", action="store_true")
    parser.add_argument("--skip-topics", action="store_true")
    parser.add_argument("--extracted", type=Path, help="kg extract --format jsonl output of the corpus")
    parser.add_argument("--sample", type=int, default=REPORT_SAMPLE)
    parser.add_argument("--seed", type=int, default=REPORT_SEED)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench-concepts.json")
    args = parser.parse_args()
    result: dict[str, object] = {}
    if not args.skip_mining:
        started = time.perf_counter()
        vocabulary, _ = mine(documents(args.corpus), entities=gazetteer_entities())
        result["mining"] = {
            "seconds": round(time.perf_counter() - started, 1),
            "documents": vocabulary.n_docs,
            "concepts": len(vocabulary.concepts),
        }
        print(f"mining: {result['mining']}", flush=True)
    vocabulary = shipped()
    records = list(corpus_records(args.corpus))
    categories = {str(r["id"]): list(r.get("categories") or ["?"]) for r in records}  # type: ignore[call-overload]
    started = time.perf_counter()
    vectors: dict[str, dict[str, float]] = {}
    counts: dict[str, dict[str, int]] = {}
    for record in records:
        links = link(str(record["title"]), str(record["summary"]), vocabulary)
        vectors[str(record["id"])] = {lk.concept.id: lk.weight for lk in links}
        counts[str(record["id"])] = {lk.concept.id: lk.count for lk in links}
    seconds = time.perf_counter() - started
    linked = sum(1 for v in vectors.values() if v)
    result["linking"] = {
        "seconds": round(seconds, 1),
        "papers": len(vectors),
        "papers_per_second": round(len(vectors) / seconds),
        "papers_with_concepts": linked,
        "mean_concepts": round(sum(len(v) for v in vectors.values()) / len(vectors), 2),
    }
    print(f"linking: {result['linking']}", flush=True)
    ranked = vectors
    names = {c.id: c.name for c in vocabulary.concepts}
    named: dict[str, set[str]] | None = None
    sample = random.Random(args.seed).sample(sorted(vectors), args.sample)
    if args.extracted:  # as in a graph: entity concepts are the extracted entities
        skip = frozenset(c.id for c in vocabulary.concepts if c.entity)
        vectors = {p: {c: w for c, w in v.items() if c not in skip} for p, v in vectors.items()}
        named = {p: ids for p, ids in read_entities(args.extracted).items() if p in vectors}
        names.update(read_entity_names(args.extracted))
        ranked = combine(vectors, entity_vectors(named, ENTITY_WEIGHT))
        exponent, beta = BASELINE
        baseline = combine(weighted(counts, vocabulary, exponent, skip), entity_vectors(named, beta))
        result["similarity_before_tuning"] = similarity_bar(SimilarityIndex(baseline), categories, sample)
        print(f"similarity before tuning {BASELINE}: {result['similarity_before_tuning']}", flush=True)
    index = SimilarityIndex(ranked)
    started = time.perf_counter()
    result["similarity"] = similarity_bar(index, categories, sample)
    result["similarity"]["with_extracted_entities"] = bool(args.extracted)  # type: ignore[index]
    result["similarity"]["seconds"] = round(time.perf_counter() - started, 1)  # type: ignore[index]
    print(f"similarity: {result['similarity']}", flush=True)
    if args.skip_topics:
        return _save(args.out, result)
    started = time.perf_counter()
    topics = build_topics(vectors, names, entities=named)
    result["topics"] = {
        "seconds": round(time.perf_counter() - started, 1),
        "topics": len(topics),
        "papers_in_topics": sum(t.size for t in topics),
        "largest": [(t.label, t.size) for t in topics[:15]],
    }
    print(f"topics: {result['topics']}", flush=True)
    _save(args.out, result)


def _save(path: Path, result: dict[str, object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
