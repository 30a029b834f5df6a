"""Static vectors for the recogniser: floret (hashed subword) vectors trained on the corpus.

    python scripts/train/vectors.py --corpus ../shared/corpus/arxiv-daily   # -> build/vectors/

Trains floret CBOW vectors on the arXiv daily abstracts (held-out annotation papers left out),
tokenized by the pipeline's own tokenizer, and converts them with ``spacy init vectors --mode
floret`` for ``[initialize] vectors`` of ``ner.cfg``. Hashed subwords give every word a vector,
new method names included, in a table of fixed size (``--bucket`` rows of ``--dim``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
import annotations  # noqa: E402


def write_text(corpus: Path, out: Path) -> int:
    from kg.pipeline import make_nlp

    heldout = {pid for pid, row in annotations.manifest().items() if row["split"] == "heldout"}
    tokenizer = make_nlp().tokenizer
    count = 0
    with out.open("w", encoding="utf-8") as handle:
        for path in sorted(corpus.glob("*.jsonl.gz")):
            with gzip.open(path, "rt", encoding="utf-8") as lines:
                for line in lines:
                    rec = json.loads(line)
                    if rec["id"] in heldout:
                        continue
                    text = " ".join(rec["title"].split()) + "\n" + " ".join(rec["summary"].split())
                    handle.write(" ".join(t.text for t in tokenizer(text)) + "\n")
                    count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "arxiv-daily")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "vectors")
    parser.add_argument("--dim", type=int, default=64)
    parser.add_argument("--bucket", type=int, default=50_000)
    parser.add_argument("--epoch", type=int, default=5)
    args = parser.parse_args()
    import floret

    args.out.mkdir(parents=True, exist_ok=True)
    text = args.out / "corpus.txt"
    if not text.exists():
        print(f"{write_text(args.corpus, text)} abstracts -> {text}")
    model = floret.train_unsupervised(
        str(text),
        model="cbow",
        mode="floret",
        hashCount=2,
        bucket=args.bucket,
        minn=4,
        maxn=5,
        dim=args.dim,
        epoch=args.epoch,
        minCount=3,
        thread=2,
    )
    floret_path = args.out / "vectors.floret"
    model.save_floret_vectors(str(floret_path))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "spacy",
            "init",
            "vectors",
            "en",
            str(floret_path),
            str(args.out / "spacy"),
            "--mode",
            "floret",
        ],
        check=True,
    )


if __name__ == "__main__":
    main()
