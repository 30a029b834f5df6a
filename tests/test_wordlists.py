"""The extractors' word lists are data files (extractors/data/): each loads, is non-empty, repeats
no entry and is used; a broken file fails with its name and line, not a traceback deep in a finder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractors import wordlists
from extractors.wordlists import WordListError, entries, load, table

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "extractors" / "data"
LISTS = sorted(DATA.glob("*.txt"))
TABLES = sorted(DATA.glob("*.tsv"))
# Where a data file may be used: the extractors, the benchmarks and the training scripts.
USERS = [
    *(ROOT / "extractors").rglob("*.py"),
    *(ROOT / "bench").rglob("*.py"),
    *(ROOT / "scripts").rglob("*.py"),
]


def _raw_entries(path: Path) -> list[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def test_there_are_word_lists_and_a_readme_naming_each() -> None:
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert len(LISTS) + len(TABLES) >= 50
    for path in [*LISTS, *TABLES]:
        assert f"`{path.name}`" in readme, f"{path.name} is missing from extractors/data/README.md"


@pytest.mark.parametrize("path", LISTS, ids=lambda p: p.name)
def test_every_list_loads_non_empty_without_repeats(path: Path) -> None:
    raw = _raw_entries(path)
    assert raw, f"{path.name} has no entries"
    assert len(raw) == len(set(raw)), f"{path.name} repeats an entry"
    assert entries(path.stem) == tuple(raw)
    assert load(path.stem) == frozenset(raw)
    assert path.read_text(encoding="utf-8").startswith("#"), f"{path.name} needs a header comment"


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.name)
def test_every_table_loads_non_empty_without_repeated_keys(path: Path) -> None:
    raw = _raw_entries(path)
    rows = table(path.stem)
    assert rows and len(rows) == len(raw) == len({line.split("\t")[0] for line in raw})
    assert path.read_text(encoding="utf-8").startswith("#"), f"{path.name} needs a header comment"


@pytest.mark.parametrize("path", [*LISTS, *TABLES], ids=lambda p: p.name)
def test_every_data_file_is_used(path: Path) -> None:
    used = re.compile(rf"[\"'/]{re.escape(path.stem)}(?:{re.escape(path.suffix)})?[\"']")
    users = [user for user in USERS if used.search(user.read_text(encoding="utf-8"))]
    assert users, f"no module reads extractors/data/{path.name}"


def test_a_bad_file_is_one_clear_error_naming_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "twice.txt").write_text("# header\nalpha\nbeta\nalpha\n", encoding="utf-8")
    (tmp_path / "data" / "empty.txt").write_text("# only a header\n\n", encoding="utf-8")
    (tmp_path / "data" / "untabbed.tsv").write_text("# header\nkey value\n", encoding="utf-8")
    monkeypatch.setattr(wordlists, "files", lambda package: tmp_path)
    for cached in (wordlists.entries, wordlists.load, wordlists.table):
        cached.cache_clear()
    try:
        with pytest.raises(WordListError, match=r"extractors/data/twice\.txt:4: 'alpha' repeats line 2"):
            entries("twice")
        with pytest.raises(WordListError, match=r"extractors/data/empty\.txt: no entries"):
            load("empty")
        with pytest.raises(WordListError, match=r"extractors/data/untabbed\.tsv:2: expected a key, a tab"):
            table("untabbed")
        with pytest.raises(WordListError, match=r"extractors/data/missing\.txt: no such word list"):
            entries("missing")
    finally:
        for cached in (wordlists.entries, wordlists.load, wordlists.table):
            cached.cache_clear()
