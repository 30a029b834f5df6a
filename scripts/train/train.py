"""Train the learned span finder from the annotations, with a fixed seed, and ship it.

    python scripts/train/train.py                 # corpus -> spacy train -> extractors/pipeline/ner
    python scripts/train/train.py --no-ship       # train only (build/train/model-best)

Steps: ``corpus.py`` writes the annotations as DocBins (train and tune splits; the held-out
split is never used here), ``python -m spacy train scripts/train/ner.cfg`` trains with the
config's seed, and the best model's ``ner`` and ``tok2vec`` are copied into the shipped
pipeline directory.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHIPPED = ROOT / "extractors" / "pipeline" / "ner"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "train")
    parser.add_argument("--config", type=Path, default=HERE / "ner.cfg")
    parser.add_argument("--no-ship", action="store_true", help="leave the shipped model as it is")
    parser.add_argument("overrides", nargs="*", help="spaCy config overrides, e.g. --training.max_steps=2000")
    args, extra = parser.parse_known_args()
    args.overrides += extra
    subprocess.run([sys.executable, str(HERE / "corpus.py"), "--out", str(args.out)], check=True)
    command = [
        sys.executable,
        "-m",
        "spacy",
        "train",
        str(args.config),
        "--output",
        str(args.out / "model"),
        "--paths.train",
        str(args.out / "train.spacy"),
        "--paths.dev",
        str(args.out / "tune.spacy"),
        *args.overrides,
    ]
    subprocess.run(command, check=True)
    if not args.no_ship:
        best = args.out / "model" / "model-best"
        if SHIPPED.exists():
            shutil.rmtree(SHIPPED)
        shutil.copytree(best, SHIPPED)
        print(f"shipped {best} -> {SHIPPED.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
