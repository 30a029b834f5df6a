"""Draw the abstracts to annotate from the arXiv daily corpus, fixed once, before any training.

Every paper of ``../shared/corpus/arxiv-daily`` is shuffled with a fixed seed inside its
(listing month, primary-category group) stratum; strata are then visited round-robin with
category weights, so any prefix of the order is spread over months and categories. The order is
cut into batches of 25: the first 16 batches (400 abstracts) are the held-out split, the next 8
(200) the tuning split, the rest training. Texts are written exactly as the pipeline sees them:
``title + "\\n" + abstract`` with whitespace collapsed (``kg.ingest.fields.collapse``).

    python scripts/annotations/sample.py --corpus ../shared/corpus/arxiv-daily --batches 220
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from collections import defaultdict
from pathlib import Path

SEED = 20261207
BATCH = 25
HELDOUT_BATCHES = 16
TUNE_BATCHES = 8
# The evaluation sets lean to language and general ML papers; the corpus leans to vision.
GROUP_WEIGHTS = {"cs.CL": 0.35, "cs.CV": 0.30, "cs.AI": 0.20, "other": 0.15}


def collapse(text: str) -> str:
    return " ".join(text.split())


def group(categories: list[str]) -> str:
    primary = categories[0] if categories else ""
    return primary if primary in GROUP_WEIGHTS else "other"


def read_corpus(folder: Path) -> list[dict[str, str]]:
    papers = []
    for path in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                rec = json.loads(line)
                title, abstract = collapse(rec["title"]), collapse(rec["summary"])
                papers.append(
                    {
                        "pid": rec["id"],
                        "month": rec["listing_date"][:7],
                        "group": group(rec.get("categories") or []),
                        "categories": rec.get("categories") or [],
                        "title": title,
                        "abstract": abstract,
                        "text": f"{title}\n{abstract}",
                    }
                )
    return papers


def order(papers: list[dict[str, str]], rng: random.Random) -> list[dict[str, str]]:
    strata: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for paper in papers:
        strata[(paper["group"], paper["month"])].append(paper)
    for key in sorted(strata):
        rng.shuffle(strata[key])
    months = sorted({m for _, m in strata})
    cursor = {g: 0 for g in GROUP_WEIGHTS}
    out: list[dict[str, str]] = []
    groups, weights = list(GROUP_WEIGHTS), list(GROUP_WEIGHTS.values())
    total = len(papers)
    while len(out) < total:
        g = rng.choices(groups, weights)[0]
        # Round-robin over months within a group, skipping exhausted strata.
        for _ in range(len(months)):
            month = months[cursor[g] % len(months)]
            cursor[g] += 1
            bucket = strata.get((g, month))
            if bucket:
                out.append(bucket.pop())
                break
        else:
            groups_left = [x for x in groups if any(strata.get((x, m)) for m in months)]
            if not groups_left:
                break
            weights = [GROUP_WEIGHTS[x] for x in groups_left]
            groups = groups_left
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus/arxiv-daily"))
    parser.add_argument("--out", type=Path, default=Path("data/annotations"))
    parser.add_argument("--batches", type=int, default=220)
    args = parser.parse_args()
    ordered = order(read_corpus(args.corpus), random.Random(SEED))[: args.batches * BATCH]
    manifest = []
    (args.out / "texts").mkdir(parents=True, exist_ok=True)
    for b in range(args.batches):
        split = (
            "heldout" if b < HELDOUT_BATCHES else "tune" if b < HELDOUT_BATCHES + TUNE_BATCHES else "train"
        )
        name = f"b{b:03d}"
        rows = ordered[b * BATCH : (b + 1) * BATCH]
        with (args.out / "texts" / f"{name}.jsonl").open("w", encoding="utf-8") as handle:
            for row in rows:
                keep = {k: row[k] for k in ("pid", "text")}
                handle.write(json.dumps(keep, ensure_ascii=False) + "\n")
                manifest.append(
                    {
                        "pid": row["pid"],
                        "batch": name,
                        "split": split,
                        "month": row["month"],
                        "categories": row["categories"],
                    }
                )
    with (args.out / "manifest.jsonl").open("w", encoding="utf-8") as handle:
        for row in manifest:
            handle.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main()
