"""Extraction throughput and memory, measured in one run against spaCy's bare tokenizer.

    python bench/bench_extract.py [--n 10000] [--workers 2]

Resamples N abstracts from the bundled corpus (with a seed), then times, on the same texts:
the bare tokenizer of ``spacy.blank("en")``, paper-kg's extraction in one process, and with
``--workers``. Peak memory is the process's maximum resident set size. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.build import merge_duplicates
from kg.ingest import read_papers
from kg.model import Paper
from kg.pipeline import extract, make_nlp
from kg.sample import sample_paths


def resample(n: int, seed: int) -> list[Paper]:
    papers = merge_duplicates(p for path in sample_paths() for p in read_papers(path))
    rng = random.Random(seed)
    return [rng.choice(papers) for _ in range(n)]


def rate(n: int, seconds: float) -> float:
    return round(n / seconds, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()

    import spacy

    papers = resample(args.n, args.seed)
    texts = [p.title + " " + p.abstract for p in papers]
    tokenizer = spacy.blank("en")
    make_nlp()  # load once, outside the timings

    start = time.perf_counter()
    for _ in tokenizer.pipe(texts, batch_size=256):
        pass
    tokenizer_s = time.perf_counter() - start

    start = time.perf_counter()
    mentions = sum(len(m) for _, m in extract(papers, workers=1))
    one_s = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    start = time.perf_counter()
    sum(len(m) for _, m in extract(papers, workers=args.workers))
    many_s = time.perf_counter() - start

    print(
        json.dumps(
            {
                "abstracts": args.n,
                "mentions": mentions,
                "tokenizer_per_s": rate(args.n, tokenizer_s),
                "extract_per_s": rate(args.n, one_s),
                "ratio_to_tokenizer": round(tokenizer_s / one_s, 3),
                f"extract_per_s_{args.workers}_workers": rate(args.n, many_s),
                "workers_speedup": round(one_s / many_s, 2),
                "peak_rss_mb": round(peak_mb, 1),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
