"""The annotations as a lexicon: names annotators mark again and again, as a gazetteer file.

    python scripts/train/lexicon.py            # -> extractors/patterns/lexicon.jsonl

From the **train** split only (the tune split chooses thresholds, the held-out split is never
read), every written form of an annotated method, dataset, task or metric is counted: in how many
papers it is annotated with each type, and in how many papers it occurs at all. A form becomes a
pattern when it is annotated in at least ``--min-papers`` papers, with one type at least 80% of
the time, and annotated in at least ``--min-precision`` of the papers it occurs in ("accuracy" is
always a metric; "attention" is annotated in few of the papers that write it, so it is left out).
Forms the shipped gazetteers already list are skipped: those keep their canonical ids.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
import annotations  # noqa: E402

KINDS = {"methods": "METHOD", "datasets": "DATASET", "tasks": "TASK", "metrics": "METRIC"}


def case_sensitive(form: str) -> bool:
    return form[1:] != form[1:].lower()


def form_key(form: str) -> str:
    return form if case_sensitive(form) else form.casefold()


def build(min_papers: int, min_precision: float) -> list[dict]:
    from extractors.gazetteer import load_entries, pattern_files
    from kg.ids import slug

    known = {e.pattern.casefold() for e in load_entries(p for p in pattern_files() if p.stem != "lexicon")}
    papers = list(annotations.papers({"train"}))
    annotated: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    written: dict[str, str] = {}
    for paper in papers:
        seen: set[tuple[str, str]] = set()
        for kind, label in KINDS.items():
            for entity in paper.record.get(kind) or []:
                for form in {entity["name"], *(entity.get("aliases") or [])}:
                    form = form.strip()
                    key = form_key(form)
                    if len(form) < 2 or (key, label) in seen or not annotations.occurs(form, paper.text):
                        continue
                    seen.add((key, label))
                    annotated[key][label] += 1
                    names[key][entity["name"]] += 1
                    written.setdefault(key, form)
    rows = []
    for key, labels in sorted(annotated.items()):
        label, count = labels.most_common(1)[0]
        if count < min_papers or count < 0.8 * sum(labels.values()) or key.casefold() in known:
            continue
        form = written[key]
        flags = 0 if case_sensitive(form) else re.IGNORECASE
        pattern = re.compile(r"(?<![0-9A-Za-z])" + re.escape(form) + r"(?![0-9A-Za-z])", flags)
        occurring = sum(1 for p in papers if pattern.search(p.text))
        if count < min_precision * occurring:
            continue
        canonical = names[key].most_common(1)[0][0]
        if label in ("TASK", "METRIC") and not case_sensitive(canonical):
            canonical = canonical.lower()
        row = {
            "label": label,
            "pattern": form,
            "id": slug(canonical),
            "canonical": canonical,
            "source": "annotations",
            "papers": count,
            "occurs": occurring,
        }
        if case_sensitive(form):
            row["case_sensitive"] = True
        rows.append(row)
    return sorted(rows, key=lambda r: (r["id"], r["pattern"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--min-papers", type=int, default=2)
    parser.add_argument("--min-precision", type=float, default=0.5)
    parser.add_argument("--out", type=Path, default=ROOT / "extractors" / "patterns" / "lexicon.jsonl")
    args = parser.parse_args()
    rows = build(args.min_papers, args.min_precision)
    with args.out.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} patterns -> {args.out}")


if __name__ == "__main__":
    main()
