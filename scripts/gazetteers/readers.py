"""File readers shared by the sources, and the annotated-mention record."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class Mention:
    """One annotated entity mention from a corpus (pooled before it becomes an entity)."""

    text: str
    source: str
    acronym: str | None = None  # from "long ( ACR )"


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON objects of a JSON Lines file (blank lines skipped)."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def read_tsv(path: Path) -> Iterator[list[str]]:
    """Tab-separated rows whose second column is non-empty."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and parts[1].strip():
                yield parts
