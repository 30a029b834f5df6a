"""Static vectors for the recogniser: floret (hashed subword) vectors trained on the corpus.

    python scripts/train/vectors.py --corpus ../shared/corpus/arxiv-daily   # -> build/vectors/

Trains floret CBOW vectors on the arXiv daily abstracts (held-out annotation papers left out),
tokenized by the pipeline's own tokenizer, and converts them with ``spacy init vectors --mode
floret`` for ``[initialize] vectors`` of ``ner.cfg``. Hashed subwords give every word a vector,
new method names included, in a table of fixed size (``--bucket`` rows of ``--dim``).

``--words N`` (an option the shipped recogniser does not use) also writes ``spacy-words``: the
floret vectors of the corpus's N most frequent tokens as a plain table, a dictionary lookup
where floret hashes every character n-gram of every token (about a third of the recogniser's
time); rarer words get no vector. A recogniser over it (depth 3, larger hash tables) scored
0.616 on tune mentions against 0.577, but the whole pipeline 0.646 against 0.651: not shipped.
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
    parser.add_argument("--words", type=int, default=0, help="also write a plain table of this many rows")
    args = parser.parse_args()
    if not (args.out / "spacy").exists():
        train_floret(args)
    if args.words:
        plain_table(args.out, args.words)


def train_floret(args: argparse.Namespace) -> None:
    """floret vectors on the corpus -> ``out/spacy`` (a floret-mode spaCy vectors table)."""
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


def plain_table(out: Path, words: int) -> None:
    """The floret vectors of the ``words`` most frequent tokens of the corpus text as a plain
    spaCy vectors table in ``out/spacy-words``."""
    from collections import Counter

    import numpy
    import spacy
    from spacy.vectors import Vectors

    counts: Counter[str] = Counter()
    with (out / "corpus.txt").open(encoding="utf-8") as lines:
        for line in lines:
            counts.update(line.split())
    vocab = [w for w, _ in counts.most_common(words)]
    nlp = spacy.load(out / "spacy")
    table = nlp.vocab.vectors.get_batch([nlp.vocab.strings.add(w) for w in vocab])
    plain = spacy.blank("en")
    plain.vocab.vectors = Vectors(
        strings=plain.vocab.strings, data=numpy.asarray(table, dtype="float32"), keys=vocab
    )
    plain.to_disk(out / "spacy-words")
    print(f"{len(vocab)} words -> {out / 'spacy-words'}")


if __name__ == "__main__":
    main()
