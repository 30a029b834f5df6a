"""Turn the annotations into spaCy training data and ``kg eval`` gold files.

    python scripts/train/corpus.py --out build/train

writes ``train.spacy`` and ``tune.spacy`` (DocBin, tokenized by the extraction pipeline's own
tokenizer, entity spans from :mod:`annotations`), and ``<split>-gold.jsonl`` plus
``<split>-papers.jsonl`` (the texts as ``kg extract`` input) for every split.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import annotations


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("build/train"))
    args = parser.parse_args()
    from spacy.tokens import DocBin

    from kg.pipeline import make_nlp

    tokenizer = make_nlp().tokenizer
    args.out.mkdir(parents=True, exist_ok=True)
    by_split: dict[str, list[annotations.Paper]] = {}
    for paper in annotations.papers():
        by_split.setdefault(paper.split, []).append(paper)
    for split, papers in sorted(by_split.items()):
        bin_ = DocBin(store_user_data=False)
        lost: Counter[str] = Counter()
        for paper in papers:
            doc = tokenizer(paper.text)
            ents = []
            for start, end, label in paper.spans:
                span = doc.char_span(start, end, label=label, alignment_mode="expand")
                if span is None or span.end_char - span.start_char > (end - start) + 3:
                    lost[label] += 1
                    continue
                ents.append(span)
            ents.sort(key=lambda s: s.start)
            kept = []
            for span in ents:
                if not kept or span.start >= kept[-1].end:
                    kept.append(span)
            doc.ents = kept
            bin_.add(doc)
        if split != "heldout":  # the held-out split is only ever scored, never trained or tuned on
            bin_.to_disk(args.out / f"{split}.spacy")
        with (
            (args.out / f"{split}-gold.jsonl").open("w", encoding="utf-8") as gold,
            (args.out / f"{split}-papers.jsonl").open("w", encoding="utf-8") as inputs,
        ):
            for paper in papers:
                gold.write(json.dumps(paper.gold(), ensure_ascii=False) + "\n")
                record = {"arxiv_id": paper.pid, "title": paper.title, "abstract": paper.abstract}
                inputs.write(json.dumps(record, ensure_ascii=False) + "\n")
        spans = sum(len(p.spans) for p in papers)
        print(
            f"{split}: {len(papers)} papers, {spans} mentions, {sum(lost.values())} not on token boundaries"
        )


if __name__ == "__main__":
    main()
