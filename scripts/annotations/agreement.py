"""Inter-annotator agreement: micro F1 between first and blind second annotations.

    python scripts/annotations/agreement.py

Every batch with a ``raw/bNNN.second.jsonl`` is scored with ``kg eval``'s matching (names and
aliases compared case-folded without non-alphanumerics), the first annotation taken as gold;
F1 is symmetric, so the choice does not matter.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "train"))
import annotations

from kg.evaluate import evaluate


def main() -> None:
    second = {p.pid: p for p in annotations.papers(second=True)}
    first = [p for p in annotations.papers() if p.pid in second]
    report = evaluate([p.gold() for p in first], [second[p.pid].gold() for p in first])
    print(f"{len(first)} papers annotated twice, blind")
    for row in report.rows():
        print(f"{row['type']:<9} tp {row['tp']:>4}  fp {row['fp']:>4}  fn {row['fn']:>4}  F1 {row['f1']:.3f}")
    print(f"roles agree on {report.roles_correct} of {report.roles_total} matched methods and datasets")


if __name__ == "__main__":
    main()
