"""Gazetteer lookup: JSONL pattern files (spaCy EntityRuler style) matched with a PhraseMatcher.

Each line is ``{"label", "pattern", "id", "canonical", ...}``; ``id`` is the canonical entity id.
Patterns match case-insensitively, except a single token with a capital after its first
character (an acronym or CamelCase name such as GLUE, MATH or GloVe), which matches only as
written, so "glue" and "math" in running text are not datasets. Entries flagged
``needs_context`` (ordinary English words) or ``model_like`` (models, which the model finder
handles) are skipped; ``case_sensitive`` forces exact matching.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from extractors.types import Label

LABELS = {"METHOD": Label.METHOD, "DATASET": Label.DATASET, "TASK": Label.TASK, "METRIC": Label.METRIC}
# Curated files first: on a pattern listed twice, the first file wins.
FILE_ORDER = ("curated_",)


@dataclass(frozen=True, slots=True)
class Entry:
    """One pattern and the entity it names."""

    label: Label
    pattern: str
    id: str
    canonical: str
    exact: bool = False

    @property
    def case_sensitive(self) -> bool:
        return self.exact or (" " not in self.pattern and self.pattern[1:] != self.pattern[1:].lower())

    @property
    def dedupe_key(self) -> str:
        return self.pattern if self.case_sensitive else self.pattern.casefold()


def plural(pattern: str) -> str:
    """The plural of a name's last word ("win rate" -> "win rates", "CNN" -> "CNNs"), or ""."""
    last = pattern.rsplit(" ", 1)[-1].rsplit("-", 1)[-1]
    if not last.isalpha() or last.lower().endswith(("s", "x", "sh", "ch", "ing", "ion")) or len(last) < 3:
        return ""
    if last.endswith("y") and last[-2:-1].lower() not in ("a", "e", "o", "u"):
        return pattern[:-1] + "ies"
    return pattern + "s"


def pattern_files(directory: Path | None = None) -> list[Path]:
    """The JSONL pattern files to load, curated first (model families are separate)."""
    folder = directory or Path(str(files("extractors") / "patterns"))
    paths = [p for p in folder.glob("*.jsonl") if p.stem != "model_families"]
    return sorted(paths, key=lambda p: (not p.name.startswith(FILE_ORDER), p.name))


def load_entries(paths: Iterable[Path]) -> Iterator[Entry]:
    """Entries of known labels, first occurrence of a (case-folded) pattern only."""
    seen: set[str] = set()
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{number}: invalid JSON ({exc.msg})") from exc
                label = LABELS.get(row.get("label", ""))
                pattern = str(row.get("pattern", "")).strip()
                if label is None or len(pattern) < 2 or row.get("needs_context") or row.get("model_like"):
                    continue
                canonical = str(row.get("canonical") or pattern)
                for form in (pattern, plural(pattern)):
                    entry = Entry(label, form, str(row["id"]), canonical, bool(row.get("case_sensitive")))
                    if form and entry.dedupe_key not in seen:
                        seen.add(entry.dedupe_key)
                        yield entry
