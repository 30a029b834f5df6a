"""The bundled sample corpus: five real Hugging Face Daily Papers pages."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def sample_paths() -> list[Path]:
    """The sample pages shipped in the package, in order."""
    folder = Path(str(files("kg") / "data" / "sample"))
    return sorted(folder.glob("*.txt"))
