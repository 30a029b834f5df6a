"""Build the curated gazetteers (extractors/patterns/curated_*.jsonl) from scripts/curated/*.txt.

Each text line is ``canonical | alias | alias ...`` of a well-known technique, task, metric or
dataset, written from general knowledge (not from any evaluation text). Every pattern is also
written in the other spellings of a training word ("supervised finetuning", "supervised fine
tuning" for "supervised fine-tuning"; see :func:`spellings`). Output lines follow spaCy's
EntityRuler pattern format: ``{"label", "pattern", "id", "canonical", "source"}``.

    python scripts/build_curated.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.ids import slug  # noqa: E402

LABELS = {"methods": "METHOD", "datasets": "DATASET", "tasks": "TASK", "metrics": "METRIC"}
# Training words written hyphenated, joined or spaced: "fine-tuning", "finetuning", "fine tuning";
# "pre-training", "pretraining"; "post-training". Every curated pattern gets each spelling.
_JOINABLE = re.compile(r"\b(pre|post|fine)(-| |)(?=train|tun)", re.IGNORECASE)


def spellings(pattern: str) -> list[str]:
    """``pattern`` and its other hyphenations of a joinable prefix, in a fixed order."""
    forms = [pattern]
    if _JOINABLE.search(pattern) is None:
        return forms
    for joint in ("-", "", " "):
        form = _JOINABLE.sub(lambda m, joint=joint: m.group(1) + joint, pattern)
        if form not in forms:
            forms.append(form)
    return forms


def build(source: Path, label: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    seen: dict[str, str] = {}
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        names = [n.strip() for n in line.split("|") if n.strip()]
        canonical = names[0]
        for pattern in (form for name in names for form in spellings(name)):
            key = pattern.casefold()
            if seen.get(key, canonical) != canonical:
                raise SystemExit(f"{source}:{number}: {pattern!r} is also a pattern of {seen[key]!r}")
            if key in seen:
                continue
            seen[key] = canonical
            rows.append(
                {
                    "label": label,
                    "pattern": pattern,
                    "id": slug(canonical),
                    "canonical": canonical,
                    "source": "curated",
                }
            )
    return rows


def main() -> None:
    out = ROOT / "extractors" / "patterns"
    for stem, label in LABELS.items():
        rows = build(ROOT / "scripts" / "curated" / f"{stem}.txt", label)
        target = out / f"curated_{stem}.jsonl"
        target.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{target.relative_to(ROOT)}: {len(rows)} patterns")


if __name__ == "__main__":
    main()
