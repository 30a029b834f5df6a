"""Read the annotations of ``data/annotations``: texts, entities, their mentions in the text.

An annotator names each entity with its surface forms (GUIDELINES schema); its mentions are
every occurrence of those forms in ``title + "\\n" + abstract``, found case-insensitively at
word boundaries. Where forms of different entities overlap, the longer mention wins
(``Llama-2-7B`` over ``Llama``), then the earlier one.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "data" / "annotations"
TYPES = {"methods": "METHOD", "datasets": "DATASET", "models": "MODEL", "tasks": "TASK", "metrics": "METRIC"}


@dataclass
class Paper:
    """One annotated abstract."""

    pid: str
    batch: str
    split: str
    text: str
    record: dict  # the annotation, GUIDELINES schema
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, label)

    @property
    def title(self) -> str:
        return self.text.split("\n", 1)[0]

    @property
    def abstract(self) -> str:
        return self.text.split("\n", 1)[1] if "\n" in self.text else ""

    def gold(self) -> dict:
        """The annotation as a ``kg eval`` gold record (matched by title)."""
        keep = {k: self.record.get(k, []) for k in (*TYPES, "repos")}
        return {"pid": self.pid, "title": self.title, **keep}


def _form_pattern(form: str) -> re.Pattern[str]:
    return re.compile(r"(?<![0-9A-Za-z])" + re.escape(form) + r"(?![0-9A-Za-z])", re.IGNORECASE)


def occurs(form: str, text: str) -> bool:
    """``form`` occurs in ``text`` (case-insensitively, at word boundaries)."""
    return _form_pattern(form).search(text) is not None


def mentions(text: str, record: dict) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, label) mentions of the record's entities in ``text``."""
    found: list[tuple[int, int, str]] = []
    for kind, label in TYPES.items():
        for entity in record.get(kind) or []:
            forms = {entity.get("name", ""), *(entity.get("aliases") or [])}
            for form in forms:
                form = form.strip()
                if len(form) < 2 and not form.isupper():
                    continue
                for m in _form_pattern(form).finditer(text):
                    found.append((m.start(), m.end(), label))
    found.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    taken: list[tuple[int, int, str]] = []
    for span in found:
        if all(span[1] <= t[0] or t[1] <= span[0] for t in taken):
            taken.append(span)
    return sorted(taken)


def manifest() -> dict[str, dict]:
    with (ROOT / "manifest.jsonl").open(encoding="utf-8") as handle:
        return {row["pid"]: row for row in map(json.loads, handle)}


def papers(splits: set[str] | None = None, *, second: bool = False) -> Iterator[Paper]:
    """Annotated papers, batch by batch; ``second`` reads the blind second annotations instead."""
    meta = manifest()
    suffix = ".second.jsonl" if second else ".jsonl"
    for path in sorted((ROOT / "raw").glob(f"b[0-9][0-9][0-9]{suffix}")):
        if not second and path.name.endswith(".second.jsonl"):
            continue
        batch = path.name.split(".")[0]
        texts = {}
        with (ROOT / "texts" / f"{batch}.jsonl").open(encoding="utf-8") as handle:
            for row in map(json.loads, handle):
                texts[row["pid"]] = row["text"]
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                record = json.loads(line)
                pid = record["pid"]
                split = meta[pid]["split"]
                if splits is not None and split not in splits:
                    continue
                text = texts[pid]
                yield Paper(pid, batch, split, text, record, mentions(text, record))


FOLDS = 5


def fold(paper: Paper) -> int:
    """The paper's cross-fitting fold (by batch, so a batch's papers stay together)."""
    return zlib.crc32(paper.batch.encode()) % FOLDS
