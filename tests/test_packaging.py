"""A non-editable install carries the package data: sample corpus, pattern files, queries."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_ships_code_data_and_the_console_script(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            tmp_path,
            ROOT,
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("paper_kg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert len([n for n in names if n.startswith("kg/data/sample/") and n.endswith(".txt")]) == 5
    assert "kg/cli/main.py" in names and "extractors/factories.py" in names and "queries/__init__.py" in names
    assert {n for n in names if n.startswith("extractors/patterns/")} == {
        f"extractors/patterns/{p.name}" for p in (ROOT / "extractors" / "patterns").glob("*.jsonl")
    }
    # The whole pipeline directory ships (spacy.load rebuilds it), trained weights and data files too,
    # and the wheel stays small.
    pipeline = ROOT / "extractors" / "pipeline"
    assert {n for n in names if n.startswith("extractors/pipeline/")} == {
        f"extractors/pipeline/{p.relative_to(pipeline)}" for p in pipeline.rglob("*") if p.is_file()
    }
    assert {n for n in names if n.startswith("extractors/data/")} >= {
        f"extractors/data/{p.name}" for p in (ROOT / "extractors" / "data").glob("*.t*")
    }
    assert {n for n in names if n.startswith("kg/data/concepts/")} == {
        f"kg/data/concepts/{p.name}" for p in (ROOT / "kg" / "data" / "concepts").iterdir()
    }
    assert wheel.stat().st_size < 50 * 2**20
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "kg = kg.cli:main" in text and "kg_links = extractors.factories:make_link_finder" in text
