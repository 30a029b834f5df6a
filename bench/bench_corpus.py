"""The whole arXiv daily corpus through extraction: no error, the most frequent entities, roles.

    python bench/bench_corpus.py [--workers 2] [--out build/corpus-top.json]

Extracts all 67,315 abstracts (the library path of ``kg extract``), then reports: the time and
rate, the 40 most frequent entities of each type (by papers, one node per name key), and how many
papers "propose" each method of ``extractors/data/established_methods.txt`` (it should be none).
The judged top-40 lists in ``tests/data/corpus_top40.json`` come from this output.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.ids import normalise_key
from kg.model import Paper
from kg.pipeline import extract

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "arxiv-daily"
TYPES = {"Method": "methods", "Dataset": "datasets", "Model": "models", "Task": "tasks", "Metric": "metrics"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "corpus-top.json")
    args = parser.parse_args()
    papers = []
    for path in sorted(args.corpus.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                rec = json.loads(line)
                papers.append(
                    Paper(
                        title=" ".join(rec["title"].split()),
                        abstract=" ".join(rec["summary"].split()),
                        arxiv_id=rec["id"],
                    )
                )
    established = {
        normalise_key(line): line
        for line in (ROOT / "extractors" / "data" / "established_methods.txt").read_text().splitlines()
        if line and not line.startswith("#")
    }
    counts: dict[str, Counter[str]] = {label: Counter() for label in TYPES}
    names: dict[str, Counter[str]] = {}
    proposing: Counter[str] = Counter()
    start = time.perf_counter()
    for _, mentions in extract(papers, workers=args.workers):
        seen: set[str] = set()
        for m in mentions:
            label = m.label.value
            if label not in TYPES or m.node_id in seen:
                continue
            seen.add(m.node_id)
            counts[label][m.node_id] += 1
            names.setdefault(m.node_id, Counter())[m.name] += 1
            if m.role == "proposed" and label == "Method":
                hit = {normalise_key(f) for f in (m.name, *m.aliases)} & established.keys()
                for key in hit:
                    proposing[established[key]] += 1
    seconds = time.perf_counter() - start
    report = {
        "abstracts": len(papers),
        "seconds": round(seconds, 1),
        "per_second": round(len(papers) / seconds, 1),
        "workers": args.workers,
        "top40": {
            TYPES[label]: [
                {"name": names[node].most_common(1)[0][0], "id": node, "papers": n}
                for node, n in counter.most_common(40)
            ]
            for label, counter in counts.items()
        },
        "established_proposed": {name: proposing.get(name, 0) for name in established.values()},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    print(json.dumps({k: report[k] for k in ("abstracts", "seconds", "per_second", "workers")}))
    print("papers proposing an established method:", sum(proposing.values()))
    for kind, rows in report["top40"].items():
        print(kind, ", ".join(f"{r['name']} ({r['papers']})" for r in rows))


if __name__ == "__main__":
    main()
