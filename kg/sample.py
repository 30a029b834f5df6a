"""The bundled sample corpus: five real Hugging Face Daily Papers pages."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

SAMPLE_LISTING_YEAR = 2026
"""The year the sample pages were listed in: four of the five give no year at all (the fifth's
dates say 2026), so ``kg ingest`` needs ``--listing-year 2026`` for them."""


def sample_paths() -> list[Path]:
    """The sample pages shipped in the package, in order."""
    folder = Path(str(files("kg") / "data" / "sample"))
    return sorted(folder.glob("*.txt"))
