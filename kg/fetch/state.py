"""What has been fetched for a graph: ``<data dir>/fetch/state.json``.

Per source: whether ``kg update`` fetches it (``saved``), its arXiv categories, and ``through``,
the last day fetched and ingested completely (days before today only: today's listing may still
grow). Per ingested listing file: the SHA-256 of the bytes ingested, so the same listing is never
ingested twice. The file is rewritten whole (temporary file, then rename) after every day.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.atomic import atomic_write
from kg.fetch.errors import FetchError

STATE = Path("fetch") / "state.json"
VERSION = 1


@dataclass
class SourceState:
    """One source of this graph."""

    saved: bool = False
    categories: tuple[str, ...] = ()
    through: dt.date | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "saved": self.saved,
            "categories": list(self.categories),
            "through": self.through.isoformat() if self.through else None,
        }


@dataclass
class FetchState:
    """The sources and the listings ingested, as stored in ``path``."""

    path: Path
    sources: dict[str, SourceState] = field(default_factory=dict)
    ingested: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: Path) -> FetchState:
        path = data_dir / STATE
        state = cls(path)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return state
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise FetchError(f"{path}: cannot read the fetch state ({exc})") from None
        try:
            for name, source in raw["sources"].items():
                through = source.get("through")
                state.sources[name] = SourceState(
                    saved=bool(source.get("saved")),
                    categories=tuple(source.get("categories") or ()),
                    through=dt.date.fromisoformat(through) if through else None,
                )
            state.ingested = {str(k): str(v) for k, v in raw.get("ingested", {}).items()}
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise FetchError(f"{path}: not a fetch state file ({exc!r})") from None
        return state

    def source(self, name: str) -> SourceState:
        return self.sources.setdefault(name, SourceState())

    def save(self) -> None:
        document = {
            "version": VERSION,
            "sources": {name: self.sources[name].as_dict() for name in sorted(self.sources)},
            "ingested": dict(sorted(self.ingested.items())),
        }
        with atomic_write(self.path, durable=True) as handle:
            json.dump(document, handle, indent=2)
            handle.write("\n")

    def key(self, listing: Path) -> str:
        """A listing's key: its path under the data directory."""
        return listing.resolve().relative_to(self.path.parent.parent.resolve()).as_posix()

    def already_ingested(self, listing: Path) -> bool:
        return self.ingested.get(self.key(listing)) == digest(listing)

    def mark_ingested(self, listing: Path) -> None:
        self.ingested[self.key(listing)] = digest(listing)

    def mark_done(self, name: str, day: dt.date, today: dt.date) -> None:
        """Advance the source's ``through`` to ``day`` when that extends it without a gap and
        the day is over (today's listing is fetched again next time)."""
        source = self.source(name)
        if day >= today:
            return
        if source.through is None or day <= source.through + dt.timedelta(days=1):
            source.through = max(day, source.through or day)


def digest(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()
