"""Train the whole learned side of the extraction pipeline and ship it: one command, fixed seeds.

    python scripts/train/train.py                   # everything, into extractors/pipeline
    python scripts/train/train.py --no-ship         # train and report only (build/train/)

1. ``vectors.py``: floret vectors on the arXiv daily corpus (once; reused while build/vectors exists).
2. ``corpus.py``: the annotations' train and tune splits as DocBins (never the held-out split).
3. ``python -m spacy train ner.cfg``: the recogniser (tok2vec over the vectors + NER), seed in the config.
4. ``roles.py``: the role classifier; 5. ``filter.py``: the entity filter and its thresholds (tune split).
6. ``assemble.py``: ``pipeline.cfg`` + the trained parts -> ``extractors/pipeline`` (``spacy.load``-able).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def run(*args: str) -> None:
    print("+", " ".join(args), flush=True)
    subprocess.run([sys.executable, *args], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "train")
    parser.add_argument("--vectors", type=Path, default=ROOT / "build" / "vectors")
    parser.add_argument("--no-ship", action="store_true", help="leave extractors/pipeline as it is")
    parser.add_argument("overrides", nargs="*", help="spaCy config overrides, e.g. --training.max_steps=2000")
    args, extra = parser.parse_known_args()
    out = args.out
    if not (args.vectors / "spacy").exists():
        run(str(HERE / "vectors.py"), "--out", str(args.vectors))
    run(str(HERE / "corpus.py"), "--out", str(out))
    run(
        "-m",
        "spacy",
        "train",
        str(HERE / "ner.cfg"),
        "--output",
        str(out / "model"),
        "--paths.train",
        str(out / "train.spacy"),
        "--paths.dev",
        str(out / "tune.spacy"),
        f"--paths.vectors={args.vectors / 'spacy'}",
        *args.overrides,
        *extra,
    )
    best = out / "model" / "model-best"
    run(str(HERE / "roles.py"), "--model", str(best), "--out", str(out / "roles.json"))
    run(str(HERE / "filter.py"), "--model", str(best), "--out", str(out / "filter"))
    if not args.no_ship:
        sys.path.insert(0, str(HERE))
        import assemble

        assemble.assemble(best.resolve(), roles=out / "roles.json", entity_filter=out / "filter")
        print(f"shipped -> {assemble.TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
