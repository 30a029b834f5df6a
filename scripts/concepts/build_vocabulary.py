"""Build the shipped concept vocabulary from the arXiv daily corpus.

    python scripts/concepts/build_vocabulary.py [--corpus ../shared/corpus/arxiv-daily]
        [--out kg/data/concepts/vocabulary.tsv] [--report build/concepts-report.json] [--min-df 10]

Reads every abstract once (unique arXiv ids), mines phrases (``kg.concepts.mine``), merges the
concepts that are gazetteer entities (``extractors/patterns/*.jsonl``) with them, writes the
vocabulary and a report of what each filter dropped. Deterministic: the same corpus gives the
same file.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from extractors.names import entity_key  # noqa: E402
from kg.concepts.mine import Document, MiningSettings, mine  # noqa: E402
from kg.concepts.text import phrase_key  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "arxiv-daily"
LABELS = {
    "METHOD": ("Method", "method"),
    "TASK": ("Task", "task"),
    "METRIC": ("Metric", "metric"),
    "DATASET": ("Dataset", "dataset"),
}


def corpus_records(corpus: Path) -> Iterator[dict[str, object]]:
    """Every record of the corpus once (by arXiv id), month files in order."""
    seen: set[str] = set()
    for path in sorted(corpus.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if record["id"] in seen:
                    continue
                seen.add(record["id"])
                yield record


def documents(corpus: Path) -> Iterator[Document]:
    for record in corpus_records(corpus):
        categories = record.get("categories") or ["?"]
        yield Document(f"{record['title']}\n{record['summary']}", str(categories[0]))  # type: ignore[index]


def gazetteer_entities() -> dict[str, tuple[str, str]]:
    """Phrase key of every gazetteer form -> (entity node id, canonical name); curated files first."""
    out: dict[str, tuple[str, str]] = {}
    patterns = ROOT / "extractors" / "patterns"
    files = sorted(patterns.glob("*.jsonl"), key=lambda p: (not p.name.startswith("curated"), p.name))
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            if entry.get("label") not in LABELS or not isinstance(entry.get("pattern"), str):
                continue
            kind, prefix = LABELS[entry["label"]]
            node_id = f"{prefix}:{entity_key(kind, entry['id'])}"
            key = phrase_key(entry["pattern"].lower().replace("-", " ").split())
            out.setdefault(key, (node_id, entry.get("canonical") or entry["pattern"]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=ROOT / "kg" / "data" / "concepts" / "vocabulary.tsv")
    parser.add_argument("--report", type=Path, default=ROOT / "build" / "concepts-report.json")
    parser.add_argument(
        "--min-df",
        type=int,
        default=MiningSettings().min_df,
        help="a concept is in at least this many abstracts",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    settings = MiningSettings(min_df=args.min_df)
    vocabulary, dropped = mine(documents(args.corpus), settings=settings, entities=gazetteer_entities())
    seconds = time.perf_counter() - started
    vocabulary.save(args.out)
    merged = sum(1 for c in vocabulary.concepts if c.entity)
    report = {
        "documents": vocabulary.n_docs,
        "seconds": round(seconds, 1),
        "concepts": len(vocabulary.concepts),
        "merged_with_entities": merged,
        "dropped": {reason: len(items) for reason, items in dropped.items()},
        "dropped_top": {
            reason: sorted(items, key=lambda x: -float(x[1]))[:60] for reason, items in dropped.items()
        },
        "top": [(c.name, c.df, c.entity) for c in vocabulary.concepts[:150]],
    }
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(
        f"{vocabulary.n_docs} documents, {len(vocabulary.concepts)} concepts ({merged} are entities), "
        f"{seconds:.1f} s -> {args.out}"
    )


if __name__ == "__main__":
    main()
