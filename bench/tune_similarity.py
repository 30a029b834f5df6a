"""Tune the similarity weights on papers apart from the ones the bar is reported on.

    python bench/tune_similarity.py [--extracted EXTRACTED.jsonl] [--tune 400] [--seed 4242]

On the 67,315 unique abstracts of ``../shared/corpus/arxiv-daily``, every paper is linked to the
shipped vocabulary once (concept counts), then the similarity bar (top 5 sharing the paper's
primary category) is measured on ``--tune`` random papers that are NOT among the 200 that
``bench/bench_concepts.py`` reports on (seed 16), for a grid of weightings:

- ``exponent``: a concept's weight per occurrence is ``idf * (specificity + floor) ** exponent``
  (0: plain TF-IDF, 1: what ships, :meth:`kg.concepts.vocabulary.Vocabulary.weight`);
- ``entity_weight``: with ``--extracted`` (``kg extract --format jsonl`` output of the corpus), each
  method, dataset or task two papers both name adds ``entity_weight * (log(N/df) / log N) ** 2``,
  as ``queries/similar-concepts.cypher`` does; concepts that are entities are then those entities
  (no ABOUT edge), as in a graph. Without it, entity concepts stand in for the entities.

Prints one line a setting and writes them to ``--out``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts" / "concepts"))

from bench_concepts import REPORT_SAMPLE, REPORT_SEED, read_entities, similarity_bar, weighted  # noqa: E402
from build_vocabulary import CORPUS, corpus_records  # noqa: E402

from kg.concepts.link import TITLE_BOOST, matches  # noqa: E402
from kg.concepts.similar import SimilarityIndex, combine, entity_vectors  # noqa: E402
from kg.concepts.vocabulary import Vocabulary, shipped  # noqa: E402

EXPONENTS = (0.0, 0.5, 1.0, 1.5)
ENTITY_WEIGHTS = (0.0, 0.25, 0.5, 1.0)


def concept_counts(title: str, abstract: str, vocabulary: Vocabulary) -> dict[str, int]:
    """How often each concept occurs in a paper (a title mention counting as :data:`TITLE_BOOST` more)."""
    text = f"{title}\n{abstract}"
    counts: dict[str, int] = {}
    for concept, _, end in matches(text, vocabulary):
        counts[concept.id] = counts.get(concept.id, 0) + 1 + (TITLE_BOOST if end <= len(title) else 0)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--extracted", type=Path, help="kg extract --format jsonl output of the corpus")
    parser.add_argument("--vocabulary", type=Path, help="a vocabulary TSV other than the shipped one")
    parser.add_argument("--tune", type=int, default=400)
    parser.add_argument("--seed", type=int, default=4242)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "tune-similarity.json")
    args = parser.parse_args()
    vocabulary = Vocabulary.read(args.vocabulary) if args.vocabulary else shipped()
    started = time.perf_counter()
    counts: dict[str, dict[str, int]] = {}
    categories: dict[str, list[str]] = {}
    for record in corpus_records(args.corpus):
        paper = str(record["id"])
        counts[paper] = concept_counts(str(record["title"]), str(record["summary"]), vocabulary)
        categories[paper] = list(record.get("categories") or ["?"])  # type: ignore[call-overload]
    print(f"linked {len(counts):,} papers in {time.perf_counter() - started:.0f} s", flush=True)
    papers = sorted(counts)
    reported = set(random.Random(REPORT_SEED).sample(papers, REPORT_SAMPLE))
    tune = random.Random(args.seed).sample([p for p in papers if p not in reported], args.tune)
    entities = read_entities(args.extracted) if args.extracted else None
    skip = frozenset(c.id for c in vocabulary.concepts if c.entity) if entities else frozenset()
    results = []
    for exponent in EXPONENTS:
        concepts = weighted(counts, vocabulary, exponent, skip)
        for beta in ENTITY_WEIGHTS if entities else (0.0,):
            vectors = combine(concepts, entity_vectors(entities, beta)) if entities and beta else concepts
            bar = similarity_bar(SimilarityIndex(vectors), categories, tune)
            row = {"exponent": exponent, "entity_weight": beta, **bar}
            results.append(row)
            print(json.dumps(row), flush=True)
    best = max(results, key=lambda r: (r["share_primary_in_categories"], -r["no_similar_paper"]))
    print(f"best on the {args.tune} tuning papers: {json.dumps(best)}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"tune": args.tune, "seed": args.seed, "results": results}, indent=1))


if __name__ == "__main__":
    main()
