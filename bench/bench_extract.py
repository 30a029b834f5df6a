"""Extraction throughput and memory on unique real abstracts, against spaCy's bare tokenizer.

    python bench/bench_extract.py [--n 5000] [--workers 2] [--corpus ../shared/corpus/arxiv-daily]

Takes 2 x N distinct abstracts of the arXiv daily corpus (spread evenly over its files; never
resampled: repeated texts hit the tokenizer's and the slug caches and look several times faster).
On the first N, in one run: the bare tokenizer of ``spacy.blank("en")`` (its own vocabulary and
cache), then paper-kg's whole extraction in one process; on the other N, extraction with
``--workers`` processes. Peak memory is the process's maximum resident set size. Prints JSON.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.model import Paper
from kg.pipeline import extract, make_nlp

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "arxiv-daily"


def unique_abstracts(corpus: Path, n: int) -> list[Paper]:
    """``n`` distinct papers, every k-th record of every monthly file."""
    records = []
    for path in sorted(corpus.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            records += [json.loads(line) for line in handle]
    step = max(1, len(records) // n)
    seen: set[str] = set()
    papers = []
    for rec in records[::step]:
        if rec["id"] in seen:
            continue
        seen.add(rec["id"])
        papers.append(
            Paper(
                title=" ".join(rec["title"].split()),
                abstract=" ".join(rec["summary"].split()),
                arxiv_id=rec["id"],
            )
        )
    return papers[:n]


def rate(n: int, seconds: float) -> float:
    return round(n / seconds, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()

    import spacy

    papers = unique_abstracts(args.corpus, 2 * args.n)
    first, second = papers[: args.n], papers[args.n :]
    texts = [p.text for p in first]
    tokenizer = spacy.blank("en")
    make_nlp()  # load once, outside the timings

    start = time.perf_counter()
    for _ in tokenizer.pipe(texts, batch_size=256):
        pass
    tokenizer_s = time.perf_counter() - start

    start = time.perf_counter()
    mentions = sum(len(m) for _, m in extract(first, workers=1))
    one_s = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    start = time.perf_counter()
    sum(len(m) for _, m in extract(second, workers=args.workers))
    many_s = time.perf_counter() - start

    print(
        json.dumps(
            {
                "abstracts": len(first),
                "unique": len({p.id for p in papers}) == len(papers),
                "mentions": mentions,
                "tokenizer_per_s": rate(len(first), tokenizer_s),
                "extract_per_s": rate(len(first), one_s),
                "ratio_to_tokenizer": round(tokenizer_s / one_s, 3),
                f"extract_per_s_{args.workers}_workers": rate(len(second), many_s),
                "workers_speedup": round(one_s / many_s * len(second) / len(first), 2),
                "peak_rss_mb": round(peak_mb, 1),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
